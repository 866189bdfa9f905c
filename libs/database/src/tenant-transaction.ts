import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { executeStatement } from './execute-statement';
import { pgQueryText, PreparedSql, Sql } from './prepared-sql';
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
    const { transaction } = await TenantTransaction.open(dataSource, (runner) => startScoped(runner, scope));
    return transaction;
  }

  /**
   * Begins as `begin` does, and runs the unit of work's first statement: in
   * the same round trip as the start and the scope when the connection has
   * prepared it already (every request's first statement, the session check,
   * saves a round trip so), on its own otherwise (which prepares it). Should
   * the statement fail, the transaction is rolled back.
   */
  static async beginWith<T>(
    dataSource: DataSource,
    scope: TenantScope,
    sql: PreparedSql,
    parameters: unknown[],
  ): Promise<{ transaction: TenantTransaction; rows: T[] }> {
    const { transaction, value } = await TenantTransaction.open(dataSource, async (runner, client, opened) => {
      const prepared = client.connection?.parsedStatements?.[sql.name] === sql.text;
      const statement = prepared ? executeStatement(sql, parameters) : null;
      const results = await startScoped(runner, scope, statement ? { client, statement } : undefined);
      const rows = statement ? lastRows<T>(results) : undefined;
      return rows ?? (await opened.query<T>(sql, parameters));
    });
    return { transaction, rows: value };
  }

  /** A connection of the pool with its queries queued, begun by `start`; rolled back and released should that fail. */
  private static async open<V>(
    dataSource: DataSource,
    start: (runner: QueryRunner, client: PgClient, transaction: TenantTransaction) => Promise<V>,
  ): Promise<{ transaction: TenantTransaction; value: V }> {
    const runner = dataSource.createQueryRunner();
    serializeQueries(runner);
    const client = (await runner.connect()) as PgClient;
    const transaction = new TenantTransaction(runner);
    try {
      return { transaction, value: await start(runner, client, transaction) };
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
async function startScoped(runner: QueryRunner, scope: TenantScope, riding?: Riding): Promise<unknown> {
  const query = runner.query;
  let scoped = false;
  let results: unknown;
  runner.query = ((sql: string, ...rest: unknown[]) => {
    const withScope = sql === START_TRANSACTION && !scoped;
    if (!withScope) return query.call(runner, sql, ...(rest as []));
    scoped = true;
    const text = `${START_TRANSACTION}; ${scopeStatement(scope)}`;
    if (!riding) return query.call(runner, text, ...(rest as []));
    // Straight to pg's client, which answers a message of several statements with each one's result (TypeORM keeps none of them).
    return riding.client.query(`${text}; ${riding.statement}`).then((raw) => {
      results = raw;
    });
  }) as QueryRunner['query'];
  try {
    await runner.startTransaction();
  } finally {
    runner.query = query;
  }
  // Should TypeORM ever begin otherwise, the scope still comes first, in a round trip of its own.
  if (!scoped) await runner.query(scopeStatement(scope));
  return results;
}

/** A statement to send behind the start and the scope, on the runner's pg client. */
interface Riding {
  client: PgClient;
  statement: string;
}

/** The rows of the last statement of a simple-protocol message (pg answers one result per statement); undefined if there are none. */
function lastRows<T>(results: unknown): T[] | undefined {
  const last: unknown = Array.isArray(results) ? results.at(-1) : undefined;
  const rows = (last as { rows?: unknown } | undefined)?.rows;
  return Array.isArray(rows) ? (rows as T[]) : undefined;
}

/**
 * What of pg's client this needs: its query, and the statements its
 * connection has prepared (by which pg itself skips parsing them again).
 */
interface PgClient {
  query(text: string): Promise<unknown>;
  connection?: { parsedStatements?: Record<string, string> };
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
