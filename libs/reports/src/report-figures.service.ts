import { Injectable } from '@nestjs/common';
import { AgencyPolicyService } from '@lib/agency-policy';
import { RequestContext } from '@lib/context';
import { SnapshotReaders } from '@lib/database';
import { WorkingCalendar } from '@lib/policy';
import {
  ACTIVITY_BY_COUNSELOR,
  ACTIVITY_TOTALS,
  COUNSELORS,
  DECISIONS,
  FOLLOW_UPS_BY,
  SIGNALS_BY_KIND,
  STAGES_BY_COUNSELOR,
  STALLED,
} from './figures.sql';
import { ActivityFigures, CountBy, PipelineFigures, StageFigures, StalledApplication } from './report-figures';
import { ReportWeek } from './report-week';
import { DaySpan, workingDaysOfSpans } from './working-day-spans';

type ActivityKey = Exclude<keyof ActivityFigures, 'responseRate'>;
const ACTIVITY_KEYS: readonly ActivityKey[] = [
  'interviews',
  'debriefs',
  'followUpsMade',
  'followUpsAnswered',
  'referenceSignals',
  'verbalOffers',
  'writtenOffers',
  'placements',
  'escalationsRaised',
  'escalationsResolved',
  'escalationsOpen',
];

interface ActivityRow {
  counselor_id: string;
  figure: ActivityKey;
  n: number;
}

interface StageRow {
  counselor_id: string;
  stage: string;
  count: number;
  moved_in: number;
  moved_out: number;
}

interface DecisionRow {
  timezone: string;
  interviewed_on: string;
  decided_on: string;
}

/** Statements read side by side: two cores' worth, the machine the product is measured on (bench/). */
const READERS = 2;

/**
 * These statements read tens of thousands of rows and their estimated cost crosses PostgreSQL's JIT
 * thresholds; compiling them took longer than running them (bench/weekly-report.bench.ts). Grouping a
 * fortnight of events is a hash aggregate in memory rather than a sort.
 */
const READER_SETTINGS = { jit: 'off', work_mem: '32MB' };

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
  constructor(
    private readonly policies: AgencyPolicyService,
    private readonly readers: SnapshotReaders,
  ) {}

  async compute(ctx: RequestContext, week: ReportWeek, previous: ReportWeek): Promise<PipelineFigures> {
    const args = [ctx.agencyId, week.from, week.to];
    const statement = (sql: string, parameters = args) => ({ sql, parameters });
    // Longest first: the readers take them in order. One snapshot for all, so the figures add up.
    const [activityRows, stageRows, beforeRows, decisions, stalled, followUps, counselors, signals] =
      (await this.readers.read(
        await ctx.exportSnapshot(),
        [
          statement(ACTIVITY_BY_COUNSELOR),
          statement(STAGES_BY_COUNSELOR),
          statement(ACTIVITY_TOTALS, [ctx.agencyId, previous.from, previous.to]),
          statement(DECISIONS),
          statement(STALLED),
          statement(FOLLOW_UPS_BY),
          statement(COUNSELORS, [ctx.agencyId]),
          statement(SIGNALS_BY_KIND),
        ],
        { connections: READERS, settings: READER_SETTINGS },
      )) as [
        ActivityRow[],
        StageRow[],
        Array<{ figure: ActivityKey; n: number }>,
        DecisionRow[],
        Array<StalledApplication & { raisedAt: Date }>,
        Array<CountBy & { dimension: 'channel' | 'purpose' | 'outcome' }>,
        Array<{ id: string; full_name: string }>,
        CountBy[],
      ];
    const activity = activityByCounselor(activityRows);
    const followUpsBy = (dimension: string) =>
      followUps.filter((row) => row.dimension === dimension).map(({ key, count }) => ({ key, count }));
    const totals = sumActivity([...activity.values()]);
    const before = countsOf(beforeRows);
    return {
      ...totals,
      stages: stagesOf(stageRows),
      followUpsByChannel: followUpsBy('channel'),
      followUpsByPurpose: followUpsBy('purpose'),
      followUpsByOutcome: followUpsBy('outcome'),
      referenceSignalsByKind: signals,
      medianDaysToDecision: await this.medianDaysToDecision(ctx, decisions),
      stalled: stalled.map((row) => ({ ...row, raisedAt: row.raisedAt.toISOString() })),
      perCounselor: counselors.map((counselor) => ({
        counselorId: counselor.id,
        counselorName: counselor.full_name,
        ...(activity.get(counselor.id) ?? sumActivity([])),
        stages: stagesOf(stageRows.filter((row) => row.counselor_id === counselor.id)),
      })),
      change: Object.fromEntries(ACTIVITY_KEYS.map((key) => [key, totals[key] - before[key]])),
    };
  }

  /** Working days are the employer's (time zone) with the agency's holidays. */
  private async medianDaysToDecision(ctx: RequestContext, decisions: DecisionRow[]): Promise<number | null> {
    const policy = await this.policies.get(ctx);
    const byTimezone = new Map<string, DaySpan[]>();
    for (const decision of decisions) {
      const spans = byTimezone.get(decision.timezone) ?? [];
      spans.push({ from: decision.interviewed_on, to: decision.decided_on });
      byTimezone.set(decision.timezone, spans);
    }
    const days = [...byTimezone].flatMap(([timezone, spans]) =>
      workingDaysOfSpans(
        new WorkingCalendar({
          timezone,
          country: policy.holidayCountry,
          region: policy.holidayRegion,
          extraHolidays: policy.extraHolidays,
        }),
        spans,
      ),
    );
    return median(days);
  }
}

function activityByCounselor(rows: ActivityRow[]): Map<string, ActivityFigures> {
  const byCounselor = new Map<string, Record<ActivityKey, number>>();
  for (const row of rows) {
    const counts = byCounselor.get(row.counselor_id) ?? emptyCounts();
    counts[row.figure] = row.n;
    byCounselor.set(row.counselor_id, counts);
  }
  return new Map(
    [...byCounselor].map(([id, counts]) => [
      id,
      { ...counts, responseRate: rate(counts.followUpsAnswered, counts.followUpsMade) },
    ]),
  );
}

function countsOf(rows: Array<{ figure: ActivityKey; n: number }>): Record<ActivityKey, number> {
  const counts = emptyCounts();
  for (const row of rows) counts[row.figure] = row.n;
  return counts;
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
