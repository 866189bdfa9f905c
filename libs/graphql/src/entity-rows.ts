import { RequestContext } from '@lib/context';
import { EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/**
 * Column types that `pg` already returns as TypeORM would hydrate them
 * (strings, numbers, booleans, Dates, parsed JSON), so a row read without
 * TypeORM is the same data as the entity TypeORM builds from it.
 */
const PLAIN_COLUMN_TYPES = new Set(['uuid', 'text', 'timestamptz', 'boolean', 'smallint', 'integer', 'jsonb']);

/**
 * Some of an entity's columns, which a query that asks nothing else of its
 * rows may read alone (see columnsAsked). Declared once by the library that
 * owns the entity, never built per query, so the statements reading them
 * stay few enough to prepare. Rows read with a column set live in the
 * per-request caches of that set only: they never answer a field that reads
 * whole rows.
 */
export interface ColumnSet {
  readonly name: string;
  readonly properties: readonly string[];
  readonly propertySet: ReadonlySet<string>;
}

export function columnSet(name: string, properties: readonly string[]): ColumnSet {
  return { name, properties, propertySet: new Set(properties) };
}

/** How to read one entity's table with plain SQL, alone or joined to another's. */
export interface EntityRowsSql {
  table: string;
  /** `"full_name" AS "fullName", ...`: the columns TypeORM would select, under the entity's property names. */
  selectList: string;
  /** The same columns under their own names (`"full_name", ...`): a subquery's, for joinedSelectList to read. */
  columnNames: string;
  /** The same columns of the table joined as `alias`, named `<prefix><property>`, to read several entities from one row. */
  joinedSelectList(alias: string, prefix: string): string;
  /** The entity a row read with joinedSelectList holds under `prefix`; undefined when a LEFT JOIN found none. */
  joinedEntity<T>(row: Record<string, unknown>, prefix: string): T | undefined;
  /** The quoted column of a property, and its SQL type (for `= ANY($n::<type>[])`). */
  column(property: string): { name: string; type: string };
  /**
   * The same reading of a column set's properties only, primary key
   * included (this reading itself without one): rows for the fields a query
   * asks, which only loaders kept for that set may hold. Throws on a
   * property the entity has no column for.
   */
  narrowed(columns: ColumnSet | undefined): EntityRowsSql;
}

const quoted = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

/** Built once per entity: the metadata never changes while the process runs. */
const sqlByEntity = new WeakMap<Function, EntityRowsSql | null>();

function buildSql(metadata: EntityMetadata): EntityRowsSql | null {
  const columns = metadata.columns.filter((column) => column.isSelect);
  const plain = columns.every(
    (column) =>
      typeof column.type === 'string' &&
      PLAIN_COLUMN_TYPES.has(column.type) &&
      !column.transformer &&
      !column.embeddedMetadata &&
      !column.relationMetadata &&
      !column.isVirtual &&
      !column.isArray,
  );
  if (!plain) return null;
  const byProperty = new Map(metadata.columns.map((column) => [column.propertyName, column]));
  const narrowedBySet = new Map<ColumnSet, EntityRowsSql>();
  const narrowed = (set: ColumnSet | undefined): EntityRowsSql => {
    if (!set) return whole;
    let sql = narrowedBySet.get(set);
    if (!sql) {
      for (const property of set.properties) {
        if (!byProperty.get(property)?.isSelect) throw new Error(`${metadata.name} has no column for ${property}`);
      }
      const wanted = new Set([...set.properties, ...metadata.primaryColumns.map((column) => column.propertyName)]);
      sql = sqlOfColumns(
        metadata,
        columns.filter((column) => wanted.has(column.propertyName)),
        byProperty,
        narrowed,
      );
      narrowedBySet.set(set, sql);
    }
    return sql;
  };
  const whole = sqlOfColumns(metadata, columns, byProperty, narrowed);
  return whole;
}

function sqlOfColumns(
  metadata: EntityMetadata,
  columns: ColumnMetadata[],
  byProperty: Map<string, ColumnMetadata>,
  narrowed: (set: ColumnSet | undefined) => EntityRowsSql,
): EntityRowsSql {
  const properties = columns.map((column) => column.propertyName);
  const keys = metadata.primaryColumns.map((column) => column.propertyName);
  const joinedSelectLists = new Map<string, string>();
  // Prefixed names are built once: concatenating them for every value of every row would be garbage per row.
  const prefixedNames = new Map<string, { properties: string[]; keys: string[] }>();
  const prefixed = (prefix: string) => {
    let names = prefixedNames.get(prefix);
    if (!names) {
      names = { properties: properties.map((name) => prefix + name), keys: keys.map((name) => prefix + name) };
      prefixedNames.set(prefix, names);
    }
    return names;
  };
  return {
    table: quoted(metadata.tableName),
    selectList: columns.map((column) => `${quoted(column.databaseName)} AS ${quoted(column.propertyName)}`).join(', '),
    columnNames: columns.map((column) => quoted(column.databaseName)).join(', '),
    joinedSelectList: (alias, prefix) => {
      const key = `${alias} ${prefix}`;
      let list = joinedSelectLists.get(key);
      if (list === undefined) {
        list = columns
          .map((column) => `${alias}.${quoted(column.databaseName)} AS ${quoted(prefix + column.propertyName)}`)
          .join(', ');
        joinedSelectLists.set(key, list);
      }
      return list;
    },
    joinedEntity: <T>(row: Record<string, unknown>, prefix: string) => {
      const names = prefixed(prefix);
      if (names.keys.some((key) => row[key] === null || row[key] === undefined)) return undefined;
      const entity: Record<string, unknown> = {};
      for (let index = 0; index < properties.length; index++)
        entity[properties[index]!] = row[names.properties[index]!];
      return entity as T;
    },
    column: (property) => {
      const column = byProperty.get(property);
      if (!column) throw new Error(`${metadata.name} has no column for ${property}`);
      return { name: quoted(column.databaseName), type: String(column.type) };
    },
    narrowed,
  };
}

/**
 * The plain-SQL reading of an entity, or null when one of its columns needs
 * TypeORM's hydration (a transformer, a date, an enum array...): the caller
 * then reads it through TypeORM.
 *
 * Why not TypeORM: on the hot read paths (the counselor's dashboard loads
 * hundreds of rows through a dozen DataLoaders per request) building entities
 * and query builders cost more CPU than the statements themselves.
 */
export async function entityRowsSql<T extends ObjectLiteral>(
  ctx: RequestContext,
  entity: EntityTarget<T> & Function,
): Promise<EntityRowsSql | null> {
  const sql = sqlByEntity.get(entity);
  return sql === undefined ? entityRowsSqlOf((await ctx.manager()).connection.getMetadata(entity)) : sql;
}

/** entityRowsSql from metadata already at hand (a query builder's main alias, say). */
export function entityRowsSqlOf(metadata: EntityMetadata): EntityRowsSql | null {
  const entity = metadata.target;
  if (typeof entity !== 'function') return buildSql(metadata);
  let sql = sqlByEntity.get(entity);
  if (sql === undefined) {
    sql = buildSql(metadata);
    sqlByEntity.set(entity, sql);
  }
  return sql;
}

/** entityRowsSql for the read paths written for plain SQL only: an entity that needs TypeORM is a programming error. */
export async function plainEntityRowsSql<T extends ObjectLiteral>(
  ctx: RequestContext,
  entity: EntityTarget<T> & Function,
): Promise<EntityRowsSql> {
  const sql = await entityRowsSql(ctx, entity);
  if (!sql) throw new Error(`${entity.name} has a column plain SQL cannot read as TypeORM would`);
  return sql;
}
