/**
 * Bulk, deterministic, realistic data for benchmarks: agencies with their
 * counselors, employers, candidates and twelve weeks of pipeline history
 * ending with the week that starts on `weekStart`. Set-based: one
 * INSERT ... SELECT per table per transaction, the rows computed by
 * PostgreSQL from generate_series and md5 hashes of their keys, never one
 * statement per row. Written as the owner, which row-level security does
 * not restrict (a superuser bypasses it).
 */
import { DateTime } from 'luxon';
import { Pool, PoolClient } from 'pg';
import {
  agencyBatches,
  AgencyPlan,
  applicationsOf,
  candidateBatches,
  candidateBatchTarget,
  CandidateSlice,
  planAgencies,
} from './plan';
import { runAll, runBatch } from './batch-runner';
import { canDeferForeignKeyChecks, verifyForeignKeys } from './foreign-keys';
import { AGENCY_STATEMENTS, CANDIDATE_STATEMENTS } from './statements';

export interface SeedOptions {
  agencies: number;
  /** Candidates of every agency, spread evenly; or `totalCandidates`, spread with a skew. */
  candidatesPerAgency?: number;
  totalCandidates?: number;
  /** A non-negative integer: the same seed gives the same rows, ids included. */
  seed: number;
  /** A Monday, yyyy-MM-dd: the last week of the generated history, the one a weekly report covers. */
  weekStart: string;
  /** Connections writing at once (default 2: one per core of a small machine). */
  connections?: number;
  /** Agencies per transaction for the agency-level rows (default 50). */
  agenciesPerBatch?: number;
  /**
   * Skip the per-row foreign key triggers while loading and verify every key
   * set-based afterwards (default, when connected as a superuser; see
   * foreign-keys.ts). False: PostgreSQL checks each row as it is inserted.
   */
  deferForeignKeyChecks?: boolean;
  /** Progress lines. */
  log?: (line: string) => void;
}

export interface SeedSummary {
  seed: number;
  weekStart: string;
  /** In agency order: agency 1 first (it is in Europe/London). */
  agencyIds: string[];
  first: { agencyId: string; adminUserId: string; counselorUserIds: string[] };
  candidates: number;
  applications: number;
  /** Rows written per table by this run. */
  rows: Record<string, number>;
  foreignKeys: 'verified after the load' | 'checked row by row';
  elapsedSeconds: number;
}

const AGENCY_ROWS_PER_BATCH = 50;

/** Options that cannot be seeded: the caller's mistake, reported without a stack. */
export class SeedOptionsError extends Error {}

export function assertSeedOptions(options: SeedOptions): void {
  const fail = (message: string) => {
    throw new SeedOptionsError(message);
  };
  if (!Number.isInteger(options.agencies) || options.agencies < 1) fail('agencies must be a positive integer');
  if (!Number.isInteger(options.seed) || options.seed < 0) fail('seed must be a non-negative integer');
  const monday = DateTime.fromISO(options.weekStart, { zone: 'UTC' });
  if (!monday.isValid || monday.weekday !== 1 || monday.toISODate() !== options.weekStart)
    fail(`the week start must be a Monday as yyyy-MM-dd, got "${options.weekStart}"`);
  const candidates = options.totalCandidates ?? options.candidatesPerAgency;
  if (candidates !== undefined && (!Number.isInteger(candidates) || candidates < 1))
    fail('the number of candidates must be a positive integer');
  if (options.totalCandidates !== undefined && options.totalCandidates < options.agencies)
    fail(`${options.totalCandidates} candidates cannot be spread over ${options.agencies} agencies`);
}

const seedKey = (seed: number) => `s${seed}`;
const slugOf = (seed: number, agencyNo: number) => `bench-${seedKey(seed)}-${agencyNo}`;

/** The batch's agencies as the parallel arrays FILL_AGENCY_TABLE unnests. */
function parameters(
  options: SeedOptions,
  plans: Map<number, AgencyPlan>,
  slices: readonly CandidateSlice[],
): unknown[] {
  const of = (slice: CandidateSlice) => plans.get(slice.agencyNo)!;
  return [
    seedKey(options.seed),
    options.weekStart,
    slices.map((slice) => slice.agencyNo),
    slices.map((slice) => of(slice).candidates),
    slices.map((slice) => of(slice).counselors),
    slices.map((slice) => of(slice).employers),
    slices.map((slice) => of(slice).positions),
    slices.map((slice) => slice.from),
    slices.map((slice) => slice.to),
  ];
}

