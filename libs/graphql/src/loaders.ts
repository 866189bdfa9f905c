import { RequestContext } from '@lib/context';
import { preparedSql } from '@lib/database';
import DataLoader from 'dataloader';
import { EntityTarget, In, ObjectLiteral } from 'typeorm';
import { cachedIn } from './cached-in';
import { ColumnSet, entityRowsSql } from './entity-rows';
import { readsWithin } from './properties-read';
import { FieldSelection } from './selection';

type SortOrder<T> = Partial<Record<keyof T & string, 'ASC' | 'DESC'>>;

/** `columns` when the fields asked of the GraphQL type `typeName` read nothing else (readsWithin), whole rows otherwise. */
export function columnsAsked(
  selection: FieldSelection | undefined,
  typeName: string,
  columns: ColumnSet,
): ColumnSet | undefined {
  return selection && readsWithin(selection, typeName, columns.propertySet) ? columns : undefined;
}

/**
 * The per-request memo keys of an entity, whole or of a column set: symbols
 * made once, unique to the entity class even where two share a name, and
 * found by identity (a key concatenated on every call, one per field of
 * every parent, would be a new string to hash each time).
 */
const memoKeys = new WeakMap<Function, Map<ColumnSet | undefined, { known: symbol; byId: symbol }>>();

function memoKeysOf(entity: Function, columns: ColumnSet | undefined): { known: symbol; byId: symbol } {
  const byColumns = cachedIn(memoKeys, entity, () => new Map());
  return cachedIn(byColumns, columns, () => {
    const suffix = columns ? `:${columns.name}` : '';
    return { known: Symbol(`known:${entity.name}${suffix}`), byId: Symbol(`by-id:${entity.name}${suffix}`) };
  });
}

/** Rows of the request's agency whose `property` is one of `values`, read with plain SQL when the entity allows it. */
async function rowsWhereIn<T extends ObjectLiteral>(
  ctx: RequestContext,
  entity: EntityTarget<T> & Function,
  property: keyof T & string,
  values: readonly string[],
  order: SortOrder<T> = {},
  columns?: ColumnSet,
): Promise<T[]> {
  // An entity TypeORM must hydrate is read whole: more than a column set asks, never less.
  const sql = (await entityRowsSql(ctx, entity))?.narrowed(columns) ?? null;
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
 * level of a GraphQL response becomes one `WHERE id = ANY(...)` query. With a
 * column set, a loader of its own reading those columns only.
 */
export function rowsById<T extends ObjectLiteral & { id: string }>(
  ctx: RequestContext,
  entity: EntityTarget<T> & Function,
  columns?: ColumnSet,
): DataLoader<string, T | undefined> {
  return ctx.memo(memoKeysOf(entity, columns).byId, () => {
    return new DataLoader<string, T | undefined>(async (ids) => {
      const rows = await rowsWhereIn(ctx, entity, 'id', ids, {}, columns);
      const byId = new Map(rows.map((row) => [row.id, row]));
      const known = knownRows(ctx, entity, columns);
      for (const row of rows) known.set(row.id, row);
      return ids.map((id) => byId.get(id));
    });
  });
}

/** The rows of an entity (whole, or of a column set) this request has read, by id. */
function knownRows<T extends ObjectLiteral & { id: string }>(
  ctx: RequestContext,
  entity: EntityTarget<T> & Function,
  columns: ColumnSet | undefined,
): Map<string, T> {
  return ctx.memo(memoKeysOf(entity, columns).known, () => new Map<string, T>());
}

/**
 * A row by id: at once when this request has read it already (in a batch of
 * rowsById, or in another statement that primed it), through the batched
 * loader otherwise. A field resolver that returns a value rather than a
 * promise costs GraphQL execution far less, which counts on lists. With a
 * column set (see columnsAsked), the row may hold those columns only.
 */
export function rowById<T extends ObjectLiteral & { id: string }>(
  ctx: RequestContext,
  entity: EntityTarget<T> & Function,
  id: string,
  columns?: ColumnSet,
): T | Promise<T | undefined> {
  return knownRows(ctx, entity, columns).get(id) ?? rowsById(ctx, entity, columns).load(id);
}

/**
 * Rows read by a statement that joined them for the fields to come: rowById
 * and rowsById find them without a query; those of the same column set
 * only, when they were read with one.
 */
export function primeRows<T extends ObjectLiteral & { id: string }>(
  ctx: RequestContext,
  entity: EntityTarget<T> & Function,
  rows: Iterable<T>,
  columns?: ColumnSet,
): void {
  const known = knownRows(ctx, entity, columns);
  const loader = rowsById(ctx, entity, columns);
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
