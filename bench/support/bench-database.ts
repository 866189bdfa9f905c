import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureAppLoginRole, runMigrations } from '@lib/database';
import { defaultAppUrl, startEmbeddedPostgres } from '@lib/local-infra';

export interface BenchDatabase {
  ownerUrl: string;
  appUrl: string;
  stop(): Promise<void>;
}

/** DATABASE_URL when given; otherwise an embedded PostgreSQL thrown away afterwards. Migrated, with the application role. */
export async function benchDatabase(name: string): Promise<BenchDatabase> {
  const embedded = process.env.DATABASE_URL
    ? undefined
    : await startEmbeddedPostgres({
        dataDir: mkdtempSync(join(tmpdir(), `${name}-pg-`)),
        persistent: false,
        database: name,
      });
  const ownerUrl = process.env.DATABASE_URL ?? embedded!.ownerUrl;
  const appUrl = process.env.DATABASE_APP_URL || defaultAppUrl(ownerUrl);
  await runMigrations(ownerUrl);
  await ensureAppLoginRole(ownerUrl, appUrl);
  return { ownerUrl, appUrl, stop: async () => embedded?.stop() };
}
