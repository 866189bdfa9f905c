import { Processor, WorkerHost } from '@nestjs/bullmq';
import { JobDispatcher, QueueName } from '@lib/queue';
import type { Job } from 'bullmq';

@Processor(QueueName.MAINTENANCE)
export class MaintenanceProcessor extends WorkerHost {
  constructor(private readonly dispatcher: JobDispatcher) {
    super();
  }

  process(job: Job): Promise<unknown> {
    return this.dispatcher.dispatch(job);
  }
}
