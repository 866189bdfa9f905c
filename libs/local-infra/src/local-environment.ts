import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ensureAppLoginRole, runMigrations } from '@lib/database';
import { LOCAL_APP_ROLE, startEmbeddedPostgres } from './embedded-postgres';
import { ensureRedis } from './local-redis';

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

export interface LocalEnvironment {
  env: Record<string, string>;
  stop(): Promise<void>;
}

/** Same server and database as the owner URL, as the local application role. */
export function defaultAppUrl(ownerUrl: string): string {
  const url = new URL(ownerUrl);
  url.username = LOCAL_APP_ROLE.user;
  url.password = LOCAL_APP_ROLE.password;
  return url.toString();
}

function persistentSecret(path: string): string {
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  const secret = randomBytes(48).toString('base64url');
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/**
 * What `npm run dev` needs before the API and the worker start: PostgreSQL
 * (DATABASE_URL, or an embedded server under `.data/`), migrations run and the
 * application role in place, Redis (REDIS_URL, or a redis-server started from
 * the PATH), and a JWT secret kept under `.data/`.
 */
export async function prepareLocalEnvironment(dataDir: string, log: (line: string) => void): Promise<LocalEnvironment> {
  const stops: (() => Promise<void>)[] = [];
  const env: Record<string, string> = {};
  try {
    let ownerUrl = process.env.DATABASE_URL;
    if (!ownerUrl) {
      log(`No DATABASE_URL: starting an embedded PostgreSQL with its data in ${resolve(dataDir, 'postgres')}`);
      const postgres = await startEmbeddedPostgres({
        dataDir: resolve(dataDir, 'postgres'),
        port: Number(process.env.EMBEDDED_POSTGRES_PORT ?? 54329),
        persistent: true,
      });
      stops.push(() => postgres.stop());
      ownerUrl = postgres.ownerUrl;
    }
    env.DATABASE_URL = ownerUrl;
    env.DATABASE_APP_URL = process.env.DATABASE_APP_URL || defaultAppUrl(ownerUrl);

    const ran = await runMigrations(env.DATABASE_URL);
    await ensureAppLoginRole(env.DATABASE_URL, env.DATABASE_APP_URL);
    log(ran.length ? `Ran migrations: ${ran.join(', ')}` : 'Database schema is up to date');

    const redis = await ensureRedis(process.env.REDIS_URL || DEFAULT_REDIS_URL);
    stops.push(() => redis.stop());
    env.REDIS_URL = redis.url;
    if (redis.url !== (process.env.REDIS_URL || DEFAULT_REDIS_URL)) log(`Started redis-server at ${redis.url}`);

    env.AUTH_JWT_SECRET = process.env.AUTH_JWT_SECRET || persistentSecret(resolve(dataDir, 'dev-jwt-secret'));
    return { env, stop: () => stopAll(stops) };
  } catch (error) {
    await stopAll(stops);
    throw error;
  }
}

async function stopAll(stops: (() => Promise<void>)[]): Promise<void> {
  for (const stop of stops.reverse()) await stop().catch(() => undefined);
}
