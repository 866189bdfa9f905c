import { createHash } from 'node:crypto';

/**
 * A statement PostgreSQL parses and plans once per pooled connection instead
 * of at every run: pg sends it as a named prepared statement, and from its
 * sixth run PostgreSQL keeps a generic plan when it is no worse than the
 * custom ones (plan_cache_mode auto). For the hot statements only, each a
 * fixed text: a connection keeps every statement it ever prepared.
 *
 * Row-level security holds a prepared statement exactly as any other: the
 * policies' current_setting() calls are evaluated at each run, and a plan is
 * thrown away when the role it was made for changes.
 */
export interface PreparedSql {
  readonly name: string;
  readonly text: string;
}

const byText = new Map<string, PreparedSql>();

/**
 * The name is the text's hash: the same text shares one statement, and two
 * texts can never meet under one name. Remembered by text, so a statement
 * built from fixed parts (an entity's columns, a chosen join) is hashed once.
 */
export function preparedSql(text: string): PreparedSql {
  let prepared = byText.get(text);
  if (!prepared) {
    prepared = { name: `p_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`, text };
    byText.set(text, prepared);
  }
  return prepared;
}

export type Sql = string | PreparedSql;

/**
 * What pg's query() takes for `sql`. A new object every time: pg writes the
 * values into the object it is given, and statements run side by side.
 */
export function pgQueryText(sql: Sql): string {
  return (typeof sql === 'string' ? sql : { name: sql.name, text: sql.text }) as unknown as string;
}
