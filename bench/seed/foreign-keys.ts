import { Pool } from 'pg';

/**
 * Foreign keys checked once, set-based, after the load, instead of row by
 * row while loading. PostgreSQL checks a foreign key with a trigger per
 * inserted row (a lookup and a row lock on the parent, WAL included): about
 * a third of the load's time for ten million rows. A superuser may skip
 * those triggers for one transaction (`SET LOCAL session_replication_role =
 * replica`: CHECK, NOT NULL and unique constraints still apply), and then
 * every foreign key is verified with one anti-join per constraint over the
 * seeded agencies' rows. A generator bug that breaks a key fails the run.
 */

/** Whether this connection may skip the per-row checks (a superuser only). */
export async function canDeferForeignKeyChecks(pool: Pool): Promise<boolean> {
  const { rows } = await pool.query<{ on: boolean }>(`SELECT current_setting('is_superuser') = 'on' AS on`);
  return rows[0]!.on;
}

/** For the batch's transaction: no per-row foreign key triggers until it ends. */
export const SKIP_FOREIGN_KEY_TRIGGERS = `SET LOCAL session_replication_role = replica`;

interface ForeignKey {
  name: string;
  child: string;
  parent: string;
  childColumns: string[];
  parentColumns: string[];
  scoped: boolean;
}

/** Every foreign key of the schema, from the catalog; `scoped` when its table has an agency_id to narrow by. */
const FOREIGN_KEYS = `
  SELECT c.conname AS name, c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent,
         array_agg(ca.attname::text ORDER BY k.ord) AS "childColumns",
         array_agg(pa.attname::text ORDER BY k.ord) AS "parentColumns",
         EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.conrelid AND a.attname = 'agency_id' AND NOT a.attisdropped)
           AS scoped
    FROM pg_constraint c
   CROSS JOIN LATERAL unnest(c.conkey, c.confkey) WITH ORDINALITY AS k(child_column, parent_column, ord)
    JOIN pg_attribute ca ON ca.attrelid = c.conrelid AND ca.attnum = k.child_column
    JOIN pg_attribute pa ON pa.attrelid = c.confrelid AND pa.attnum = k.parent_column
   WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace
   GROUP BY c.oid, c.conname, c.conrelid, c.confrelid
   ORDER BY c.conrelid::regclass::text, c.conname`;

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The rows of the seeded agencies whose key (all of it set: MATCH SIMPLE) points at no parent row. */
function orphans(key: ForeignKey): string {
  const set = key.childColumns.map((column) => `c.${quote(column)} IS NOT NULL`).join(' AND ');
  const matches = key.childColumns
    .map((column, index) => `p.${quote(key.parentColumns[index]!)} = c.${quote(column)}`)
    .join(' AND ');
  return `SELECT count(*)::int AS orphans FROM ${key.child} c
           WHERE ${set} ${key.scoped ? 'AND c.agency_id = ANY($1::uuid[])' : ''}
             AND NOT EXISTS (SELECT 1 FROM ${key.parent} p WHERE ${matches})`;
}

/** Verifies every foreign key over the agencies' rows, `connections` constraints at a time; throws on any orphan. */
export async function verifyForeignKeys(
  pool: Pool,
  agencyIds: readonly string[],
  connections: number,
): Promise<number> {
  const keys = (await pool.query<ForeignKey>(FOREIGN_KEYS)).rows;
  const broken: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < keys.length) {
      const key = keys[next++]!;
      const sql = orphans(key);
      const { rows } = await pool.query<{ orphans: number }>(sql, key.scoped ? [agencyIds] : []);
      if (rows[0]!.orphans > 0) broken.push(`${key.name}: ${rows[0]!.orphans} rows of ${key.child} point at nothing`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(connections, keys.length) }, worker));
  if (broken.length > 0) throw new Error(`The generated rows break foreign keys:\n  ${broken.join('\n  ')}`);
  return keys.length;
}
