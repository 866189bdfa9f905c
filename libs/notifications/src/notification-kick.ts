import { Injectable } from '@nestjs/common';
import { RequestContext } from '@lib/context';
import { jobId, JobName, JobQueue } from '@lib/queue';

const KICKED = Symbol('notifications-kicked');

/**
 * Wakes the delivery of the agency's outbox once the caller's transaction
 * has committed, so the worker never looks before the notifications exist.
 * Losing a kick (Redis down) delays delivery, it loses nothing: the rows stay
 * PENDING for the next delivery run.
 */
@Injectable()
export class NotificationKick {
  constructor(private readonly jobs: JobQueue) {}

  /** Whether the agency's outbox holds anything undelivered (the delivery job waits for what is not due yet). */
  async hasPending(ctx: RequestContext): Promise<boolean> {
    const rows = await ctx.query(`SELECT 1 FROM notifications WHERE agency_id = $1 AND status = 'PENDING' LIMIT 1`, [
      ctx.agencyId,
    ]);
    return rows.length > 0;
  }

  afterCommit(ctx: RequestContext): void {
    const agencyId = ctx.agencyId;
    if (!agencyId) throw new Error('Notifications are kicked from an agency-scoped context');
    // Once per context, however many producers in it announce something.
    ctx.memo(KICKED, () =>
      ctx.afterCommit(() =>
        this.jobs.add(
          JobName.DELIVER_NOTIFICATIONS,
          { agencyId },
          // Removed once run: the id dedupes kicks that wait together, not a later request with a reused request id.
          { jobId: jobId(JobName.DELIVER_NOTIFICATIONS, agencyId, 'kick', ctx.requestId), removeOnComplete: true },
        ),
      ),
    );
  }
}
