import { RequestContext } from '@lib/context';
import { preparedSql } from '@lib/database';
import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { EntityRowsSql, entityRowsSqlOf } from '../entity-rows';

export interface PageRows<T> {
  entities: T[];
  /** Every selected value of each row, the extra selections (count, sort key) included. */
  raw: Record<string, unknown>[];
}

/**
 * How a page's statement is read: as a prepared statement of plain rows when
 * the entity needs no hydration and the query joins nothing, through TypeORM
 * otherwise. A list's statement text depends only on which filters it applies
 * (their values are bound, and so is the page size), so its variants are few
 * enough to prepare: the counselor's dashboard opens with one, and planning
 * it under row-level security cost PostgreSQL as much as running it.
 */
export class PageReader<T extends ObjectLiteral> {
  private readonly plain: EntityRowsSql | null;

  /**
   * For a query built on the request's transaction (ctx.repository), before
   * anything is added to its selection: a plain read replaces the selection
   * with the entity's columns, and runs in that same transaction.
   */
  constructor(
    private readonly ctx: RequestContext,
    private readonly query: SelectQueryBuilder<T>,
  ) {
    const alias = query.expressionMap.mainAlias;
    const plain =
      alias?.hasMetadata && query.expressionMap.joinAttributes.length === 0 ? entityRowsSqlOf(alias.metadata) : null;
    this.plain = plain;
    if (plain) query.select(plain.joinedSelectList(query.alias, ''));
  }

  /** At most `limit` rows of the query as it now stands, ordered and filtered. */
  async read(limit: number): Promise<PageRows<T>> {
    if (!this.plain) return this.query.take(limit).getRawAndEntities();
    const [text, parameters] = this.query.getQueryAndParameters();
    const raw = await this.ctx.query<Record<string, unknown>>(preparedSql(`${text} LIMIT $${parameters.length + 1}`), [
      ...parameters,
      limit,
    ]);
    return { raw, entities: raw.map((row) => this.plain!.joinedEntity<T>(row, '')!) };
  }
}