async function refuseSecondSeed(pool: Pool, seed: number): Promise<void> {
  const slug = slugOf(seed, 1);
  const { rowCount } = await pool.query(`SELECT 1 FROM agencies WHERE slug = $1`, [slug]);
  if (rowCount)
    throw new SeedOptionsError(
      `This database already holds seed ${seed} (agency ${slug}): use another seed, or empty it first (--reset)`,
    );
}

export async function seedDatabase(ownerUrl: string, options: SeedOptions): Promise<SeedSummary> {
  assertSeedOptions(options);
  const started = process.hrtime.bigint();
  const elapsed = () => Number(process.hrtime.bigint() - started) / 1e9;
  const log = (line: string) => options.log?.(`${elapsed().toFixed(1).padStart(6)} s  ${line}`);
  const connections = Math.max(1, options.connections ?? 2);
  const plans = planAgencies(options);
  const byNumber = new Map(plans.map((plan) => [plan.agencyNo, plan]));
  const candidates = plans.reduce((sum, plan) => sum + plan.candidates, 0);
  const rows: Record<string, number> = {};
  // Session settings only: room for a batch's temporary tables and sorts, and no JIT, whose compilation of these
  // long expressions (planned on generate_series' guess of 1000 rows) costs more than it saves.
  const pool = new Pool({
    connectionString: ownerUrl,
    max: connections,
    options: '-c temp_buffers=256MB -c work_mem=64MB -c jit=off',
  });
  try {
    await refuseSecondSeed(pool, options.seed);
    const deferForeignKeys = (options.deferForeignKeyChecks ?? true) && (await canDeferForeignKeyChecks(pool));
    const agencyTasks = agencyBatches(plans, options.agenciesPerBatch ?? AGENCY_ROWS_PER_BATCH).map(
      (batch) => (client: PoolClient) =>
        runBatch(
          client,
          AGENCY_STATEMENTS,
          parameters(
            options,
            byNumber,
            batch.map((plan) => ({ agencyNo: plan.agencyNo, from: 1, to: 0 })),
          ),
          rows,
          deferForeignKeys,
        ),
    );
    await runAll(pool, connections, agencyTasks);
    log(`${plans.length} ${plans.length === 1 ? 'agency' : 'agencies'} with their staff, employers and positions`);

    const slices = candidateBatches(plans, candidateBatchTarget(candidates, connections));
    let done = 0;
    const candidateTasks = slices.map((batch) => async (client: PoolClient) => {
      await runBatch(client, CANDIDATE_STATEMENTS, parameters(options, byNumber, batch), rows, deferForeignKeys);
      done += batch.reduce((sum, slice) => sum + slice.to - slice.from + 1, 0);
      log(`${done} of ${candidates} candidates with their applications and history`);
    });
    await runAll(pool, connections, candidateTasks);

    // Statistics first: the verification's anti-joins and every benchmark after it are planned on them.
    // VACUUM too, as autovacuum would have long since on a live database: hint bits and the visibility map set,
    // so the first benchmark does not pay for them, and no autovacuum of fresh tables runs under a later one.
    await pool.query('VACUUM (ANALYZE)');
    log('visibility map and statistics up to date (VACUUM, ANALYZE)');
    const agencyIds = await idsInOrder(pool, options.seed, plans.length);
    if (deferForeignKeys) {
      const keys = await verifyForeignKeys(pool, agencyIds, connections);
      log(`${keys} foreign keys verified`);
    }
    const staff = await pool.query<{ id: string; role: string }>(
      `SELECT id, role FROM users WHERE agency_id = $1 AND role IN ('ADMIN', 'COUNSELOR') ORDER BY created_at, id`,
      [agencyIds[0]],
    );
    return {
      seed: options.seed,
      weekStart: options.weekStart,
      agencyIds,
      first: {
        agencyId: agencyIds[0]!,
        adminUserId: staff.rows.find((user) => user.role === 'ADMIN')!.id,
        counselorUserIds: staff.rows.filter((user) => user.role === 'COUNSELOR').map((user) => user.id),
      },
      candidates,
      applications: plans.reduce((sum, plan) => sum + applicationsOf(plan.candidates), 0),
      rows,
      foreignKeys: deferForeignKeys ? 'verified after the load' : 'checked row by row',
      elapsedSeconds: elapsed(),
    };
  } finally {
    await pool.end();
  }
}

async function idsInOrder(pool: Pool, seed: number, agencies: number): Promise<string[]> {
  const slugs = Array.from({ length: agencies }, (_, index) => slugOf(seed, index + 1));
  const { rows } = await pool.query<{ id: string; slug: string }>(
    `SELECT id, slug FROM agencies WHERE slug = ANY($1)`,
    [slugs],
  );
  const bySlug = new Map(rows.map((row) => [row.slug, row.id]));
  return slugs.map((slug) => bySlug.get(slug)!);
}
