import { Injectable } from '@nestjs/common';
import { AgencyPolicyService } from '@lib/agency-policy';
import { RequestContext } from '@lib/context';
import { WorkingCalendar } from '@lib/policy';
import {
  COUNSELORS,
  COUNT_BY_COUNSELOR,
  DECISIONS,
  FOLLOW_UPS_BY,
  SIGNALS_BY_KIND,
  STAGES_BY_COUNSELOR,
  STALLED,
} from './figures.sql';
import { ActivityFigures, CountBy, PipelineFigures, StageFigures, StalledApplication } from './report-figures';
import { ReportWeek } from './report-week';

type ActivityKey = keyof typeof COUNT_BY_COUNSELOR;
const ACTIVITY_KEYS = Object.keys(COUNT_BY_COUNSELOR) as ActivityKey[];

const rate = (answered: number, made: number) => (made === 0 ? null : Math.round((answered / made) * 1000) / 1000);

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** One agency's week in figures, from set-based statements under the agency's row-level security. */
@Injectable()
export class ReportFiguresService {
  constructor(private readonly policies: AgencyPolicyService) {}

  async compute(ctx: RequestContext, week: ReportWeek, previous: ReportWeek): Promise<PipelineFigures> {
    const args = [ctx.agencyId, week.from, week.to];
    const counselors = await ctx.query<{ id: string; full_name: string }>(COUNSELORS, [ctx.agencyId]);
    const activity = await this.activityByCounselor(ctx, args);
    const stageRows = await ctx.query<{
      counselor_id: string;
      stage: string;
      count: number;
      moved_in: number;
      moved_out: number;
    }>(STAGES_BY_COUNSELOR, args);
    const totals = sumActivity([...activity.values()]);
    const before = sumActivity([
      ...(await this.activityByCounselor(ctx, [ctx.agencyId, previous.from, previous.to])).values(),
    ]);
    return {
      ...totals,
      stages: stagesOf(stageRows),
      followUpsByChannel: await ctx.query<CountBy>(FOLLOW_UPS_BY('channel'), args),
      followUpsByPurpose: await ctx.query<CountBy>(FOLLOW_UPS_BY('purpose'), args),
      followUpsByOutcome: await ctx.query<CountBy>(FOLLOW_UPS_BY('outcome'), args),
      referenceSignalsByKind: await ctx.query<CountBy>(SIGNALS_BY_KIND, args),
      medianDaysToDecision: await this.medianDaysToDecision(ctx, args),
      stalled: (await ctx.query<StalledApplication & { raisedAt: Date }>(STALLED, args)).map((row) => ({
        ...row,
        raisedAt: row.raisedAt.toISOString(),
      })),
      perCounselor: counselors.map((counselor) => ({
        counselorId: counselor.id,
        counselorName: counselor.full_name,
        ...(activity.get(counselor.id) ?? sumActivity([])),
        stages: stagesOf(stageRows.filter((row) => row.counselor_id === counselor.id)),
      })),
      change: Object.fromEntries(
        (Object.keys(totals) as (keyof ActivityFigures)[])
          .filter((key) => key !== 'responseRate')
          .map((key) => [key, (totals[key] as number) - (before[key] as number)]),
      ),
    };
  }

  private async activityByCounselor(ctx: RequestContext, args: unknown[]): Promise<Map<string, ActivityFigures>> {
    const byCounselor = new Map<string, Record<ActivityKey, number>>();
    for (const key of ACTIVITY_KEYS) {
      for (const row of await ctx.query<{ counselor_id: string; n: number }>(COUNT_BY_COUNSELOR[key], args)) {
        const figures = byCounselor.get(row.counselor_id) ?? emptyCounts();
        figures[key] = row.n;
        byCounselor.set(row.counselor_id, figures);
      }
    }
    return new Map(
      [...byCounselor].map(([id, counts]) => [
        id,
        { ...counts, responseRate: rate(counts.followUpsAnswered, counts.followUpsMade) },
      ]),
    );
  }

  /** Working days are the employer's (time zone) with the agency's holidays: computed per decision, a small set. */
  private async medianDaysToDecision(ctx: RequestContext, args: unknown[]): Promise<number | null> {
    const policy = await this.policies.get(ctx);
    const decisions = await ctx.query<{ decided_at: Date; interviewed_at: Date | null; timezone: string }>(
      DECISIONS,
      args,
    );
    const days = decisions
      .filter((decision) => decision.interviewed_at)
      .map((decision) =>
        new WorkingCalendar({
          timezone: decision.timezone,
          country: policy.holidayCountry,
          region: policy.holidayRegion,
          extraHolidays: policy.extraHolidays,
        }).workingDaysBetween(decision.interviewed_at!, decision.decided_at),
      );
    return median(days);
  }
}

function emptyCounts(): Record<ActivityKey, number> {
  return Object.fromEntries(ACTIVITY_KEYS.map((key) => [key, 0])) as Record<ActivityKey, number>;
}

function sumActivity(rows: ActivityFigures[]): ActivityFigures {
  const counts = emptyCounts();
  for (const row of rows) for (const key of ACTIVITY_KEYS) counts[key] += row[key];
  return { ...counts, responseRate: rate(counts.followUpsAnswered, counts.followUpsMade) };
}

function stagesOf(rows: { stage: string; count: number; moved_in: number; moved_out: number }[]): StageFigures[] {
  const byStage = new Map<string, StageFigures>();
  for (const row of rows) {
    const figures = byStage.get(row.stage) ?? { stage: row.stage, count: 0, movedIn: 0, movedOut: 0 };
    figures.count += row.count;
    figures.movedIn += row.moved_in;
    figures.movedOut += row.moved_out;
    byStage.set(row.stage, figures);
  }
  return [...byStage.values()].sort((a, b) => a.stage.localeCompare(b.stage));
}
