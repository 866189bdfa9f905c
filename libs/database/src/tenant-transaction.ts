import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { pgQueryText, Sql } from './prepared-sql';
import { scopeStatement } from './scope-statement';
import { TenantScope } from './tenant-scope';

/**
 * One database transaction on one pooled connection, scoped to a tenant.
 * Row-level security reads the scope from the transaction-local settings, so
 * every statement run through `manager` sees one agency's rows and no other's.
 */
export class TenantTransaction {
  private finished = false;

  private constructor(private readonly runner: QueryRunner) {}

  static async begin(dataSource: DataSource, scope: TenantScope): Promise<TenantTransaction> {
    const runner = dataSource.createQueryRunner();
    serializeQueries(runner);
    await runner.connect();
    const transaction = new TenantTransaction(runner);
    try {
      await startScoped(runner, scope);
      return transaction;
    } catch (error) {
      await transaction.rollback();
      throw error;
    }
  }

  get manager(): EntityManager {
    if (this.finished) throw new Error('The transaction has already ended');
    return this.runner.manager;
  }

  /** Rows of any statement, RETURNING included (TypeORM's plain query() returns [rows, count] for UPDATE and DELETE). */
  async query<T>(sql: Sql, parameters: unknown[]): Promise<T[]> {
    if (this.finished) throw new Error('The transaction has already ended');
    // TypeORM hands the text to pg's client.query() as it is, so a prepared statement's config passes through.
    const result = await this.runner.query(pgQueryText(sql), parameters, true);
    return result.records as T[];
  }

  get isOpen(): boolean {
    return !this.finished;
  }

  async applyScope(scope: TenantScope): Promise<void> {
    await this.runner.query(scopeStatement(scope));
  }

  async commit(): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    try {
      await this.runner.commitTransaction();
    } catch (error) {
      await this.runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await this.runner.release();
    }
  }

  async rollback(): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    try {
      if (this.runner.isTransactionActive) await this.runner.rollbackTransaction();
    } finally {
      await this.runner.release();
    }
  }
}

/**
 * Starts the transaction and scopes it in one round trip: TypeORM's own
 * START TRANSACTION goes out with the SET LOCAL statements behind it (one
 * simple-protocol message, run in order, so the scope is set before any other
 * statement). TypeORM still keeps its own account of the transaction, which
 * commit and rollback need. A request reading a page in a few statements
 * spent a tenth of its round trips on the scope alone.
 */
async function startScoped(runner: QueryRunner, scope: TenantScope): Promise<void> {
  const query = runner.query;
  let scoped = false;
  runner.query = ((sql: string, ...rest: unknown[]) => {
    const withScope = sql === START_TRANSACTION && !scoped;
    scoped ||= withScope;
    return query.call(runner, withScope ? `${START_TRANSACTION}; ${scopeStatement(scope)}` : sql, ...(rest as []));
  }) as QueryRunner['query'];
  try {
    await runner.startTransaction();
  } finally {
    runner.query = query;
  }
  // Should TypeORM ever begin otherwise, the scope still comes first, in a round trip of its own.
  if (!scoped) await runner.query(scopeStatement(scope));
}

const START_TRANSACTION = 'START TRANSACTION';

/**
 * GraphQL resolves sibling fields concurrently, and they share the request's
 * one connection. A pg client must not be given a query while it runs another
 * (deprecated in pg 8, removed in pg 9), so the runner's queries are queued.
 */
function serializeQueries(runner: QueryRunner): void {
  const query = runner.query.bind(runner);
  let tail: Promise<unknown> = Promise.resolve();
  runner.query = ((...args: Parameters<QueryRunner['query']>) => {
    const next = tail.then(() => query(...args));
    tail = next.catch(() => undefined);
    return next;
  }) as QueryRunner['query'];
}
