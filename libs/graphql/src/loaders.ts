import { RequestContext } from '@lib/context';
import { preparedSql } from '@lib/database';
import DataLoader from 'dataloader';
import { EntityTarget, In, ObjectLiteral } from 'typeorm';
import { entityRowsSql } from './entity-rows';

type SortOrder<T> = Partial<Record<keyof T & string, 'ASC' | 'DESC'>>;

/** Rows of the request's agency whose `property` is one of `values`, read with plain SQL when the entity allows it. */
async function rowsWhereIn<T extends ObjectLiteral>(
  ctx: RequestContext,
  entity: EntityTarget<T> & Function,
  property: keyof T & string,
  values: readonly string[],
  order: SortOrder<T> = {},
): Promise<T[]> {
  const sql = await entityRowsSql(ctx, entity);
  if (!sql) {
    const repository = await ctx.repository(entity);
    return repository.find({
      where: { agencyId: ctx.agencyId, [property]: In([...values]) } as never,
      order: order as never,
    });
  }
  const key = sql.column(property);
  const orderBy = Object.entries(order)
    .map(([orderProperty, direction]) => `${sql.column(orderProperty).name} ${direction === 'DESC' ? 'DESC' : 'ASC'}`)
    .join(', ');
  // Prepared: the texts are as many as the loaders the code declares (entity, key and order), and no more.
  return ctx.query<T>(
    preparedSql(`SELECT ${sql.selectList} FROM ${sql.table}
      WHERE ${sql.column('agencyId').name} = $1 AND ${key.name} = ANY($2::${key.type}[])${orderBy ? ` ORDER BY ${orderBy}` : ''}`),
    [ctx.agencyId, [...values]],
  );
}

/**
 * A per-request DataLoader of rows by id: every `load` made while resolving one
 * level of a GraphQL response becomes one `WHERE id = ANY(...)` query.
 */
export function rowsById<T extends ObjectLiteral & { id: string }>(
  ctx: RequestContext,
  entity: EntityTarget<T> & Function,
): DataLoader<string, T | undefined> {
  return ctx.memo(entity, () => {
    return new DataLoader<string, T | undefined>(async (ids) => {
      const rows = await rowsWhereIn(ctx, entity, 'id', ids);
      const byId = new Map(rows.map((row) => [row.id, row]));
      const known = knownRows(ctx, entity);
      for (const row of rows) known.set(row.id, row);
      return ids.map((id) => byId.get(id));
    });
  });
}

/**
 * The memo key of each entity's known rows, built once: a key concatenated
 * on every call (one per field of every parent) is a new string to hash each time.
 */
const knownRowsKeys = new WeakMap<Function, string>();

function knownRowsKey(entity: Function): string {
  let key = knownRowsKeys.get(entity);
  if (key === undefined) {
    key = `known:${entity.name}`;
    knownRowsKeys.set(entity, key);
  }
  return key;
}

/** The rows of an entity this request has read, by id. */
function knownRows<T extends ObjectLiteral & { id: string }>(
  ctx: RequestContext,
  entity: EntityTarget<T> & Function,
): Map<string, T> {
  return ctx.memo(knownRowsKey(entity), () => new Map<string, T>());
}

/**
 * A row by id: at once when this request has read it already (in a batch of
 * rowsById, or in another statement that primed it), through the batched
 * loader otherwise. A field resolver that returns a value rather than a
 * promise costs GraphQL execution far less, which counts on lists.
 */
export function rowById<T extends ObjectLiteral & { id: string }>(
  ctx: RequestContext,
  entity: EntityTarget<T> & Function,
  id: string,
): T | Promise<T | undefined> {
  return knownRows(ctx, entity).get(id) ?? rowsById(ctx, entity).load(id);
}

/** Rows read by a statement that joined them for the fields to come: rowById and rowsById find them without a query. */
export function primeRows<T extends ObjectLiteral & { id: string }>(
  ctx: RequestContext,
  entity: EntityTarget<T> & Function,
  rows: Iterable<T>,
): void {
  const known = knownRows(ctx, entity);
  const loader = rowsById(ctx, entity);
  for (const row of rows) {
    if (known.has(row.id)) continue;
    known.set(row.id, row);
    loader.prime(row.id, row);
  }
}

/**
 * A per-request DataLoader of the rows that belong to each parent id (one-to-many),
 * in one `WHERE <column> = ANY(...)` query per level.
 */
export function rowsByParent<T extends ObjectLiteral>(
  ctx: RequestContext,
  entity: EntityTarget<T> & Function,
  parentProperty: keyof T & string,
  order: SortOrder<T> = {},
): DataLoader<string, T[]> {
  return ctx.memo(`${entity.name}:${parentProperty}`, () => {
    return new DataLoader<string, T[]>(async (parentIds) => {
      const rows = await rowsWhereIn(ctx, entity, parentProperty, parentIds, order);
      const byParent = new Map<string, T[]>(parentIds.map((id) => [id, []]));
      for (const row of rows) byParent.get(row[parentProperty] as string)?.push(row);
      return parentIds.map((id) => byParent.get(id) ?? []);
    });
  });
}
