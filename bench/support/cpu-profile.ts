import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

/**
 * When BENCH_CPU_PROFILE names a file, profiles this process's CPU until it
 * is told to stop (SIGTERM), then writes the profile there (open it in Chrome's
 * DevTools or speedscope). `--cpu-prof` would not do: Nest re-raises the
 * signal after its shutdown hooks, and a process ended by a signal writes none.
 */
export function profileUntilStopped(): void {
  const file = process.env.BENCH_CPU_PROFILE;
  if (!file) return;
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.start');
  process.prependOnceListener('SIGTERM', () => {
    // A session of the process's own thread answers before post() returns: the file is written here.
    session.post('Profiler.stop', (error, result) => {
      if (!error) writeFileSync(file, JSON.stringify(result.profile));
      session.disconnect();
    });
  });
}
