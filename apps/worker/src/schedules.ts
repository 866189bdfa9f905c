import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { JobName, QueueName } from '@lib/queue';
import type { Queue } from 'bullmq';

/** The recurring jobs. Upserted at every start, so a schedule exists once however many workers run. */
@Injectable()
export class Schedules implements OnApplicationBootstrap {
  constructor(@InjectQueue(QueueName.MAINTENANCE) private readonly maintenance: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.maintenance.upsertJobScheduler(
      JobName.PURGE_EXPIRED_AUTH_SWEEP,
      { pattern: '17 3 * * *', tz: 'UTC' },
      { name: JobName.PURGE_EXPIRED_AUTH_SWEEP, data: {} },
    );
  }
}
