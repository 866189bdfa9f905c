import { Injectable } from '@nestjs/common';
import { AgenciesService } from '@lib/agencies';
import { AgencyPolicyService } from '@lib/agency-policy';
import { Clock } from '@lib/clock';
import { RequestContextFactory } from '@lib/context';
import { NotificationKick } from '@lib/notifications';
import { AgencyFanOut, HandlesJob, JobHandler, JobName, JobPayloads } from '@lib/queue';
import type { Job } from 'bullmq';
import { DateTime } from 'luxon';
import { PipelineReportsService } from './pipeline-reports.service';
import { ReportScheduler } from './report-scheduler';
import { queueWeeklyReportMail } from './weekly-report-mail';

@Injectable()
@HandlesJob(JobName.REPORT_SCHEDULES_SWEEP)
export class ReportSchedulesSweepJob implements JobHandler<JobPayloads[JobName.REPORT_SCHEDULES_SWEEP]> {
  constructor(private readonly fanOut: AgencyFanOut) {}

  run(_payload: JobPayloads[JobName.REPORT_SCHEDULES_SWEEP], job: Job): Promise<number> {
    return this.fanOut.enqueueForEveryAgency(job, JobName.REPORT_SCHEDULE_AGENCY);
  }
}

/** Puts the agency's Monday scheduler at its hour and time zone (new agencies, changed policies). */
@Injectable()
@HandlesJob(JobName.REPORT_SCHEDULE_AGENCY)
export class ReportScheduleAgencyJob implements JobHandler<JobPayloads[JobName.REPORT_SCHEDULE_AGENCY]> {
  constructor(
    private readonly contexts: RequestContextFactory,
    private readonly agencies: AgenciesService,
    private readonly policies: AgencyPolicyService,
    private readonly scheduler: ReportScheduler,
  ) {}

  async run(payload: JobPayloads[JobName.REPORT_SCHEDULE_AGENCY]): Promise<void> {
    const { timezone, hour } = await this.contexts.runForAgency(
      payload.agencyId,
      JobName.REPORT_SCHEDULE_AGENCY,
      async (ctx) => ({
        timezone: (await this.agencies.current(ctx)).timezone,
        hour: (await this.policies.get(ctx)).weeklyReportHour,
      }),
    );
    await this.scheduler.schedule(payload.agencyId, timezone, hour);
  }
}

/**
 * Monday in the agency's time zone: the report of the week that just ended,
 * generated once (a re-run returns the stored one) and e-mailed once to each
 * recipient, in one transaction with its outbox rows.
 */
@Injectable()
@HandlesJob(JobName.WEEKLY_REPORT)
export class WeeklyReportJob implements JobHandler<JobPayloads[JobName.WEEKLY_REPORT]> {
  constructor(
    private readonly contexts: RequestContextFactory,
    private readonly clock: Clock,
    private readonly agencies: AgenciesService,
    private readonly policies: AgencyPolicyService,
    private readonly reports: PipelineReportsService,
    private readonly kick: NotificationKick,
  ) {}

  run(payload: JobPayloads[JobName.WEEKLY_REPORT]): Promise<{ weekStart: string; emailed: number }> {
    return this.contexts.runForAgency(payload.agencyId, JobName.WEEKLY_REPORT, async (ctx) => {
      const agency = await this.agencies.current(ctx);
      const now = this.clock.now();
      const weekStart = DateTime.fromJSDate(now, { zone: agency.timezone })
        .startOf('week')
        .minus({ weeks: 1 })
        .toISODate()!;
      const report = await this.reports.generate(ctx, weekStart, false);
      const emailed = await queueWeeklyReportMail(ctx, {
        agencyName: agency.name,
        report,
        recipients: (await this.policies.get(ctx)).reportRecipients,
        now,
      });
      if (emailed > 0) this.kick.afterCommit(ctx);
      return { weekStart, emailed };
    });
  }
}
