import { Injectable } from '@nestjs/common';
import { RequestContextFactory } from '@lib/context';
import { NotificationKick } from '@lib/notifications';
import { AgencyFanOut, HandlesJob, JobHandler, JobName, JobPayloads } from '@lib/queue';
import type { Job } from 'bullmq';
import { DailyDigestService } from './daily-digest.service';

/** Hourly: every agency is asked whether its digest morning has come (time zones differ). */
@Injectable()
@HandlesJob(JobName.DIGEST_SWEEP)
export class DigestSweepJob implements JobHandler<JobPayloads[JobName.DIGEST_SWEEP]> {
  constructor(private readonly fanOut: AgencyFanOut) {}

  run(_payload: JobPayloads[JobName.DIGEST_SWEEP], job: Job): Promise<number> {
    return this.fanOut.enqueueForEveryAgency(job, JobName.DIGEST_AGENCY);
  }
}

@Injectable()
@HandlesJob(JobName.DIGEST_AGENCY)
export class DigestAgencyJob implements JobHandler<JobPayloads[JobName.DIGEST_AGENCY]> {
  constructor(
    private readonly contexts: RequestContextFactory,
    private readonly digests: DailyDigestService,
    private readonly kick: NotificationKick,
  ) {}

  run(payload: JobPayloads[JobName.DIGEST_AGENCY]): Promise<{ written: number }> {
    return this.contexts.runForAgency(payload.agencyId, JobName.DIGEST_AGENCY, async (ctx) => {
      const written = await this.digests.writeIfDue(ctx);
      if (written > 0) this.kick.afterCommit(ctx);
      return { written };
    });
  }
}
