import { resolve } from 'node:path';
import { ensureAppLoginRole, runMigrations } from '@lib/database';
import { defaultAppUrl, startEmbeddedPostgres } from '@lib/local-infra';
import { Client } from 'pg';

export interface SeedTarget {
  ownerUrl: string;
  appUrl: string;
  /** Where it came from, for the summary. */
  source: string;
  stop(): Promise<void>;
}

/** Kept between runs (git-ignored under .data/), on a fixed port, so that a seeded database can be benchmarked later. */
export const BENCH_DATA_DIR = '.data/bench-postgres';
const BENCH_PORT = Number(process.env.BENCH_POSTGRES_PORT ?? 54330);

/**
 * DATABASE_URL when set (an owner or superuser: row-level security does not
 * hold it back); otherwise an embedded PostgreSQL with its data in
 * .data/bench-postgres. Migrated either way (a no-op when up to date), with
 * the application's login role in place for the benchmarks that follow.
 */
export async function openSeedTarget(): Promise<SeedTarget> {
  const embedded = process.env.DATABASE_URL
    ? undefined
    : await startEmbeddedPostgres({
        dataDir: resolve(BENCH_DATA_DIR),
        port: BENCH_PORT,
        persistent: true,
        database: 'bench',
      });
  const ownerUrl = process.env.DATABASE_URL ?? embedded!.ownerUrl;
  const appUrl = process.env.DATABASE_APP_URL || defaultAppUrl(ownerUrl);
  try {
    await runMigrations(ownerUrl);
    await ensureAppLoginRole(ownerUrl, appUrl);
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  return {
    ownerUrl,
    appUrl,
    source: embedded ? `embedded PostgreSQL in ${BENCH_DATA_DIR}` : 'DATABASE_URL',
    stop: async () => embedded?.stop(),
  };
}

/** Empties every table but the migrations' own, in one statement. */
export async function emptyDatabase(ownerUrl: string): Promise<void> {
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      `SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations'`,
    );
    if (rows.length > 0) await client.query(`TRUNCATE ${rows.map((row) => row.name).join(', ')}`);
  } finally {
    await client.end();
  }
}
