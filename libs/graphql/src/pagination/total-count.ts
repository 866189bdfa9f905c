import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

const TOTAL_COUNT = 'total_count';

/**
 * A page and the count of every row its query matches, in one statement: the
 * count rides on each row of the page as an uncorrelated subquery (computed
 * once). Only a page with no row (a cursor past the end) leaves it to a
 * statement of its own. Built from the query before its order, cursor and
 * limit are added.
 */
export class TotalCount<T extends ObjectLiteral> {
  private readonly unpaged: SelectQueryBuilder<T>;

  constructor(query: SelectQueryBuilder<T>) {
    this.unpaged = query.clone();
    // Named parameters stay named in getQuery(): the page's statement binds them once for both.
    const counting = query.clone().select('COUNT(1)').orderBy();
    query.addSelect(`(${counting.getQuery()})`, TOTAL_COUNT);
  }

  /** The total, from the raw rows of the page's statement. */
  async of(rawRows: readonly Record<string, unknown>[]): Promise<number> {
    const [first] = rawRows;
    return first ? Number(first[TOTAL_COUNT]) : this.unpaged.getCount();
  }
}
