import { Injectable } from '@nestjs/common';
import { RequestContextFactory } from '@lib/context';
import { AgencyFanOut, HandlesJob, JobHandler, JobName, TenantJobPayload } from '@lib/queue';
import type { Job } from 'bullmq';
import { AuthHousekeepingService, PurgeResult } from '../auth-housekeeping.service';

/** Daily: one purge job per agency. */
@Injectable()
@HandlesJob(JobName.PURGE_EXPIRED_AUTH_SWEEP)
export class PurgeExpiredAuthSweepJob implements JobHandler<Record<string, never>> {
  constructor(private readonly fanOut: AgencyFanOut) {}

  run(_payload: Record<string, never>, job: Job): Promise<number> {
    return this.fanOut.enqueueForEveryAgency(job, JobName.PURGE_EXPIRED_AUTH);
  }
}

/** One agency's expired sessions and invitations, in that agency's transaction. */
@Injectable()
@HandlesJob(JobName.PURGE_EXPIRED_AUTH)
export class PurgeExpiredAuthJob implements JobHandler<TenantJobPayload> {
  constructor(
    private readonly contexts: RequestContextFactory,
    private readonly housekeeping: AuthHousekeepingService,
  ) {}

  run(payload: TenantJobPayload): Promise<PurgeResult> {
    return this.contexts.runForAgency(payload.agencyId, JobName.PURGE_EXPIRED_AUTH, (ctx) =>
      this.housekeeping.purgeExpired(ctx),
    );
  }
}
