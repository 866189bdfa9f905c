import { spawn, ChildProcess } from 'node:child_process';
import Redis from 'ioredis';
import { freePort } from './free-port';

export interface LocalRedis {
  url: string;
  stop(): Promise<void>;
}

export class RedisUnavailableError extends Error {
  override readonly name = 'RedisUnavailableError';
}

async function answers(url: string): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 1500,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

async function waitUntilAnswering(url: string, child: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt++) {
    if (child.exitCode !== null) throw new RedisUnavailableError(`redis-server exited with code ${child.exitCode}`);
    if (await answers(url)) return;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new RedisUnavailableError('redis-server did not answer within 5 seconds');
}

/**
 * Uses the Redis at `url` when one answers there. Otherwise starts a
 * throw-away `redis-server` from the PATH on a free port, keeping nothing on disk.
 */
export async function ensureRedis(url: string): Promise<LocalRedis> {
  if (await answers(url)) return { url, stop: async () => undefined };
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  const spawned = await new Promise<boolean>((resolve) => {
    child.once('spawn', () => resolve(true));
    child.once('error', () => resolve(false));
  });
  if (!spawned) {
    throw new RedisUnavailableError(
      `No Redis answers at ${url} and there is no redis-server on the PATH: install Redis (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis) or set REDIS_URL.`,
    );
  }
  const localUrl = `redis://127.0.0.1:${port}`;
  await waitUntilAnswering(localUrl, child);
  return {
    url: localUrl,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
