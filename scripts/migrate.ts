/**
 * `npm run migration:run`: runs pending migrations as the owner (DATABASE_URL)
 * and makes sure the application role of DATABASE_APP_URL exists and bypasses
 * nothing. `--revert` undoes the last migration.
 */
import { ensureAppLoginRole, revertLastMigration, runMigrations } from '@lib/database';
import { loadDotEnv } from '@lib/config';

async function main(): Promise<void> {
  loadDotEnv();
  const ownerUrl = process.env.DATABASE_URL;
  const appUrl = process.env.DATABASE_APP_URL;
  if (!ownerUrl)
    throw new Error('Invalid configuration: DATABASE_URL is required (the owner role that runs migrations)');
  if (process.argv.includes('--revert')) {
    await revertLastMigration(ownerUrl);
    process.stdout.write('Reverted the last migration\n');
    return;
  }
  const ran = await runMigrations(ownerUrl);
  if (appUrl) await ensureAppLoginRole(ownerUrl, appUrl);
  process.stdout.write(ran.length ? `Ran: ${ran.join(', ')}\n` : 'No pending migration\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
