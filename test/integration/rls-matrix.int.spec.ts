import { Client, escapeIdentifier, QueryResult } from 'pg';
import { createTestDatabase, TestDatabase, withOwner } from '../support/database';
import { insertAgencyWithAdmin } from '../support/seed';
import {
  countByAgency,
  discoverTenantTables,
  insertStatement,
  newWorld,
  seedWorld,
  TENANT_ROW_TABLES,
  TenantTable,
  withFreshRow,
  World,
} from '../support/tenant-tables';

type Operation = 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE';
/** own: agency A's scope on A's rows; other: A's scope aimed at B's rows; none: no agency set. */
type Scope = 'own' | 'other' | 'none';

const OPERATIONS: Operation[] = ['SELECT', 'INSERT', 'UPDATE', 'DELETE'];
const SCOPES: Scope[] = ['own', 'other', 'none'];

/** Outcomes, as the cells report them. Both refusals are SQLSTATE 42501; the message tells them apart. */
const RLS_REFUSED = 'refused by row-level security';
const NOT_GRANTED = 'not granted';
const DUPLICATE_KEY = 'duplicate key';
const FOREIGN_KEY = 'foreign key';
const INSERTED = 'inserted';
const rows = (count: number) => (count === 1 ? '1 row' : `${count} rows`);

interface Statement {
  sql: string;
  values: unknown[];
  /** Names a set-up statement in the outcome when it, rather than the statement under test, fails. */
  label?: string;
}

interface Cell {
  operation: Operation;
  /** The three scopes, and `move`: an UPDATE of A's rows to agency B. */
  scope: Scope | 'move';
  statements: Statement[];
  /** Turns the last statement's result into an outcome. */
  read: (result: QueryResult) => string;
  expected: string[];
}

interface Agency {
  agencyId: string;
  adminId: string;
  world: World;
}

interface RanCell {
  table: string;
  cell: string;
  outcome: string;
}

/**
 * The generated counterpart of row-level-security.int.spec.ts: for every tenant
 * table the catalog lists, SELECT, INSERT, UPDATE and DELETE as the application
 * role with its own agency, another agency's rows and no agency set. Straight
 * SQL, each cell in its own transaction, always rolled back.
 */
