/**
 * The worker as `npm run start:worker` runs it, with two differences for the
 * benchmarks: its clock stands at BENCH_NOW (the Monday after the seeded
 * week, when the seeded rungs fall due and last week's reports are made), and
 * it installs no recurring schedule, so nothing but the jobs the bench
 * enqueues runs. Started as a child process by worker.section.ts; prints
 * "ready" on stdout once its processors take jobs.
 */
import 'reflect-metadata';
import { Test } from '@nestjs/testing';
import { Clock, FixedClock } from '@lib/clock';
import { Schedules } from '../../apps/worker/src/schedules';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { profileUntilStopped } from '../support/cpu-profile';

async function main(): Promise<void> {
  const now = process.env.BENCH_NOW;
  if (!now) throw new Error('BENCH_NOW is required');
  profileUntilStopped();
  const moduleRef = await Test.createTestingModule({ imports: [WorkerModule] })
    .overrideProvider(Clock)
    .useValue(new FixedClock(now))
    .overrideProvider(Schedules)
    .useValue({})
    .compile();
  moduleRef.enableShutdownHooks();
  await moduleRef.init();
  process.stdout.write('ready\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
