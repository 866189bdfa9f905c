/**
 * `npm run bench:report`: one agency's weekly pipeline report over 100,000
 * applications (bench/seed), side by side in the same run with a baseline: one
 * plain statement counting every row of the agency that the report reads
 * (applications, candidates, interviews, debriefs, follow-ups, signals, stage
 * changes, escalations). Prints a markdown table with medians and ratios, and
 * writes it to bench/results/weekly-report.md.
 * Uses DATABASE_URL (a database it may fill), or an embedded PostgreSQL it throws away.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_REDIS_URL, ensureRedis } from '@lib/local-infra';
import { Client } from 'pg';
import { bootReportServices } from './report/report-services';
import { measureWeeklyReport } from './report/weekly-report.measure';
import { seedDatabase } from './seed/seed';
import { benchDatabase } from './support/bench-database';
import { ms, Sample } from './support/timing';

const WEEK_START = '2026-11-16';
// Two applications per candidate on average (bench/seed): 100,000 applications.
const CANDIDATES = Number(process.env.BENCH_REPORT_CANDIDATES ?? 50_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const SEED = 7;

/** The seeded agency: seeded now, or by an earlier run into the same DATABASE_URL (seeding takes minutes). */
async function seededAgency(ownerUrl: string): Promise<string> {
  const owner = new Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    const earlier = await owner.query(`SELECT id FROM agencies WHERE slug = $1`, [`bench-s${SEED}-1`]);
    if (earlier.rows[0]) return earlier.rows[0].id as string;
  } finally {
    await owner.end();
  }
  const seeded = await seedDatabase(ownerUrl, {
    agencies: 1,
    totalCandidates: CANDIDATES,
    seed: SEED,
    weekStart: WEEK_START,
  });
  return seeded.agencyIds[0]!;
}

async function main(): Promise<void> {
  const db = await benchDatabase('bench_report');
  const agencyId = await seededAgency(db.ownerUrl);
  const redis = await ensureRedis(process.env.REDIS_URL ?? DEFAULT_REDIS_URL);
  const app = await bootReportServices(db.ownerUrl, db.appUrl, redis.url);
  const owner = new Client({ connectionString: db.ownerUrl });
  await owner.connect();
  const { timezone } = (await owner.query(`SELECT timezone FROM agencies WHERE id = $1`, [agencyId])).rows[0];
  const applications = Number(
    (await owner.query(`SELECT count(*) FROM applications WHERE agency_id = $1`, [agencyId])).rows[0].count,
  );
  await owner.end();
  const {
    rowsRead,
    baseline,
    figures: compute,
    generate,
    render,
  } = await measureWeeklyReport(app, agencyId, timezone, WEEK_START, RUNS);
  await app.close();
  await db.stop();

  const row = (name: string, s: Sample, what: string) =>
    `| ${name} | ${ms(s.median)} | ${ms(s.min)} | ${ms(s.max)} | ${(s.median / baseline.median).toFixed(2)}x | ${what} |`;
  const table = [
    `Weekly report of one agency: ${applications.toLocaleString('en')} applications, ${rowsRead.toLocaleString('en')} rows, week of ${WEEK_START} (${timezone}); median of ${RUNS} runs after a warm-up.`,
    '',
    '| Measure | Median | Min | Max | Against baseline | What it is |',
    '| --- | --- | --- | --- | --- | --- |',
    row('Baseline: count the rows', baseline, 'one statement counting every row of the agency the report reads'),
    row('Figures', compute, 'ReportFiguresService.compute: this week and the week before, per counselor'),
    row('Generate a revision', generate, 'figures plus the stored snapshot and its audit entry, one transaction'),
    row('Render HTML and CSV', render, 'both downloads from the stored snapshot'),
    '',
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}.`,
  ].join('\n');
  process.stdout.write(`${table}\n`);
  const results = join(__dirname, 'results');
  mkdirSync(results, { recursive: true });
  writeFileSync(join(results, 'weekly-report.md'), `${table}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
