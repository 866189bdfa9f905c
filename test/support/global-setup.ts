import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { register } from 'tsconfig-paths';
import { TestInfra, withDatabase } from './infra';

// Global setup runs outside Jest's module system, where moduleNameMapper does not apply.
register({ baseUrl: `${__dirname}/../..`, paths: { '@lib/*': ['libs/*/src'] } });

declare global {
  var __testInfra: TestInfra | undefined;
}

function onlyUnitTests(): boolean {
  const argv = process.argv.join(' ');
  return (
    /--selectProjects(=|\s+)unit(\s|$)/.test(argv) && !/integration|e2e/.test(argv.split('--selectProjects')[1] ?? '')
  );
}

/**
 * Once per `jest` run: a PostgreSQL server (DATABASE_URL, or an embedded one
 * that is thrown away afterwards), a template database with every migration
 * applied, and Redis. Each test file then copies the template into a fresh
 * database of its own (test/support/database.ts).
 */
export default async function globalSetup(): Promise<void> {
  if (onlyUnitTests()) return;
  const { ensureAppLoginRole, runMigrations } = await import('@lib/database');
  const { DEFAULT_REDIS_URL, defaultAppUrl, ensureRedis, startEmbeddedPostgres } = await import('@lib/local-infra');
  const started = Date.now();
  let ownerUrl = process.env.DATABASE_URL;
  const embedded = ownerUrl
    ? undefined
    : await startEmbeddedPostgres({
        // Thrown away after the run. Under the system temp folder, which PostgreSQL's own user can reach when run as root.
        dataDir: join(tmpdir(), `recruiting-test-postgres-${process.pid}`),
        persistent: false,
        database: 'postgres',
      });
  ownerUrl ??= embedded!.ownerUrl;

  const template = `recruiting_test_${process.pid}_template`;
  const admin = new Client({ connectionString: ownerUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${template}`);
  await admin.query(`CREATE DATABASE ${template}`);
  await admin.end();

  const templateUrl = withDatabase(ownerUrl, template);
  const appUrl = withDatabase(process.env.DATABASE_APP_URL || defaultAppUrl(ownerUrl), template);
  await runMigrations(templateUrl);
  await ensureAppLoginRole(templateUrl, appUrl);

  const redis = await ensureRedis(process.env.REDIS_URL || DEFAULT_REDIS_URL);

  globalThis.__testInfra = {
    ownerUrl,
    appUrl,
    template,
    redisUrl: redis.url,
    stopPostgres: embedded?.stop,
    stopRedis: redis.stop,
  };
  process.env.TEST_INFRA = JSON.stringify({ ownerUrl, appUrl, template, redisUrl: redis.url });
  process.stdout.write(
    `\nTest infrastructure ready in ${Date.now() - started} ms (${embedded ? 'embedded' : 'external'} PostgreSQL)\n`,
  );
}
