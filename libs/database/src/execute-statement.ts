import { escapeLiteral } from 'pg';
import { PreparedSql } from './prepared-sql';

/** A parameter as an SQL literal, for the scalar types the first statements of a request bind; undefined for any other. */
function literal(value: unknown): string | undefined {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'string') return escapeLiteral(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number' && Number.isFinite(value)) return escapeLiteral(String(value));
  if (value instanceof Date && Number.isFinite(value.getTime())) return escapeLiteral(value.toISOString());
  return undefined;
}

/**
 * `EXECUTE <name>(<literals>)`: a statement prepared on the connection,
 * run from a simple-protocol message (which binds no parameters). Each
 * literal is untyped, so PostgreSQL reads it as the type the statement was
 * prepared with, as it would a bound value. Null when a parameter is of a
 * type written otherwise (an array, an object).
 */
export function executeStatement(sql: PreparedSql, parameters: readonly unknown[]): string | null {
  const literals: string[] = [];
  for (const parameter of parameters) {
    const written = literal(parameter);
    if (written === undefined) return null;
    literals.push(written);
  }
  return literals.length ? `EXECUTE ${sql.name}(${literals.join(', ')})` : `EXECUTE ${sql.name}`;
}
