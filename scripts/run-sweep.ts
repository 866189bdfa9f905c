/**
 * `npm run sweep`: asks the workers to sweep every agency for stalled
 * applications now, instead of at the next quarter hour. It only enqueues the
 * sweep (REDIS_URL, REDIS_KEY_PREFIX); a running worker does the work, one
 * job and one transaction per agency.
 */
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigModule, loadDotEnv } from '@lib/config';
import { jobId, JobName, JobQueue, QueueModule } from '@lib/queue';

@Module({ imports: [ConfigModule, QueueModule] })
class SweepCommandModule {}

async function main(): Promise<void> {
  loadDotEnv();
  const app = await NestFactory.createApplicationContext(SweepCommandModule, { logger: false });
  try {
    const id = jobId('manual', JobName.ESCALATION_SWEEP, Date.now());
    await app.get(JobQueue).add(JobName.ESCALATION_SWEEP, {}, { jobId: id });
    process.stdout.write(`Escalation sweep enqueued as job ${id}\n`);
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
