import { Pool, PoolClient } from 'pg';
import { SKIP_FOREIGN_KEY_TRIGGERS } from './foreign-keys';
import { Statement } from './statements';

/** One transaction: the batch's statements in order, rows counted per table. */
export async function runBatch(
  client: PoolClient,
  statements: readonly Statement[],
  args: unknown[],
  rows: Record<string, number>,
  deferForeignKeys: boolean,
): Promise<void> {
  await client.query('BEGIN');
  try {
    // Losing the last batches in a crash only means seeding again: no need to wait for the WAL flush.
    await client.query('SET LOCAL synchronous_commit = off');
    if (deferForeignKeys) await client.query(SKIP_FOREIGN_KEY_TRIGGERS);
    for (const statement of statements) {
      const result = await client.query(statement.sql, statement.parameters ? args : []);
      if (statement.table) rows[statement.table] = (rows[statement.table] ?? 0) + (result.rowCount ?? 0);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** Runs the tasks on `connections` workers at once; the first failure stops the others from taking more. */
export async function runAll(
  pool: Pool,
  connections: number,
  tasks: ((client: PoolClient) => Promise<void>)[],
): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async () => {
    const client = await pool.connect();
    try {
      while (!failed && next < tasks.length) {
        const task = tasks[next++]!;
        await task(client);
      }
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      client.release();
    }
  };
  const results = await Promise.allSettled(Array.from({ length: Math.min(connections, tasks.length) }, worker));
  const rejected = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (rejected) throw rejected.reason;
}
