import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestDatabase } from '../../support/database';

/** How long a killed worker holds the notifications it claimed: short, so the suite does not wait for it. */
const CLAIM_LEASE_MS = 5000;
/** The lease must outlast a batch, 5 rounds of at most this (see .env.example). */
const WEBHOOK_TIMEOUT_MS = 1000;

export interface ChaosEnv {
  env: Record<string, string>;
  keyPrefix: string;
  mailDir: string;
  /** Removes the test's mail folder. */
  cleanUp(): Promise<void>;
}

/**
 * What the API and worker processes of one test boot with: its database, the suite's own Redis under a key
 * prefix of its own, e-mails as files in a folder of its own, and info logs (the worker says Ready at info).
 */
export function chaosEnv(db: TestDatabase, redisUrl: string, overrides: Record<string, string> = {}): ChaosEnv {
  const keyPrefix = `chaos-${randomBytes(4).toString('hex')}`;
  const mailDir = join(tmpdir(), `recruiting-chaos-mail-${keyPrefix}`);
  return {
    keyPrefix,
    mailDir,
    env: {
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      DATABASE_URL: db.ownerUrl,
      DATABASE_APP_URL: db.appUrl,
      REDIS_URL: redisUrl,
      REDIS_KEY_PREFIX: keyPrefix,
      AUTH_JWT_SECRET: randomBytes(32).toString('base64url'),
      MAIL_DIR: mailDir,
      SMTP_URL: '',
      NOTIFICATION_CLAIM_LEASE_MS: String(CLAIM_LEASE_MS),
      WEBHOOK_TIMEOUT_MS: String(WEBHOOK_TIMEOUT_MS),
      ...overrides,
    },
    cleanUp: () => rm(mailDir, { recursive: true, force: true }),
  };
}
