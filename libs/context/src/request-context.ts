import { Logger } from '@nestjs/common';
import { NotFoundError, UnauthenticatedError } from '@lib/errors';
import { SharedSnapshot, Sql, TenantScope, TenantTransaction } from '@lib/database';
import { DataSource, EntityManager, EntityTarget, ObjectLiteral, Repository } from 'typeorm';
import { Principal, UserPrincipal } from './principal';

const UNIQUE_VIOLATION = '23505';

/**
 * Everything a service needs to act for one request or one job: who acts, for
 * which agency, and the one transaction all of its queries run in. Built once
 * and passed as the first argument of every service method. The database is
 * reachable only through it, so no query can run outside the agency's
 * row-level-security scope.
 */
export class RequestContext {
  private currentPrincipal: Principal | null = null;
  private publicAgencyId: string | null = null;
  private transaction?: Promise<TenantTransaction>;
  private readonly memos = new Map<unknown, unknown>();
  private readonly committedCallbacks: Array<() => Promise<unknown>> = [];

  constructor(
    private readonly dataSource: DataSource,
    readonly requestId: string,
    readonly clientAddress: string | null = null,
  ) {}

  get principal(): Principal | null {
    return this.currentPrincipal;
  }

  get agencyId(): string | null {
    return this.currentPrincipal?.agencyId ?? this.publicAgencyId;
  }

  /** The signed-in user; an anonymous caller gets UNAUTHENTICATED. */
  get user(): UserPrincipal {
    const principal = this.currentPrincipal;
    if (principal?.kind !== 'user') throw new UnauthenticatedError();
    return principal;
  }

  /** Sets who acts. Once only, and before the first query, so the scope cannot change under a running transaction. */
  authenticate(principal: Principal): void {
    if (this.currentPrincipal) {
      if (samePrincipal(this.currentPrincipal, principal)) return;
      throw new Error('A request context is authenticated once');
    }
    if (this.transaction) throw new Error('Authenticate before the first query');
    this.currentPrincipal = principal;
  }

  /**
   * For public operations that learn their agency from their input (sign-up,
   * login, token refresh, invitation acceptance): scopes the transaction to that
   * agency. An authenticated context can never switch agency.
   */
  async enterAgency(agencyId: string): Promise<void> {
    if (this.currentPrincipal) throw new Error('An authenticated context cannot switch agency');
    this.publicAgencyId = agencyId;
    if (this.transaction) await (await this.transaction).applyScope(this.scope());
  }

  async manager(): Promise<EntityManager> {
    return (await this.open()).manager;
  }

  async repository<T extends ObjectLiteral>(entity: EntityTarget<T>): Promise<Repository<T>> {
    return (await this.manager()).getRepository(entity);
  }

  /**
   * A plain text, or a hot statement prepared once per connection
   * (preparedSql). A prepared statement that is the unit of work's first
   * rides with the start of its transaction (TenantTransaction.beginWith).
   */
  async query<T = unknown>(sql: Sql, parameters: unknown[] = []): Promise<T[]> {
    if (this.transaction || typeof sql === 'string') return (await this.open()).query<T>(sql, parameters);
    const begun = TenantTransaction.beginWith<T>(this.dataSource, this.scope(), sql, parameters);
    this.transaction = begun.then(({ transaction }) => transaction);
    // Its failure is this call's to report; the other users of the transaction see it when they await it.
    this.transaction.catch(() => undefined);
    return (await begun).rows;
  }

  /**
   * This transaction's view of the database, for readers on other connections
   * (SnapshotReaders) to share, with the scope row-level security holds them to.
   * Valid while this transaction is open.
   */
  async exportSnapshot(): Promise<SharedSnapshot> {
    const [row] = await this.query<{ id: string }>('SELECT pg_export_snapshot() AS id');
    return { id: row!.id, scope: this.scope() };
  }

  /**
   * Inserts a row whose unique key may already be taken. The insert runs in a
   * savepoint, so a duplicate leaves the transaction usable, and the
   * duplicate becomes the caller's typed error instead of a database error.
   */
  async insertUnique<T extends ObjectLiteral>(
    entity: EntityTarget<T>,
    row: T,
    onDuplicate: () => Error,
  ): Promise<void> {
    try {
      await (await this.manager()).transaction((manager) => manager.insert(entity, row as never));
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) throw onDuplicate();
      throw error;
    }
  }

  /** Loads one row of the agency's or throws NOT_FOUND: rows of other agencies are invisible, so they are "not found" too. */
  async findOrFail<T extends ObjectLiteral>(entity: EntityTarget<T>, where: Partial<T>, what: string): Promise<T> {
    const repository = await this.repository(entity);
    const row = await repository.findOneBy(where as never);
    if (!row) throw new NotFoundError(what);
    return row;
  }

  /**
   * One object per key for the life of this context: per-request DataLoaders
   * live here, so batching and caching never cross requests or agencies.
   */
  memo<T>(key: unknown, create: () => T): T {
    if (!this.memos.has(key)) this.memos.set(key, create());
    return this.memos.get(key) as T;
  }

  /**
   * Runs `callback` once the transaction has committed: for effects outside
   * the database (queue jobs) that must never announce rows a rollback
   * removed. A failing callback is reported to `onError`, not to the caller:
   * the unit of work is already committed, and whatever the callback does is
   * also redone by the sweeps.
   */
  afterCommit(callback: () => Promise<unknown>): void {
    this.committedCallbacks.push(callback);
  }

  /** Ends the unit of work: commits when it succeeded, rolls back otherwise. Safe to call more than once. */
  async finish(
    succeeded: boolean,
    onError: (error: unknown, requestId: string) => void = logAfterCommitFailure,
  ): Promise<void> {
    const pending = this.transaction;
    const transaction = pending ? await pending.catch(() => undefined) : undefined;
    if (transaction) {
      if (succeeded) await transaction.commit();
      else await transaction.rollback();
    }
    const callbacks = this.committedCallbacks.splice(0);
    if (!succeeded) return;
    for (const callback of callbacks) await callback().catch((error: unknown) => onError(error, this.requestId));
  }

  get hasOpenTransaction(): boolean {
    return this.transaction !== undefined;
  }

  private open(): Promise<TenantTransaction> {
    this.transaction ??= TenantTransaction.begin(this.dataSource, this.scope());
    return this.transaction;
  }

  private scope(): TenantScope {
    const principal = this.currentPrincipal;
    return {
      agencyId: this.agencyId,
      userId: principal?.kind === 'user' ? principal.userId : null,
      role: principal?.kind === 'user' ? principal.role : principal ? 'SYSTEM' : null,
      candidateId: principal?.kind === 'user' ? (principal.candidateId ?? null) : null,
    };
  }
}

const afterCommitLogger = new Logger('AfterCommit');

/** With the request's id, which no request-scoped logger adds (see LoggingModule). */
function logAfterCommitFailure(error: unknown, requestId: string): void {
  afterCommitLogger.warn(
    { requestId },
    `An after-commit effect failed; the sweeps will redo it: ${(error as Error).message}`,
  );
}

function samePrincipal(a: Principal, b: Principal): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
