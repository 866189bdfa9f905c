/**
 * A dev runner for the two HTTP sections of `npm run bench`, without the
 * orchestrator: DATABASE_URL (an owner URL) is migrated, given the
 * application role and seeded with a small dataset on its first run, then
 * both sections run and their rows and peaks are printed.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_http \
 *     node -r @swc-node/register bench/http/run-http-sections.ts
 */
import { DEFAULT_REDIS_URL } from '@lib/local-infra';
import { Client } from 'pg';
import { seedDatabase } from '../seed/seed';
import { BenchContext, ProcessPeak } from '../support/bench-context';
import { benchDatabase } from '../support/bench-database';
import { mib } from '../support/peak-memory';
import { BenchRow, markdownTable } from '../support/results-table';
import { benchDashboard } from './dashboard.section';
import { benchFollowUpLoad } from './follow-up-load.section';

const SEED = 3;
const SMALL_DATASET = { agencies: 20, totalCandidates: 20_000, seed: SEED, weekStart: '2026-11-16' };

const log = (line: string) => process.stderr.write(`${line}\n`);

/** The seeded agencies in seed order: seeded now, or by an earlier run into the same database. */
async function seededAgencyIds(ownerUrl: string): Promise<string[]> {
  const owner = new Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    const { rows } = await owner.query<{ id: string }>(
      `SELECT id FROM agencies WHERE slug LIKE $1 ORDER BY substring(slug FROM '\\d+$')::int`,
      [`bench-s${SEED}-%`],
    );
    if (rows.length > 0) return rows.map((row) => row.id);
  } finally {
    await owner.end();
  }
  log('Seeding a small dataset (first run on this database)');
  const summary = await seedDatabase(ownerUrl, { ...SMALL_DATASET, log });
  return summary.agencyIds;
}

async function main(): Promise<void> {
  if (!process.env.DATABASE_URL) throw new Error('Set DATABASE_URL to an owner URL of a scratch database');
  const db = await benchDatabase('bench_http');
  const ctx: BenchContext = {
    ownerUrl: db.ownerUrl,
    appUrl: db.appUrl,
    redisUrl: process.env.REDIS_URL ?? DEFAULT_REDIS_URL,
    agencyIds: await seededAgencyIds(db.ownerUrl),
    durationSeconds: Number(process.env.BENCH_DURATION ?? 15),
    log,
  };
  const rows: BenchRow[] = [];
  const peaks: ProcessPeak[] = [];
  for (const section of [benchDashboard, benchFollowUpLoad]) {
    const result = await section(ctx);
    rows.push(...result.rows);
    peaks.push(...result.peaks);
  }
  await db.stop();
  process.stdout.write(`${markdownTable(rows)}\n\n`);
  for (const peak of peaks) process.stdout.write(`Peak memory, ${peak.process}: ${mib(peak.peakMiB)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
