import { Injectable } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { JobDurations } from '@lib/metrics';
import { JobDispatcher, QueueName } from '@lib/queue';
import type { Job } from 'bullmq';

/** Every queue's jobs go through the one dispatcher, which knows each job name's handler. */
// Injectable so its constructor's parameter types are emitted for the subclasses to inherit.
@Injectable()
abstract class DispatchingProcessor extends WorkerHost {
  constructor(
    private readonly dispatcher: JobDispatcher,
    private readonly durations: JobDurations,
  ) {
    super();
  }

  process(job: Job): Promise<unknown> {
    return this.durations.time(job.queueName, job.name, () => this.dispatcher.dispatch(job));
  }
}

@Processor(QueueName.MAINTENANCE)
export class MaintenanceProcessor extends DispatchingProcessor {}

@Processor(QueueName.FOLLOW_UP, { concurrency: 4 })
export class FollowUpProcessor extends DispatchingProcessor {}

@Processor(QueueName.NOTIFICATIONS, { concurrency: 4 })
export class NotificationsProcessor extends DispatchingProcessor {}
