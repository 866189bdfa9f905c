import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@lib/local-infra';
import { BenchContext } from '../support/bench-context';
import { ChildServer, startChildServer } from './child-server';
import { clearRedisPrefix } from './redis-prefix';

export interface ApiServer extends ChildServer {
  /** Every Redis key the API writes carries it (its queues included); stop() deletes them. */
  redisKeyPrefix: string;
}

/**
 * The product's API as a separate process, configured as in production
 * (NODE_ENV=production: no GraphiQL, no introspection, internals never
 * exposed) and logging warnings only, so the access log costs nothing.
 */
export async function startApiServer(ctx: BenchContext, name: string): Promise<ApiServer> {
  const port = await freePort();
  const redisKeyPrefix = `bench-http-${randomBytes(4).toString('hex')}`;
  const server = await startChildServer({
    name,
    // BENCH_API_CPU_PROFILE: a file for the API's CPU profile of the load (bench/support/cpu-profile.ts).
    entry: process.env.BENCH_API_CPU_PROFILE ? 'bench/http/profiled-api.ts' : 'apps/api/src/main.ts',
    url: `http://127.0.0.1:${port}`,
    env: {
      NODE_ENV: 'production',
      DATABASE_URL: ctx.ownerUrl,
      DATABASE_APP_URL: ctx.appUrl,
      REDIS_URL: ctx.redisUrl,
      REDIS_KEY_PREFIX: redisKeyPrefix,
      AUTH_JWT_SECRET: randomBytes(32).toString('base64url'),
      LOG_LEVEL: 'warn',
      HTTP_HOST: '127.0.0.1',
      HTTP_PORT: String(port),
      MAIL_DIR: join(tmpdir(), 'bench-http-mail'),
      ...(process.env.BENCH_API_CPU_PROFILE ? { BENCH_CPU_PROFILE: process.env.BENCH_API_CPU_PROFILE } : {}),
    },
    ready: async (url) => (await fetch(`${url}/health`, { signal: AbortSignal.timeout(5000) })).status === 200,
  });
  return {
    ...server,
    redisKeyPrefix,
    stop: async () => {
      await server.stop();
      await clearRedisPrefix(ctx.redisUrl, redisKeyPrefix);
    },
  };
}
