import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Connection, toConnection } from './connection';
import { decodeCursor } from './cursor';

/**
 * Keyset pagination in creation order: `(created_at, id) > cursor`, served by
 * the `(agency_id, created_at, id)` index every listed table has. Stable under
 * inserts, unlike OFFSET.
 */
export async function paginateByCreation<T extends ObjectLiteral & { id: string; createdAt: Date }>(
  query: SelectQueryBuilder<T>,
  first: number,
  after?: string,
): Promise<Connection<T>> {
  const alias = query.alias;
  const totalCount = await query.clone().getCount();
  query.orderBy(`${alias}.createdAt`, 'ASC').addOrderBy(`${alias}.id`, 'ASC');
  if (after) {
    const position = decodeCursor(after);
    query.andWhere(`(${alias}.createdAt, ${alias}.id) > (:sortKey::timestamptz, :id::uuid)`, position);
  }
  const rows = await query.take(first + 1).getMany();
  return toConnection(
    rows,
    first,
    totalCount,
    (row) => ({ sortKey: row.createdAt.toISOString(), id: row.id }),
    (row) => row,
  );
}
