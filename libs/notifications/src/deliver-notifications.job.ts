import { Injectable } from '@nestjs/common';
import { Clock } from '@lib/clock';
import { HandlesJob, jobId, JobHandler, JobName, JobQueue, TenantJobPayload } from '@lib/queue';
import { DeliveryResult, NotificationDeliveryService } from './notification-delivery.service';

/**
 * Delivers what is due in one agency's outbox, then sets itself a delayed run
 * for the earliest retry (or a lease that runs out). The job id is the time
 * of that run, so the runs of concurrent workers plan it once.
 */
@Injectable()
@HandlesJob(JobName.DELIVER_NOTIFICATIONS)
export class DeliverNotificationsJob implements JobHandler<TenantJobPayload> {
  constructor(
    private readonly delivery: NotificationDeliveryService,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
  ) {}

  async run(payload: TenantJobPayload): Promise<DeliveryResult> {
    const result = await this.delivery.deliverDue(payload.agencyId);
    if (result.nextAttemptAt) {
      const at = result.nextAttemptAt.getTime();
      await this.jobs.add(
        JobName.DELIVER_NOTIFICATIONS,
        { agencyId: payload.agencyId },
        {
          jobId: jobId(JobName.DELIVER_NOTIFICATIONS, payload.agencyId, at),
          delay: Math.max(at - this.clock.now().getTime(), 0),
          removeOnComplete: true,
        },
      );
    }
    return result;
  }
}
