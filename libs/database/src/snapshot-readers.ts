import { Logger } from '@nestjs/common';
import { Pool, PoolClient } from 'pg';
import { scopeStatement } from './scope-statement';
import { TenantScope } from './tenant-scope';

/** A snapshot exported by an open transaction, with the tenant scope its readers must take. */
export interface SharedSnapshot {
  id: string;
  scope: TenantScope;
}

export interface ReadStatement {
  sql: string;
  parameters: unknown[];
}

export interface SideBySideOptions {
  /** Connections reading at once (at most the pool's size). */
  connections: number;
  /** Transaction-local settings (`set_config(name, value, true)`) for each reader, e.g. jit off. */
  settings?: Record<string, string>;
}

// pg_export_snapshot() answers hexadecimal words joined by dashes; anything else is not interpolated.
const SNAPSHOT_ID = /^[0-9A-F]+(-[0-9A-F]+)+$/i;

/**
 * Read-only statements run side by side on connections of their own, every
 * one of them seeing the snapshot another transaction exported, as
 * `pg_dump --jobs` reads one consistent database with several connections:
 * figures read in parallel still add up. Each reader takes the same tenant
 * scope, so row-level security holds them exactly as it holds the exporter.
 * The pool is separate from the application's, so a reader never waits for
 * a connection held by a transaction that is waiting for it.
 */
export class SnapshotReaders {
  private readonly logger = new Logger(SnapshotReaders.name);

  constructor(private readonly pool: Pool) {
    // An idle connection dropped by the server (a restart) is an event, not a crash of the process.
    pool.on('error', (error) => this.logger.warn(`An idle reader connection failed: ${error.message}`));
  }

  /** The statements' rows, in the order given. Start the longest first: they are handed out in order. */
  async read(snapshot: SharedSnapshot, statements: ReadStatement[], options: SideBySideOptions): Promise<unknown[][]> {
    if (!SNAPSHOT_ID.test(snapshot.id)) throw new Error(`Not an exported snapshot id: ${snapshot.id}`);
    const results: unknown[][] = new Array(statements.length);
    let next = 0;
    const readers = Math.max(1, Math.min(options.connections, statements.length));
    await Promise.all(
      Array.from({ length: readers }, () =>
        this.inSnapshot(snapshot, options.settings ?? {}, async (client) => {
          while (next < statements.length) {
            const index = next++;
            const { sql, parameters } = statements[index]!;
            results[index] = (await client.query(sql, parameters)).rows;
          }
        }),
      ),
    );
    return results;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async inSnapshot(
    snapshot: SharedSnapshot,
    settings: Record<string, string>,
    work: (client: PoolClient) => Promise<void>,
  ): Promise<void> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      // Importing a snapshot needs REPEATABLE READ, and must come before any other statement.
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      await client.query(`SET TRANSACTION SNAPSHOT '${snapshot.id}'`);
      await client.query(scopeStatement(snapshot.scope));
      for (const [name, value] of Object.entries(settings))
        await client.query('SELECT set_config($1, $2, true)', [name, value]);
      await work(client);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
      throw error;
    } finally {
      // A connection whose rollback failed may still hold the scope: it is destroyed, not reused.
      client.release(broken);
    }
  }
}