describe('row-level security matrix (every tenant table x operation x scope)', () => {
  let db: TestDatabase;
  let app: Client;
  let catalog: Map<string, TenantTable>;
  let granted: Map<string, Record<Operation, boolean>>;
  let seeded: Map<string, { A: number; B: number }>;
  let A: Agency;
  let B: Agency;
  const ran: RanCell[] = [];
  const started = Date.now();

  beforeAll(async () => {
    db = await createTestDatabase();
    await withOwner(db.ownerUrl, async (owner) => {
      catalog = new Map((await discoverTenantTables(owner)).map((table) => [table.name, table]));
      A = await seedAgency(owner, 'rls-matrix-a');
      B = await seedAgency(owner, 'rls-matrix-b');
      seeded = await countsPerTable(owner);
    });
    app = new Client({ connectionString: db.appUrl });
    await app.connect();
    granted = await privilegesOfApplicationRole(app, [...catalog.keys()]);
  });

  afterAll(async () => {
    printSummary();
    await app?.end();
    await db?.drop();
  });

  async function seedAgency(owner: Client, slug: string): Promise<Agency> {
    const { agencyId, adminId } = await insertAgencyWithAdmin(owner, slug);
    const world = newWorld(agencyId);
    await seedWorld(owner, world);
    return { agencyId, adminId, world };
  }

  async function countsPerTable(owner: Client): Promise<Map<string, { A: number; B: number }>> {
    const counts = new Map<string, { A: number; B: number }>();
    for (const table of catalog.keys()) {
      const perAgency = await countByAgency(owner, table);
      counts.set(table, { A: perAgency.get(A.agencyId) ?? 0, B: perAgency.get(B.agencyId) ?? 0 });
    }
    return counts;
  }

  it('has a seed row in both agencies for every tenant table the catalog lists', () => {
    expect(catalog.size).toBeGreaterThan(20);
    // A tenant table without a row builder (test/support/tenant-tables.ts) would go untested: add one.
    expect([...catalog.keys()].sort()).toEqual([...TENANT_ROW_TABLES].sort());
    const unseeded = [...seeded].filter(([, count]) => count.A === 0 || count.B === 0).map(([table]) => table);
    expect(unseeded).toEqual([]);
  });

  it.each(TENANT_ROW_TABLES.map((table) => [table]))('%s', async (name) => {
    const table = catalog.get(name);
    if (!table) throw new Error(`${name} has a row builder but is not a tenant table any more`);
    const wrong: Array<RanCell & { sql: string; expected: string[] }> = [];
    for (const cell of cellsFor(table)) {
      const outcome = await runCell(cell);
      const label = `${cell.operation} ${cell.scope}`;
      ran.push({ table: name, cell: label, outcome });
      if (!cell.expected.includes(outcome)) {
        const sql = cell.statements.map((statement) => statement.sql.replace(/\s+/g, ' ')).join('; ');
        wrong.push({ table: name, cell: label, outcome, expected: cell.expected, sql });
      }
    }
    expect(wrong).toEqual([]);
  });

  it('shows a connection that never set an agency no row of any tenant table', async () => {
    // The placeholder setting is undefined on a new connection (NULL, not ''): a different path through nullif().
    const fresh = new Client({ connectionString: db.appUrl });
    await fresh.connect();
    try {
      const setting = await fresh.query(`SELECT current_setting('app.agency_id', true) AS agency`);
      expect(setting.rows[0].agency).toBeNull();
      const seen: Record<string, number> = {};
      for (const table of catalog.keys()) {
        const result = await fresh.query(`SELECT count(*)::int AS n FROM ${escapeIdentifier(table)}`);
        if (result.rows[0].n !== 0) seen[table] = result.rows[0].n;
      }
      expect(seen).toEqual({});
    } finally {
      await fresh.end();
    }
  });

  it('keeps the append-only tables append-only for the application role', () => {
    // The matrix follows the grants; this pins the ones that must never be granted.
    for (const table of ['audit_entries', 'pipeline_reports']) {
      expect({ table, update: granted.get(table)!.UPDATE, delete: granted.get(table)!.DELETE }).toEqual({
        table,
        update: false,
        delete: false,
      });
    }
  });

  it("leaves both agencies' rows exactly as seeded", async () => {
    const after = await withOwner(db.ownerUrl, countsPerTable);
    expect(Object.fromEntries(after)).toEqual(Object.fromEntries(seeded));
  });

  /** The 12 cells of one table, and the move of A's rows to B. */
  function cellsFor(table: TenantTable): Cell[] {
    const name = escapeIdentifier(table.name);
    const column = escapeIdentifier(table.updateColumn);
    const mine = seeded.get(table.name)!.A;
    const can = granted.get(table.name)!;
    const unlessRefused = (operation: Operation, ...outcomes: string[]) => (can[operation] ? outcomes : [NOT_GRANTED]);
    const sql = (text: string, ...values: unknown[]): Statement[] => [{ sql: text, values }];
    const count = (result: QueryResult) => rows(result.rows[0].n);
    const affected = (result: QueryResult) => rows(result.rowCount ?? 0);
    // One row per agency by primary key (agency_policies): a second row for A cannot exist, so the proof that
    // the row passed row-level security is the unique violation, which PostgreSQL checks only after the policy.
    const singleton = table.primaryKey.length === 1 && table.primaryKey[0] === 'agency_id';
    return [
      {
        operation: 'SELECT',
        scope: 'own',
        statements: sql(`SELECT agency_id, count(*)::int AS n FROM ${name} GROUP BY agency_id ORDER BY agency_id`),
        read: (result) => result.rows.map((row) => `${agencyLabel(row.agency_id)} ${rows(row.n)}`).join(', '),
        expected: unlessRefused('SELECT', `A ${rows(mine)}`),
      },
      {
        operation: 'SELECT',
        scope: 'other',
        statements: sql(`SELECT count(*)::int AS n FROM ${name} WHERE agency_id = $1`, B.agencyId),
        read: count,
        expected: unlessRefused('SELECT', rows(0)),
      },
      {
        operation: 'SELECT',
        scope: 'none',
        statements: sql(`SELECT count(*)::int AS n FROM ${name}`),
        read: count,
        expected: unlessRefused('SELECT', rows(0)),
      },
      {
        operation: 'INSERT',
        scope: 'own',
        statements: insertWithNewParents(table.name),
        read: () => INSERTED,
        expected: unlessRefused('INSERT', singleton ? DUPLICATE_KEY : INSERTED),
      },
      {
        operation: 'INSERT',
        scope: 'other',
        statements: [insertStatement(table.name, withFreshRow(B.world, table.name))],
        read: () => INSERTED,
        expected: unlessRefused('INSERT', RLS_REFUSED),
      },
      {
        operation: 'INSERT',
        scope: 'none',
        statements: [insertStatement(table.name, withFreshRow(A.world, table.name))],
        read: () => INSERTED,
        expected: unlessRefused('INSERT', RLS_REFUSED),
      },
      {
        operation: 'UPDATE',
        scope: 'own',
        statements: sql(`UPDATE ${name} SET ${column} = ${column} WHERE agency_id = $1`, A.agencyId),
        read: affected,
        expected: unlessRefused('UPDATE', rows(mine)),
      },
      {
        operation: 'UPDATE',
        scope: 'other',
        statements: sql(`UPDATE ${name} SET ${column} = ${column} WHERE agency_id = $1`, B.agencyId),
        read: affected,
        expected: unlessRefused('UPDATE', rows(0)),
      },
      {
        operation: 'UPDATE',
        scope: 'none',
        statements: sql(`UPDATE ${name} SET ${column} = ${column}`),
        read: affected,
        expected: unlessRefused('UPDATE', rows(0)),
      },
      {
        operation: 'UPDATE',
        scope: 'move',
        // No WHERE: a statement that reads a column needs SELECT rights, and then PostgreSQL also holds the new
        // row to the SELECT policy. Without one, only the policy's WITH CHECK stands between A's rows and B.
        statements: sql(`UPDATE ${name} SET agency_id = $1`, B.agencyId),
        read: affected,
        expected: unlessRefused('UPDATE', RLS_REFUSED),
      },
      {
        operation: 'DELETE',
        scope: 'own',
        statements: sql(`DELETE FROM ${name} WHERE agency_id = $1`, A.agencyId),
        read: affected,
        // A row another table points at without ON DELETE CASCADE cannot go; the foreign-key error shows the
        // statement did reach A's rows (other agencies' rows never are: every foreign key leads with agency_id).
        expected: unlessRefused('DELETE', rows(mine), ...(table.restrictsDelete ? [FOREIGN_KEY] : [])),
      },
      {
        operation: 'DELETE',
        scope: 'other',
        statements: sql(`DELETE FROM ${name} WHERE agency_id = $1`, B.agencyId),
        read: affected,
        expected: unlessRefused('DELETE', rows(0)),
      },
      {
        operation: 'DELETE',
        scope: 'none',
        statements: sql(`DELETE FROM ${name}`),
        read: affected,
        expected: unlessRefused('DELETE', rows(0)),
      },
    ];
  }

  /**
   * A new row of A's for `table`, with new parents inserted first in the same
   * transaction: a copy under a new key would collide with the keys that are
   * unique per parent (one debrief per interview, one next step per application).
   */
  function insertWithNewParents(table: string): Statement[] {
    const world = newWorld(A.agencyId);
    return [
      ...parentsFirst(table).map((parent) => ({ ...insertStatement(parent, world), label: `parent ${parent}` })),
      insertStatement(table, world),
    ];
  }

  /**
   * The tenant tables `table` needs rows in, transitively, in seed order. Only
   * parents seeded earlier count: users and candidates point at each other, and
   * the seeded user has no candidate.
   */
  function parentsFirst(table: string): string[] {
    const position = (name: string) => TENANT_ROW_TABLES.indexOf(name);
    const found = new Set<string>();
    const pending = [table];
    while (pending.length > 0) {
      const current = pending.pop()!;
      for (const parent of catalog.get(current)?.parents ?? []) {
        if (!found.has(parent) && position(parent) < position(current)) {
          found.add(parent);
          pending.push(parent);
        }
      }
    }
    return TENANT_ROW_TABLES.filter((name) => found.has(name));
  }

  /** One cell, one transaction, always rolled back (foreign keys may have cascaded), so later cells see the seed. */
  async function runCell(cell: Cell): Promise<string> {
    await app.query('BEGIN');
    try {
      if (cell.scope !== 'none') {
        await app.query(
          `SELECT set_config('app.agency_id', $1, true), set_config('app.role', 'ADMIN', true),
                  set_config('app.user_id', $2, true)`,
          [A.agencyId, A.adminId],
        );
      }
      let result: QueryResult | undefined;
      for (const statement of cell.statements) {
        try {
          result = await app.query(statement.sql, statement.values);
        } catch (error) {
          const outcome = outcomeOfError(error);
          return statement.label ? `${statement.label}: ${outcome}` : outcome;
        }
      }
      return cell.read(result!);
    } finally {
      await app.query('ROLLBACK');
    }
  }

  function agencyLabel(agencyId: string): string {
    if (agencyId === A.agencyId) return 'A';
    if (agencyId === B.agencyId) return 'B';
    return `agency ${agencyId}`;
  }

  function printSummary(): void {
    const tables = new Set(ran.map((cell) => cell.table)).size;
    const cells = ran.filter((cell) => !cell.cell.endsWith('move')).length;
    const notGranted = [...new Set(ran.filter((cell) => cell.outcome === NOT_GRANTED).map((cell) => cell.table))]
      .map((table) => {
        const operations = OPERATIONS.filter((operation) => !granted.get(table)?.[operation]);
        return `${table} (${operations.join(', ')})`;
      })
      .join(', ');
    console.log(
      `RLS matrix: ${tables} tables x ${OPERATIONS.length} operations x ${SCOPES.length} scopes = ${cells} cells ` +
        `(+ ${ran.length - cells} moves of A's rows to B) in ${Date.now() - started} ms; ` +
        `refused in every scope for want of a privilege (not granted): ${notGranted || 'none'}`,
    );
  }
});

