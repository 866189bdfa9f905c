import { Global, Module, OnApplicationShutdown } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { BullModule } from '@nestjs/bullmq';
import { redisConfig } from '@lib/config';
import { AgencyFanOut } from './agency-fan-out';
import { JobQueue } from './job-queue';
import { QueueName } from './queue-names';
import { bullPrefix } from './queue-prefix';
import { closeQueueConnection, queueConnection } from './redis-connection';

const DAY_SECONDS = 24 * 60 * 60;

/** Every job's retries and retention, whoever enqueues it (the apps, or `npm run sweep`). */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 5000 },
  removeOnComplete: { age: DAY_SECONDS, count: 10000 },
  removeOnFail: { age: 7 * DAY_SECONDS },
};

/** The queues, for whoever enqueues (API, worker). Processing lives in apps/worker. */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [redisConfig.KEY],
      useFactory: (config: ConfigType<typeof redisConfig>) => ({
        connection: queueConnection(config),
        prefix: bullPrefix(config.keyPrefix),
        defaultJobOptions: DEFAULT_JOB_OPTIONS,
      }),
    }),
    ...Object.values(QueueName).map((name) => BullModule.registerQueue({ name })),
  ],
  providers: [JobQueue, AgencyFanOut],
  exports: [BullModule, JobQueue, AgencyFanOut],
})
export class QueueModule implements OnApplicationShutdown {
  constructor(private readonly jobs: JobQueue) {}

  /**
   * A Redis Cluster client is shared by every queue and worker, and BullMQ leaves it open. Nest shuts down
   * global modules last, in the reverse of the order it found them: this module comes before the BullMQ
   * module it imports, so this runs after BullMQ has closed the workers (which finish their jobs in hand
   * over this client) and the queues.
   */
  async onApplicationShutdown(): Promise<void> {
    await closeQueueConnection(this.jobs.queueByName(QueueName.MAINTENANCE).opts.connection);
  }
}
