import { RequestContext } from '@lib/context';
import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Connection, toConnection } from './connection';
import { decodeCursor } from './cursor';
import { PageReader } from './page-rows';
import { TotalCount } from './total-count';

/**
 * Keyset pagination in time order: `(created_at, id) > cursor` (or another
 * time column), served by the `(agency_id, <time>, id)` index every listed table has. Stable under
 * inserts, unlike OFFSET.
 */
export async function paginateByCreation<T extends ObjectLiteral & { id: string }>(
  ctx: RequestContext,
  query: SelectQueryBuilder<T>,
  first: number,
  after?: string,
  timeProperty: keyof T & string = 'createdAt',
): Promise<Connection<T>> {
  const alias = query.alias;
  const sortBy = `${alias}.${timeProperty}`;
  const page = new PageReader(ctx, query);
  const total = new TotalCount(query);
  query.orderBy(sortBy, 'ASC').addOrderBy(`${alias}.id`, 'ASC');
  if (after) {
    const position = decodeCursor(after);
    query.andWhere(`(${sortBy}, ${alias}.id) > (:sortKey::timestamptz, :id::uuid)`, position);
  }
  const { entities: rows, raw } = await page.read(first + 1);
  return toConnection(
    rows,
    first,
    await total.of(raw),
    (row) => ({ sortKey: (row[timeProperty] as Date).toISOString(), id: row.id }),
    (row) => row,
  );
}