/** What the application role may do to each table, asked as that role (its grants come through recruiting_app). */
async function privilegesOfApplicationRole(
  app: Client,
  tables: string[],
): Promise<Map<string, Record<Operation, boolean>>> {
  const result = await app.query(
    `SELECT c.relname::text AS name,
            has_table_privilege(c.oid, 'SELECT') AS "SELECT", has_table_privilege(c.oid, 'INSERT') AS "INSERT",
            has_table_privilege(c.oid, 'UPDATE') AS "UPDATE", has_table_privilege(c.oid, 'DELETE') AS "DELETE"
       FROM pg_class c
      WHERE c.relnamespace = 'public'::regnamespace AND c.relname = ANY ($1::text[])`,
    [tables],
  );
  return new Map(
    result.rows.map((row) => [
      row.name,
      { SELECT: row.SELECT, INSERT: row.INSERT, UPDATE: row.UPDATE, DELETE: row.DELETE },
    ]),
  );
}

function outcomeOfError(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  if (code === '42501' && /row-level security/.test(message ?? '')) return RLS_REFUSED;
  if (code === '42501' && /permission denied/.test(message ?? '')) return NOT_GRANTED;
  if (code === '23505') return DUPLICATE_KEY;
  if (code === '23503') return FOREIGN_KEY;
  return `error ${code}: ${message}`;
}
