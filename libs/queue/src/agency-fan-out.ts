import { Injectable } from '@nestjs/common';
import { RequestContextFactory } from '@lib/context';
import type { Job } from 'bullmq';
import { jobId, JobName } from './job-names';
import { JobQueue } from './job-queue';

type AgencyJobName =
  | JobName.PURGE_EXPIRED_AUTH
  | JobName.ESCALATE_AGENCY
  | JobName.DIGEST_AGENCY
  | JobName.DATA_RIGHTS_AGENCY
  | JobName.REPORT_SCHEDULE_AGENCY;

/**
 * A sweep runs one job per agency, each in its own transaction under its own
 * row-level-security scope. The per-agency job ids derive from the sweep's
 * own id, so a retried or duplicated sweep enqueues nothing twice.
 */
@Injectable()
export class AgencyFanOut {
  constructor(
    private readonly contexts: RequestContextFactory,
    private readonly jobs: JobQueue,
  ) {}

  enqueueForEveryAgency(sweep: Job, jobName: AgencyJobName): Promise<number> {
    return this.enqueueForAgenciesFrom(sweep, jobName, 'SELECT agency_ids() AS id');
  }

  /**
   * One job for each agency the statement returns (one `id` column), read
   * without an agency scope: it must be a function made to answer across
   * agencies, as agency_ids() is.
   */
  async enqueueForAgenciesFrom(
    sweep: Job,
    jobName: AgencyJobName,
    statement: string,
    parameters: unknown[] = [],
  ): Promise<number> {
    const rows = await this.contexts.run(this.contexts.create(), (ctx) =>
      ctx.query<{ id: string }>(statement, parameters),
    );
    await this.jobs.addBulk(
      jobName,
      rows.map(({ id }) => ({ payload: { agencyId: id }, options: { jobId: jobId(jobName, sweep.id!, id) } })),
    );
    return rows.length;
  }
}
