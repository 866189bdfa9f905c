import { ChaosQueues } from './job-queues';
import { sleep } from './wait';

const VERBOSE = Boolean(process.env.CHAOS_VERBOSE);

/**
 * Polls `outcome` until `done` holds, and returns it. A read that fails (a server just back) is tried again.
 * With CHAOS_VERBOSE set, prints each reading and the queues' backlog, to see where a slow settle waits; on
 * timeout, the error carries the last reading and backlog.
 */
export async function waitToSettle<T>(
  what: string,
  outcome: () => Promise<T>,
  done: (reading: T) => boolean,
  queues: ChaosQueues,
  timeoutMs: number,
): Promise<T> {
  const started = Date.now();
  let last: T | string = 'nothing read';
  let lastPrinted = 0;
  while (Date.now() - started < timeoutMs) {
    try {
      const reading = await outcome();
      last = reading;
      if (done(reading)) return reading;
      if (VERBOSE && Date.now() - lastPrinted > 2000) {
        lastPrinted = Date.now();
        process.stdout.write(
          `[chaos] ${Date.now() - started} ms waiting for ${what}: ${JSON.stringify(reading)} ${JSON.stringify(await queues.backlog())}\n`,
        );
      }
    } catch (error) {
      last = `unreadable: ${(error as Error).message}`;
    }
    await sleep(250);
  }
  const backlog = await queues.backlog().catch((error: Error) => error.message);
  throw new Error(
    `Timed out after ${timeoutMs} ms waiting for ${what}; last seen ${JSON.stringify(last)}, queues ${JSON.stringify(backlog)}`,
  );
}
