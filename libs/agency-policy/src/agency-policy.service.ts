import { Injectable } from '@nestjs/common';
import { AgenciesService } from '@lib/agencies';
import { AuditService } from '@lib/audit';
import { Clock } from '@lib/clock';
import { RequestContext } from '@lib/context';
import { BadUserInputError, FieldProblem } from '@lib/errors';
import { defaultFollowUpPolicy, FollowUpPolicy } from '@lib/policy';
import { jobId, JobName, JobQueue } from '@lib/queue';
import Holidays from 'date-holidays';
import { AgencyPolicy } from './agency-policy.entity';
import { UpdateAgencyPolicyInput } from './dto/update-agency-policy.input';

@Injectable()
export class AgencyPolicyService {
  constructor(
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly agencies: AgenciesService,
    private readonly jobs: JobQueue,
  ) {}

  /** The agency's policy: its own row, or the articles' defaults until an admin changes something. */
  get(ctx: RequestContext): Promise<FollowUpPolicy> {
    return ctx.memo('agency-policy', async () => {
      const row = await (await ctx.repository(AgencyPolicy)).findOneBy({ agencyId: ctx.agencyId! });
      if (row) return toPolicy(row);
      return defaultFollowUpPolicy((await this.agencies.current(ctx)).country);
    });
  }

  async update(ctx: RequestContext, input: UpdateAgencyPolicyInput): Promise<FollowUpPolicy> {
    const current = await this.get(ctx);
    const { holidays, ...rules } = input;
    const changed = Object.fromEntries(
      Object.entries(rules).filter(([, value]) => value !== undefined && value !== null),
    );
    const next: FollowUpPolicy = {
      ...current,
      ...changed,
      ...(holidays
        ? {
            holidayCountry: holidays.country.toUpperCase(),
            holidayRegion: holidays.region?.toUpperCase() || null,
            extraHolidays: [...new Set(holidays.extraDates ?? [])].sort(),
          }
        : {}),
    };
    assertConsistent(next);
    await (
      await ctx.repository(AgencyPolicy)
    ).upsert({ agencyId: ctx.agencyId!, ...next, updatedAt: this.clock.now(), updatedByUserId: ctx.user.userId }, [
      'agencyId',
    ]);
    await this.audit.record(ctx, {
      action: 'agency_policy.updated',
      recordType: 'agency_policy',
      recordId: ctx.agencyId!,
      details: { changed: [...Object.keys(changed), ...(holidays ? ['holidays'] : [])] },
    });
    // Every open application is planned again under the new rules, in the background and in batches.
    const agencyId = ctx.agencyId!;
    ctx.afterCommit(async () => {
      await this.jobs.add(
        JobName.RECOMPUTE_AGENCY,
        { agencyId },
        { jobId: jobId(JobName.RECOMPUTE_AGENCY, ctx.requestId) },
      );
      // The weekly report's Monday scheduler follows the report hour.
      await this.jobs.add(
        JobName.REPORT_SCHEDULE_AGENCY,
        { agencyId },
        { jobId: jobId(JobName.REPORT_SCHEDULE_AGENCY, ctx.requestId) },
      );
    });
    return next;
  }
}

function toPolicy(row: AgencyPolicy): FollowUpPolicy {
  const { agencyId: _agency, updatedAt: _at, updatedByUserId: _by, ...policy } = row;
  return {
    ...policy,
    holidayCountry: policy.holidayCountry.trim(),
    extraHolidays: policy.extraHolidays.map(isoDate),
  };
}

/** pg reads a date[] as local-midnight Dates; the calendar works with yyyy-MM-dd. */
function isoDate(value: string | Date): string {
  if (typeof value === 'string') return value.slice(0, 10);
  const pad = (part: number) => String(part).padStart(2, '0');
  return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
}

/** Rules that involve more than one field. */
function assertConsistent(policy: FollowUpPolicy): void {
  const problems: FieldProblem[] = [];
  policy.contactWindows.forEach((window, index) => {
    if (window.start >= window.end) {
      problems.push({ field: `contactWindows.${index}`, message: 'A contact window must end after it starts' });
    }
  });
  if (policy.holidayRegion) {
    const regions = new Holidays().getStates(policy.holidayCountry) ?? {};
    if (!(policy.holidayRegion in regions)) {
      problems.push({
        field: 'holidays.region',
        message: `${policy.holidayRegion} is not a region of ${policy.holidayCountry}`,
      });
    }
  }
  if (problems.length > 0) throw new BadUserInputError(problems.map((problem) => problem.message).join('; '), problems);
}
