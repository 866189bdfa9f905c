import { Injectable } from '@nestjs/common';
import { RequestContextFactory } from '@lib/context';
import { AgencyFanOut, HandlesJob, JobHandler, JobName, JobPayloads } from '@lib/queue';
import type { Job } from 'bullmq';
import { ErasureService } from './erasure.service';

/** Daily: one data-rights job per agency. */
@Injectable()
@HandlesJob(JobName.DATA_RIGHTS_SWEEP)
export class DataRightsSweepJob implements JobHandler<JobPayloads[JobName.DATA_RIGHTS_SWEEP]> {
  constructor(private readonly fanOut: AgencyFanOut) {}

  run(_payload: JobPayloads[JobName.DATA_RIGHTS_SWEEP], job: Job): Promise<number> {
    return this.fanOut.enqueueForEveryAgency(job, JobName.DATA_RIGHTS_AGENCY);
  }
}

/** One agency's due erasures and retention, in that agency's transaction: all of a candidate or nothing. */
@Injectable()
@HandlesJob(JobName.DATA_RIGHTS_AGENCY)
export class DataRightsAgencyJob implements JobHandler<JobPayloads[JobName.DATA_RIGHTS_AGENCY]> {
  constructor(
    private readonly contexts: RequestContextFactory,
    private readonly erasures: ErasureService,
  ) {}

  async run(payload: JobPayloads[JobName.DATA_RIGHTS_AGENCY]): Promise<{ anonymised: number }> {
    const anonymised = await this.contexts.runForAgency(payload.agencyId, JobName.DATA_RIGHTS_AGENCY, (ctx) =>
      this.erasures.runDue(ctx),
    );
    return { anonymised };
  }
}
