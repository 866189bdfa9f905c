/**
 * The dashboard benchmark's baseline, as a process of its own: a bare Fastify
 * route over a `pg` pool, no framework, no GraphQL, no authentication. It
 * connects as the application role and opens each request's transaction as
 * the product does (BEGIN and the tenant settings' SET LOCAL in one round
 * trip, libs/database tenant-transaction.ts), so that row-level security
 * filters its reads as it filters the product's.
 *
 * Env: RAW_DATABASE_URL (the application role), RAW_PORT, RAW_POOL_SIZE.
 */
// The one file, not @lib/database: the baseline loads no TypeORM or Nest.
import { scopeStatement } from '../../libs/database/src/scope-statement';
import Fastify from 'fastify';
import { Pool } from 'pg';
import { RAW_APPLICATION_NAME, rawDashboard } from './raw-dashboard-query';

interface DashboardQuery {
  agencyId?: string;
  counselorId?: string;
}

async function main(): Promise<void> {
  // The product's pool size and statement timeout (libs/config DATABASE_POOL_SIZE, libs/database).
  const pool = new Pool({
    connectionString: process.env.RAW_DATABASE_URL,
    max: Number(process.env.RAW_POOL_SIZE ?? 10),
    statement_timeout: 15000,
    application_name: RAW_APPLICATION_NAME,
  });
  const app = Fastify({ logger: false });

  app.get('/ready', async () => 'ok');
  app.get<{ Querystring: DashboardQuery }>('/dashboard', async (request, reply) => {
    const { agencyId, counselorId } = request.query;
    if (!agencyId || !counselorId) return reply.code(400).send({ error: 'agencyId and counselorId are required' });
    const client = await pool.connect();
    try {
      // The counselor reads their own dashboard: the same scope the product sets for their request, set as it
      // sets it, in the round trip that begins the transaction.
      await client.query(
        `BEGIN; ${scopeStatement({ agencyId, userId: counselorId, role: 'COUNSELOR', candidateId: null })}`,
      );
      const dashboard = await rawDashboard(client, agencyId, counselorId);
      await client.query('COMMIT');
      return dashboard;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  });

  const close = async () => {
    await app.close();
    await pool.end();
    process.exit(0);
  };
  process.once('SIGTERM', close);
  process.once('SIGINT', close);
  await app.listen({ host: '127.0.0.1', port: Number(process.env.RAW_PORT) });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
