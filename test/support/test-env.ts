import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestDatabase } from './database';
import { testInfra } from './infra';

/**
 * The environment an app under test boots with: its own database, its own
 * Redis key prefix (so rate limits and queues of one file never meet
 * another's), a random JWT secret, and the proxy trusted so tests can act
 * from several client addresses through X-Forwarded-For.
 */
export function applyTestEnv(db: TestDatabase, overrides: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    DATABASE_URL: db.ownerUrl,
    DATABASE_APP_URL: db.appUrl,
    REDIS_URL: testInfra().redisUrl,
    REDIS_KEY_PREFIX: `test-${randomBytes(4).toString('hex')}`,
    AUTH_JWT_SECRET: randomBytes(32).toString('base64url'),
    LOG_LEVEL: 'silent',
    HTTP_TRUST_PROXY: 'true',
    GRAPHQL_INTROSPECTION: 'auto',
    // E-mails of a test go to a folder of its own, outside the checkout.
    MAIL_DIR: join(tmpdir(), `recruiting-mail-${randomBytes(4).toString('hex')}`),
    ...overrides,
  };
  Object.assign(process.env, env);
  return env;
}
