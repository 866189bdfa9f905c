import { Client, Pool, PoolClient } from 'pg';
import { createTestDatabase, TestDatabase, withOwner } from '../support/database';
import { insertAgencyWithAdmin } from '../support/seed';
import { countByAgency, insertStatement, newWorld, seedWorld, withFreshRow, World } from '../support/tenant-tables';

const REQUESTS = 4000;
const IN_FLIGHT = 20;
const POOL_SIZE = 3;
/** The tables each request reads, and the chain of parents their extra rows need. */
const READ_TABLES = ['candidates', 'applications', 'follow_ups'];
const CHAIN = ['users', 'candidates', 'employers', 'employer_contacts', 'positions', 'applications', 'follow_ups'];
/** Worlds per agency: one of every tenant table, then more of the read tables, so a leak of one row shows in a count. */
const EXTRA_WORLDS = 2;

const SET_SCOPE = `SELECT set_config('app.agency_id', $1, true), set_config('app.role', 'ADMIN', true),
                          set_config('app.user_id', $2, true)`;
const READ_ALL = `SELECT current_setting('app.agency_id', true) AS scope,
                         ARRAY(${READ_TABLES.map((table) => `SELECT agency_id FROM ${table}`).join(' UNION ALL ')})::text[] AS seen`;

interface Agency {
  name: 'A' | 'B';
  agencyId: string;
  adminId: string;
  world: World;
  /** Rows of the read tables, counted by the owner. */
  rows: number;
}

/** scoped: sets its agency and commits; unscoped: sets nothing; failing: sets its agency, errs, rolls back. */
type Kind = 'scoped' | 'unscoped' | 'failing';

interface Served {
  index: number;
  pid: number;
  agency: Agency;
  kind: Kind;
}

/**
 * What the API does for every request, many times over on few connections:
 * BEGIN, set the agency with set_config(..., true), query, COMMIT or ROLLBACK,
 * and hand the connection to the next request, which may be another agency's.
 * Nothing of one transaction's scope may survive into the next.
 */
