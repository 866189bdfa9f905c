import { Client } from 'pg';
import { BenchContext, SectionResult } from '../support/bench-context';
import { NONE, ratio } from '../support/results-table';
import { ms } from '../support/timing';
import { bootReportServices } from './report-services';
import { measureWeeklyReport } from './weekly-report.measure';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);

/** One agency's weekly report (the 100,000-application agency), against counting the rows it reads. */
export async function benchWeeklyReport(
  ctx: BenchContext,
  agencyId: string,
  weekStart: string,
): Promise<SectionResult> {
  const owner = new Client({ connectionString: ctx.ownerUrl });
  await owner.connect();
  const { timezone, applications } = (
    await owner.query(
      `SELECT timezone, (SELECT count(*)::int FROM applications WHERE agency_id = $1) AS applications
         FROM agencies WHERE id = $1`,
      [agencyId],
    )
  ).rows[0];
  await owner.end();
  ctx.log(`Weekly report of one agency: ${applications} applications, ${RUNS} runs`);
  const app = await bootReportServices(ctx.ownerUrl, ctx.appUrl, ctx.redisUrl);
  try {
    const times = await measureWeeklyReport(app, agencyId, timezone, weekStart, RUNS);
    const of = `${applications.toLocaleString('en')} applications, ${times.rowsRead.toLocaleString('en')} rows; median of ${RUNS}`;
    const baseline = ms(times.baseline.median);
    return {
      rows: [
        {
          measure: 'Weekly report, one agency: figures',
          product: ms(times.figures.median),
          baseline,
          ratio: ratio(times.figures.median, times.baseline.median),
          target: '< 1 s',
          notes: `${of}; baseline: one statement counting every row the report reads`,
        },
        {
          measure: 'Weekly report, one agency: stored revision',
          product: ms(times.generate.median),
          baseline,
          ratio: ratio(times.generate.median, times.baseline.median),
          target: NONE,
          notes: 'figures plus the stored snapshot and its audit entry, one transaction',
        },
        {
          measure: 'Weekly report, one agency: HTML and CSV',
          product: ms(times.render.median),
          baseline: NONE,
          ratio: NONE,
          target: NONE,
          notes: 'both downloads rendered from the stored snapshot',
        },
      ],
      // In this process: its peak says little about the API's or the worker's.
      peaks: [],
    };
  } finally {
    await app.close();
  }
}
