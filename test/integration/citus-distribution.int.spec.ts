import { Client } from 'pg';
import { CITUS_EMULATION, distributeScript, distributionPlan } from '../support/citus-emulation';
import { createTestDatabase, TestDatabase, withOwner } from '../support/database';

/** The one table outside tenancy with rows per agency (README, "Tenancy exceptions"), as rls-catalog has it. */
const CROSS_AGENCY_TABLE = 'agencies';

interface TableRow {
  name: string;
  hasAgencyId: boolean;
  agencyIdIsUuidNotNull: boolean;
}

interface ForeignKey {
  table: string;
  name: string;
  parent: string;
  onDelete: string;
}

const TABLES = `
  SELECT c.relname AS name,
         EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'agency_id' AND NOT a.attisdropped) AS "hasAgencyId",
         EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'agency_id' AND NOT a.attisdropped
                    AND a.atttypid = 'uuid'::regtype AND a.attnotnull) AS "agencyIdIsUuidNotNull"
    FROM pg_class c
   WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
   ORDER BY c.relname`;

const FOREIGN_KEYS = `
  SELECT c.conrelid::regclass::text AS table, c.conname AS name, c.confrelid::regclass::text AS parent,
         c.confdeltype::text AS "onDelete"
    FROM pg_constraint c
   WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace
   ORDER BY 1, 2`;

/**
 * What Citus refuses, read from the catalog of a schema that has been through distribute.sql (Citus's rules
 * for distributed tables: foreign keys, unique keys, policies). Each row is one refusal.
 */
const CITUS_REFUSALS = `
  WITH dist AS (
    SELECT p.logicalrelid AS rel, p.partmethod, p.colocationid,
           (SELECT attnum FROM pg_attribute WHERE attrelid = p.logicalrelid AND attname = p.partkey) AS key
      FROM pg_dist_partition p
  )
  SELECT format('%s is neither distributed nor a reference table', c.relname) AS refusal
    FROM pg_class c
   WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND c.relname <> 'pg_dist_partition'
     AND NOT EXISTS (SELECT 1 FROM dist WHERE dist.rel = c.oid)
  UNION ALL
  SELECT format('foreign key %s: from %s table %s to %s table %s', k.conname,
                coalesce(child.partmethod::text, 'local'), k.conrelid::regclass,
                coalesce(parent.partmethod::text, 'local'), k.confrelid::regclass)
    FROM pg_constraint k
    LEFT JOIN dist child ON child.rel = k.conrelid
    LEFT JOIN dist parent ON parent.rel = k.confrelid
   WHERE k.contype = 'f' AND k.connamespace = 'public'::regnamespace
     AND (child.rel IS NULL OR parent.rel IS NULL OR (child.partmethod = 'n' AND parent.partmethod = 'h'))
  UNION ALL
  SELECT format('foreign key %s: not between colocated tables on their distribution columns', k.conname)
    FROM pg_constraint k
    JOIN dist child ON child.rel = k.conrelid AND child.partmethod = 'h'
    JOIN dist parent ON parent.rel = k.confrelid AND parent.partmethod = 'h'
   WHERE k.contype = 'f'
     AND (child.colocationid <> parent.colocationid
          OR array_position(k.conkey, child.key) IS DISTINCT FROM array_position(k.confkey, parent.key)
          OR array_position(k.conkey, child.key) IS NULL)
  UNION ALL
  SELECT format('foreign key %s: SET NULL, SET DEFAULT or CASCADE on a key holding the distribution column', k.conname)
    FROM pg_constraint k
    JOIN dist child ON child.rel = k.conrelid AND child.partmethod = 'h'
   WHERE k.contype = 'f' AND child.key = ANY (k.conkey)
     AND (k.confdeltype IN ('n', 'd') OR k.confupdtype IN ('n', 'd', 'c'))
  UNION ALL
  SELECT format('unique index %s without the distribution column', i.indexrelid::regclass)
    FROM pg_index i
    JOIN dist ON dist.rel = i.indrelid AND dist.partmethod = 'h'
   WHERE i.indisunique AND NOT (dist.key = ANY (i.indkey::smallint[]))
  UNION ALL
  SELECT format('policy %s on %s has a subquery', p.polname, p.polrelid::regclass)
    FROM pg_policy p
    JOIN dist ON dist.rel = p.polrelid
   WHERE coalesce(pg_get_expr(p.polqual, p.polrelid), '') ~* '\\mselect\\M'
      OR coalesce(pg_get_expr(p.polwithcheck, p.polrelid), '') ~* '\\mselect\\M'
  UNION ALL
  SELECT format('%s lost row-level security', c.relname)
    FROM pg_class c
    JOIN dist ON dist.rel = c.oid AND dist.partmethod = 'h'
   WHERE NOT (c.relrowsecurity AND c.relforcerowsecurity)
  ORDER BY 1`;

/** Every policy, as text: what distribute.sql may change (the candidate portal's subqueries) and may not. */
const POLICIES = `
  SELECT p.polrelid::regclass::text AS table, p.polname AS name, p.polpermissive AS permissive,
         coalesce(pg_get_expr(p.polqual, p.polrelid), '') || ' / ' || coalesce(pg_get_expr(p.polwithcheck, p.polrelid), '') AS expression
    FROM pg_policy p
   WHERE p.polrelid::regclass::text <> 'pg_dist_partition'
   ORDER BY 1, 2`;

interface Policy {
  table: string;
  name: string;
  permissive: boolean;
  expression: string;
}