describe('row-level security over pooled connections', () => {
  let db: TestDatabase;
  let pool: Pool;
  let A: Agency;
  let B: Agency;
  /** Everything a request saw or did that it must not have, in words. */
  const violations: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    await withOwner(db.ownerUrl, async (owner) => {
      A = await seedAgency(owner, 'A', 'pooled-a');
      B = await seedAgency(owner, 'B', 'pooled-b');
    });
    pool = new Pool({ connectionString: db.appUrl, max: POOL_SIZE });
    // An idle client's error (a dropped connection) must fail the test, not crash the worker.
    pool.on('error', (error) => violations.push(`idle pooled connection failed: ${error.message}`));
  });

  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  async function seedAgency(owner: Client, name: 'A' | 'B', slug: string): Promise<Agency> {
    const { agencyId, adminId } = await insertAgencyWithAdmin(owner, slug);
    const world = newWorld(agencyId);
    await seedWorld(owner, world);
    for (let extra = 0; extra < EXTRA_WORLDS; extra++) await seedWorld(owner, newWorld(agencyId), CHAIN);
    let rows = 0;
    for (const table of READ_TABLES) rows += (await countByAgency(owner, table)).get(agencyId) ?? 0;
    return { name, agencyId, adminId, world, rows };
  }

  it(`keeps ${REQUESTS} alternating requests of two agencies apart on ${POOL_SIZE} connections`, async () => {
    const started = Date.now();
    const served: Served[] = [];
    let next = 0;
    const worker = async () => {
      while (next < REQUESTS) served.push(await serve(next++));
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    const elapsed = Date.now() - started;

    const kinds = countBy(served, (request) => request.kind);
    const pids = new Set(served.map((request) => request.pid));
    const bothAgencies = [...pids].filter((pid) =>
      ['A', 'B'].every((name) => served.some((request) => request.pid === pid && request.agency.name === name)),
    );
    console.log(
      `RLS pooled connections: ${served.length} requests (${kinds.scoped} scoped, ${kinds.unscoped} unscoped, ` +
        `${kinds.failing} rolled back after an error) of agencies A and B, ${IN_FLIGHT} in flight on ` +
        `${pids.size} connections, in ${elapsed} ms`,
    );

    expect(violations.slice(0, 20)).toEqual([]);
    expect(served).toHaveLength(REQUESTS);
    expect(pids.size).toBeLessThanOrEqual(POOL_SIZE);
    // Every connection carried both agencies' transactions, so a leak would have had its chance.
    expect(bothAgencies.length).toBe(pids.size);
  });

  function kindOf(index: number): Kind {
    if (index % 7 === 6) return 'failing';
    if (index % 5 === 4) return 'unscoped';
    return 'scoped';
  }

  /** One request, as a TenantTransaction runs it. Anything wrong is recorded in `violations`. */
  async function serve(index: number): Promise<Served> {
    const agency = index % 2 === 0 ? A : B;
    const kind = kindOf(index);
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const before = await client.query(
        `SELECT current_setting('app.agency_id', true) AS scope, pg_backend_pid() AS pid`,
      );
      const { scope: inherited, pid } = before.rows[0];
      if (inherited) violations.push(`request ${index} (pid ${pid}) began in ${nameOf(inherited)}'s scope`);
      if (kind !== 'unscoped') await client.query(SET_SCOPE, [agency.agencyId, agency.adminId]);
      const { scope, seen } = (await client.query(READ_ALL)).rows[0] as { scope: string | null; seen: string[] };
      checkSeen(index, kind, agency, scope, seen);
      if (kind === 'failing') {
        await failInsideTransaction(index, client, agency);
        await client.query('ROLLBACK');
      } else {
        await client.query('COMMIT');
      }
      return { index, pid, agency, kind };
    } catch (error) {
      broken = error as Error;
      throw error;
    } finally {
      // A connection whose transaction state is unknown is destroyed, as pg does for a released error.
      client.release(broken);
    }
  }

  function checkSeen(index: number, kind: Kind, agency: Agency, scope: string | null, seen: string[]): void {
    const label = `request ${index} (${kind}, agency ${agency.name})`;
    if (kind === 'unscoped') {
      if (scope) violations.push(`${label} runs in ${nameOf(scope)}'s scope`);
      if (seen.length > 0) violations.push(`${label} saw ${seen.length} rows without an agency`);
      return;
    }
    if (scope !== agency.agencyId) violations.push(`${label} runs in ${nameOf(scope)}'s scope`);
    const foreign = seen.filter((agencyId) => agencyId !== agency.agencyId);
    if (foreign.length > 0) violations.push(`${label} saw ${foreign.length} rows of another agency`);
    if (seen.length !== agency.rows) violations.push(`${label} saw ${seen.length} of its ${agency.rows} rows`);
  }

  function nameOf(agencyId: string | null): string {
    if (agencyId === A.agencyId) return 'agency A';
    if (agencyId === B.agencyId) return 'agency B';
    return `agency ${agencyId || '(none)'}`;
  }

  /** The failing statement: a write into the other agency, which row-level security must refuse. */
  async function failInsideTransaction(index: number, client: PoolClient, agency: Agency): Promise<void> {
    const other = agency === A ? B : A;
    const { sql, values } = insertStatement('candidates', withFreshRow(other.world, 'candidates'));
    const error = await client.query(sql, values).then(
      () => undefined,
      (failure: { code?: string; message?: string }) => failure,
    );
    if (!error || error.code !== '42501' || !/row-level security/.test(error.message ?? '')) {
      violations.push(
        `request ${index} (agency ${agency.name}) wrote a candidate of agency ${other.name}: ${error?.message ?? 'inserted'}`,
      );
    }
  }
});

function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}
