import { INestApplicationContext } from '@nestjs/common';
import { RequestContext, RequestContextFactory } from '@lib/context';
import {
  PipelineReportsService,
  presentReport,
  previousWeek,
  renderReportCsv,
  renderReportHtml,
  ReportFiguresService,
  reportWeek,
} from '@lib/reports';
import { Sample, sample } from '../support/timing';
import { COUNT_THE_REPORTS_ROWS } from './report-services';

export interface WeeklyReportTimes {
  rowsRead: number;
  baseline: Sample;
  figures: Sample;
  generate: Sample;
  render: Sample;
}

/**
 * One agency's weekly report, `runs` times each after a warm-up: the baseline
 * (one statement counting every row the report reads), the figures, a stored
 * revision, and both downloads rendered.
 */
export async function measureWeeklyReport(
  app: INestApplicationContext,
  agencyId: string,
  timezone: string,
  weekStart: string,
  runs: number,
): Promise<WeeklyReportTimes> {
  const contexts = app.get(RequestContextFactory);
  const figures = app.get(ReportFiguresService);
  const reports = app.get(PipelineReportsService);
  const week = reportWeek(weekStart, timezone);
  const inAgency = <T>(work: (ctx: RequestContext) => Promise<T>) => contexts.runForAgency(agencyId, 'bench', work);

  let rowsRead = 0;
  const baseline = await sample(runs, () =>
    inAgency(async (ctx) => {
      rowsRead = Number((await ctx.query<{ rows: string }>(COUNT_THE_REPORTS_ROWS, [agencyId]))[0]!.rows);
    }),
  );
  const figuresTime = await sample(runs, () =>
    inAgency((ctx) => figures.compute(ctx, week, previousWeek(week, timezone))),
  );
  const generate = await sample(runs, () => inAgency((ctx) => reports.generate(ctx, weekStart, true)));
  const stored = await inAgency((ctx) => reports.generate(ctx, weekStart, false));
  const view = presentReport(stored, () => true);
  const render = await sample(runs, async () => {
    renderReportHtml({ agencyName: 'Bench', report: view });
    renderReportCsv(view);
  });
  return { rowsRead, baseline, figures: figuresTime, generate, render };
}
