import { freePort } from '@lib/local-infra';
import { BenchContext } from '../support/bench-context';
import { ChildServer, startChildServer } from './child-server';

/** bench/http/raw-dashboard-server.ts as a separate process, on the application role like the API. */
export async function startRawDashboardServer(ctx: BenchContext): Promise<ChildServer> {
  const port = await freePort();
  return startChildServer({
    name: 'raw baseline',
    entry: 'bench/http/raw-dashboard-server.ts',
    url: `http://127.0.0.1:${port}`,
    env: { RAW_DATABASE_URL: ctx.appUrl, RAW_PORT: String(port), RAW_POOL_SIZE: '10' },
    ready: async (url) => (await fetch(`${url}/ready`, { signal: AbortSignal.timeout(5000) })).status === 200,
  });
}
