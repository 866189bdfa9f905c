import { RequestContext } from '@lib/context';
import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Connection, toConnection } from './connection';
import { decodeCursor } from './cursor';
import { PageReader } from './page-rows';
import { TotalCount } from './total-count';

export interface SortKey {
  /** An SQL expression over the query's alias, never NULL (coalesce it), ascending in the wanted order. */
  expression: string;
  /** Its SQL type, for comparing it with the cursor's value. */
  type: 'integer' | 'timestamptz';
}

/**
 * Keyset pagination on a computed key: `(key, id) > cursor`, for orders such
 * as "hottest first" or "soonest due first" that live in other tables.
 * Stable under inserts, unlike OFFSET.
 */
export async function paginateByKey<T extends ObjectLiteral & { id: string }>(
  ctx: RequestContext,
  query: SelectQueryBuilder<T>,
  first: number,
  after: string | undefined,
  key: SortKey,
): Promise<Connection<T>> {
  const alias = query.alias;
  const page = new PageReader(ctx, query);
  const total = new TotalCount(query);
  query.addSelect(key.expression, 'sort_key').orderBy('sort_key', 'ASC').addOrderBy(`${alias}.id`, 'ASC');
  if (after) {
    const position = decodeCursor(after);
    query.andWhere(`(${key.expression}, ${alias}.id) > (:sortKey::${key.type}, :id::uuid)`, position);
  }
  const { entities, raw } = await page.read(first + 1);
  const keys = new Map(raw.map((row, index) => [entities[index]?.id, row.sort_key as number | Date | string]));
  return toConnection(
    entities,
    first,
    await total.of(raw),
    (row) => ({ sortKey: cursorValue(keys.get(row.id)!), id: row.id }),
    (row) => row,
  );
}

function cursorValue(value: number | Date | string): string {
  if (value instanceof Date) return Number.isFinite(value.getTime()) ? value.toISOString() : 'infinity';
  return String(value);
}
