import { Injectable } from '@nestjs/common';
import { jobId, JobName, JobQueue } from '@lib/queue';

/**
 * Each agency's weekly report has its own job scheduler: Monday at the
 * agency's chosen hour, in the agency's time zone, so daylight-saving changes
 * move it with the agency's clocks. Upserting is idempotent.
 */
@Injectable()
export class ReportScheduler {
  constructor(private readonly jobs: JobQueue) {}

  static key(agencyId: string): string {
    return jobId(JobName.WEEKLY_REPORT, agencyId);
  }

  async schedule(agencyId: string, timezone: string, hour: number): Promise<void> {
    await this.jobs
      .queueOf(JobName.WEEKLY_REPORT)
      .upsertJobScheduler(
        ReportScheduler.key(agencyId),
        { pattern: `0 ${hour} * * 1`, tz: timezone },
        { name: JobName.WEEKLY_REPORT, data: { agencyId } },
      );
  }
}
