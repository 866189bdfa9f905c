import { createTestDatabase, TestDatabase, withOwner } from '../support/database';
import { testInfra } from '../support/infra';

/** Tables outside tenancy, each for a documented reason (README, "Tenancy"). */
const CROSS_AGENCY_TABLES = new Set(['agencies', 'migrations']);

interface PolicyRow {
  tablename: string;
  policyname: string;
  roles: string[];
  cmd: string;
}

/** The escalation sweep's probe (migration DueEscalationProbe): it reads, across agencies, as a role of its own. */
function isSweepProbe(policy: PolicyRow): boolean {
  return (
    policy.policyname === 'sweep_probe' &&
    policy.cmd === 'SELECT' &&
    policy.roles.length === 1 &&
    policy.roles[0] === 'recruiting_sweep_probe'
  );
}

interface TableRow {
  table: string;
  rls: boolean;
  forced: boolean;
  hasAgencyId: boolean;
}

/**
 * Reads PostgreSQL's catalog: every tenant table, present and future, must be
 * isolated by row-level security and shaped for distribution by agency.
 */
describe('the schema keeps agencies apart', () => {
  let db: TestDatabase;
  let tables: TableRow[];

  beforeAll(async () => {
    db = await createTestDatabase();
    tables = await withOwner(db.ownerUrl, async (client) => {
      const result = await client.query(`
        SELECT c.relname AS table, c.relrowsecurity AS rls, c.relforcerowsecurity AS forced,
               EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'agency_id' AND NOT a.attisdropped) AS "hasAgencyId"
          FROM pg_class c
         WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
         ORDER BY c.relname`);
      return result.rows;
    });
  });

  afterAll(() => db.drop());

  const tenantTables = () => tables.filter((table) => !CROSS_AGENCY_TABLES.has(table.table));

  it('has tenant tables to check', () => {
    expect(tenantTables().map((table) => table.table)).toEqual(
      expect.arrayContaining(['users', 'auth_sessions', 'refresh_tokens', 'invitations']),
    );
  });

  it('gives every tenant table an agency_id, ENABLE and FORCE ROW LEVEL SECURITY', () => {
    const offenders = tenantTables().filter((table) => !table.hasAgencyId || !table.rls || !table.forced);
    expect(offenders).toEqual([]);
  });

  it('scopes every tenant table with a policy on app.agency_id, both USING and WITH CHECK', async () => {
    const policies = await withOwner(db.ownerUrl, async (client) => {
      const result = await client.query(
        `SELECT tablename, policyname, roles::text[] AS roles, qual, with_check, cmd, permissive FROM pg_policies
          WHERE schemaname = 'public'`,
      );
      return result.rows as {
        tablename: string;
        policyname: string;
        roles: string[];
        qual: string | null;
        with_check: string | null;
        cmd: string;
        permissive: string;
      }[];
    });
    for (const table of [...tenantTables().map((t) => t.table), 'agencies']) {
      const own = policies.filter((policy) => policy.tablename === table);
      const scoped = own.filter(
        (policy) =>
          policy.cmd === 'ALL' &&
          policy.qual?.includes(`current_setting('app.agency_id'::text, true)`) &&
          policy.with_check?.includes(`current_setting('app.agency_id'::text, true)`),
      );
      expect({ table, scoped: scoped.length > 0 }).toEqual({ table, scoped: true });
      // A permissive policy that is not agency-scoped would open the table (policies are OR-ed), except the
      // escalation sweep's probe: reading only, for a role no one can log in as or take (see the next test).
      const unscopedPermissive = own.filter(
        (policy) =>
          policy.permissive === 'PERMISSIVE' && !policy.qual?.includes('app.agency_id') && !isSweepProbe(policy),
      );
      expect({ table, unscopedPermissive }).toEqual({ table, unscopedPermissive: [] });
    }
  });

  it('opens reads across agencies to the sweep probe alone, on the two tables it probes', async () => {
    const probes = await withOwner(db.ownerUrl, async (client) => {
      const result = await client.query(
        `SELECT tablename, policyname, roles::text[] AS roles, cmd FROM pg_policies
          WHERE schemaname = 'public' AND (policyname = 'sweep_probe' OR 'recruiting_sweep_probe' = ANY(roles::text[]))
          ORDER BY tablename`,
      );
      return result.rows as PolicyRow[];
    });
    expect(probes.map((policy) => [policy.tablename, isSweepProbe(policy)])).toEqual([
      ['application_next_steps', true],
      ['notifications', true],
    ]);
  });

  it('confines candidates on every tenant table with a restrictive policy on their role', async () => {
    const restricted = await withOwner(db.ownerUrl, async (client) => {
      const result = await client.query(
        `SELECT DISTINCT tablename FROM pg_policies
          WHERE schemaname = 'public' AND permissive = 'RESTRICTIVE' AND policyname = 'candidate_scope'
            AND coalesce(qual, with_check) LIKE '%app.role%'`,
      );
      return new Set(result.rows.map((row: { tablename: string }) => row.tablename));
    });
    const unconfined = tenantTables()
      .map((table) => table.table)
      .filter((table) => !restricted.has(table));
    expect(unconfined).toEqual([]);
  });

  it('leads every primary key, unique key and index of a tenant table with agency_id', async () => {
    const indexes = await withOwner(db.ownerUrl, async (client) => {
      const result = await client.query(`
        SELECT t.relname AS table, i.relname AS index, a.attname AS first_column
          FROM pg_index x
          JOIN pg_class t ON t.oid = x.indrelid
          JOIN pg_class i ON i.oid = x.indexrelid
          LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = x.indkey[0]
         WHERE t.relnamespace = 'public'::regnamespace`);
      return result.rows as { table: string; index: string; first_column: string | null }[];
    });
    const tenant = new Set(tenantTables().map((table) => table.table));
    const offenders = indexes.filter((row) => tenant.has(row.table) && row.first_column !== 'agency_id');
    expect(offenders).toEqual([]);
  });

  it('leads every foreign key of a tenant table with agency_id, on both sides', async () => {
    const foreignKeys = await withOwner(db.ownerUrl, async (client) => {
      const result = await client.query(`
        SELECT t.relname AS table, c.conname AS constraint,
               (SELECT attname FROM pg_attribute WHERE attrelid = c.conrelid AND attnum = c.conkey[1]) AS local_first,
               r.relname AS referenced,
               (SELECT attname FROM pg_attribute WHERE attrelid = c.confrelid AND attnum = c.confkey[1]) AS remote_first
          FROM pg_constraint c
          JOIN pg_class t ON t.oid = c.conrelid
          JOIN pg_class r ON r.oid = c.confrelid
         WHERE c.contype = 'f' AND t.relnamespace = 'public'::regnamespace`);
      return result.rows as {
        table: string;
        constraint: string;
        local_first: string;
        referenced: string;
        remote_first: string;
      }[];
    });
    const tenant = new Set(tenantTables().map((table) => table.table));
    const offenders = foreignKeys.filter(
      (fk) =>
        tenant.has(fk.table) &&
        (fk.local_first !== 'agency_id' || (fk.referenced !== 'agencies' && fk.remote_first !== 'agency_id')),
    );
    expect(foreignKeys.length).toBeGreaterThan(0);
    expect(offenders).toEqual([]);
  });

  it('runs the application as a role that row-level security binds', async () => {
    const appRole = decodeURIComponent(new URL(testInfra().appUrl).username);
    const role = await withOwner(db.ownerUrl, async (client) => {
      const result = await client.query(
        `SELECT rolsuper, rolbypassrls,
                (SELECT count(*)::int FROM pg_class c WHERE c.relowner = r.oid AND c.relnamespace = 'public'::regnamespace) AS owned,
                EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
                         WHERE m.member = r.oid AND (g.rolsuper OR g.rolbypassrls)) AS inherits_bypass
           FROM pg_roles r WHERE rolname = $1`,
        [appRole],
      );
      return result.rows[0];
    });
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false, owned: 0, inherits_bypass: false });
  });
});