/** Runs the emulation and the script in one session, as psql would run the file. */
async function distribute(db: TestDatabase, candidatePortal: 'open' | 'closed'): Promise<void> {
  const client = new Client({ connectionString: db.ownerUrl });
  await client.connect();
  // RAISE NOTICEs of the script: expected, and not worth the output.
  client.on('notice', () => undefined);
  try {
    await client.query(CITUS_EMULATION);
    await client.query(distributeScript(candidatePortal));
  } finally {
    await client.end();
  }
}

/**
 * Issue 9, item 6: the documented path to run the schema on Citus (docs/citus.md, docker/citus/), guarded by
 * the catalog. The keys of every tenant table lead with agency_id (rls-catalog.int.spec.ts checks that); this
 * checks that distribute.sql names every table of the migrated schema rightly, and runs it, with Citus's
 * functions emulated, to hold what it leaves against Citus's rules.
 */
describe('the Citus distribution script against the migrated schema', () => {
  let db: TestDatabase;
  let tables: TableRow[];
  let foreignKeys: ForeignKey[];

  beforeAll(async () => {
    db = await createTestDatabase();
    [tables, foreignKeys] = await withOwner(db.ownerUrl, async (client) => [
      (await client.query<TableRow>(TABLES)).rows,
      (await client.query<ForeignKey>(FOREIGN_KEYS)).rows,
    ]);
  });

  afterAll(() => db.drop());

  const tenantTables = () => tables.filter((table) => table.hasAgencyId && table.name !== CROSS_AGENCY_TABLE);

  it('distributes every tenant table on agency_id, all colocated, and replicates every other table', () => {
    const plan = distributionPlan();
    const distributed = plan.distributed.map((entry) => entry.table);
    expect(tenantTables().length).toBeGreaterThan(20);
    expect([...distributed].sort()).toEqual(tenantTables().map((table) => table.name));
    expect(new Set(distributed).size).toBe(distributed.length);
    expect([...plan.reference].sort()).toEqual(
      tables.filter((table) => !tenantTables().includes(table)).map((table) => table.name),
    );
    const [first, ...rest] = plan.distributed;
    expect(plan.distributed.filter((entry) => entry.column !== 'agency_id')).toEqual([]);
    expect(first!.colocateWith).toBeNull();
    expect(rest.filter((entry) => entry.colocateWith !== first!.table)).toEqual([]);
    // A distribution column holds a value in every row, of one type across colocated tables.
    expect(tenantTables().filter((table) => !table.agencyIdIsUuidNotNull)).toEqual([]);
  });

  it('names each parent before the tables that point at it (a pair pointing at each other excepted)', () => {
    const order = distributionPlan().distributed.map((entry) => entry.table);
    const tenant = new Set(order);
    const pointsAt = (from: string, to: string) => foreignKeys.some((fk) => fk.table === from && fk.parent === to);
    const late = foreignKeys.filter(
      (fk) =>
        tenant.has(fk.table) &&
        tenant.has(fk.parent) &&
        fk.parent !== fk.table &&
        order.indexOf(fk.parent) > order.indexOf(fk.table) &&
        !pointsAt(fk.parent, fk.table),
    );
    expect(late).toEqual([]);
  });

  it('runs on the migrated schema and leaves nothing Citus refuses, every key and the tenancy policies kept', async () => {
    const copy = await createTestDatabase();
    try {
      const policiesBefore = await withOwner(
        copy.ownerUrl,
        async (client) => (await client.query<Policy>(POLICIES)).rows,
      );
      await distribute(copy, 'closed');
      const after = await withOwner(copy.ownerUrl, async (client) => ({
        refusals: (await client.query<{ refusal: string }>(CITUS_REFUSALS)).rows.map((row) => row.refusal),
        foreignKeys: (await client.query<ForeignKey>(FOREIGN_KEYS)).rows,
        policies: (await client.query<Policy>(POLICIES)).rows,
      }));

      expect(after.refusals).toEqual([]);
      // Every key is back, under its name; only ON DELETE SET NULL became NO ACTION.
      expect(after.foreignKeys.map(({ table, name, parent }) => ({ table, name, parent }))).toEqual(
        foreignKeys.map(({ table, name, parent }) => ({ table, name, parent })),
      );
      expect(after.foreignKeys.filter((fk) => fk.onDelete === 'n')).toEqual([]);
      // Only restrictive candidate_scope policies changed (narrowed to "no candidate"); none was dropped.
      const changed = after.policies.filter(
        (policy) => !policiesBefore.some((before) => JSON.stringify(before) === JSON.stringify(policy)),
      );
      expect(after.policies.map(({ table, name }) => `${table}.${name}`)).toEqual(
        policiesBefore.map(({ table, name }) => `${table}.${name}`),
      );
      expect(changed.length).toBeGreaterThan(0);
      expect(changed.filter((policy) => policy.permissive || !policy.name.startsWith('candidate_scope'))).toEqual([]);
      expect(
        changed.filter(
          (policy) =>
            !/^\(COALESCE\(current_setting\('app\.role'::text, true\), ''::text\) <> 'CANDIDATE'::text\)/.test(
              policy.expression,
            ),
        ),
      ).toEqual([]);
    } finally {
      await copy.drop();
    }
  });

  it('refuses to close the candidate portal unless told to, and then changes nothing', async () => {
    const copy = await createTestDatabase();
    try {
      await expect(distribute(copy, 'open')).rejects.toThrow(/candidate_portal=closed/);
      const state = await withOwner(copy.ownerUrl, async (client) => ({
        distributed: Number((await client.query('SELECT count(*) AS n FROM pg_dist_partition')).rows[0].n),
        foreignKeys: (await client.query<ForeignKey>(FOREIGN_KEYS)).rows,
      }));
      expect(state).toEqual({ distributed: 0, foreignKeys });
    } finally {
      await copy.drop();
    }
  });
});
