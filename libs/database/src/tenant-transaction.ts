import { DataSource, EntityManager, QueryRunner } from 'typeorm';
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
      await runner.startTransaction();
      await transaction.applyScope(scope);
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
  async query<T>(sql: string, parameters: unknown[]): Promise<T[]> {
    if (this.finished) throw new Error('The transaction has already ended');
    const result = await this.runner.query(sql, parameters, true);
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
