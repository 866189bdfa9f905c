import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { postgresOptions } from './data-source-options';

/** The one group role the migrations grant to; login roles are members of it. */
export const APP_GROUP_ROLE = 'recruiting_app';

export const MIGRATIONS_GLOB = join(__dirname, '..', '..', '..', 'migrations', '*.{ts,js}');

export function ownerDataSource(ownerUrl: string, entities: Function[] = []): DataSource {
  return new DataSource({
    ...postgresOptions({ url: ownerUrl, poolSize: 2, applicationName: 'recruiting-followup-migrations' }),
    entities,
    migrations: [MIGRATIONS_GLOB],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
  });
}

/** Runs every pending migration as the owner. Returns the names of those it ran. */
export async function runMigrations(ownerUrl: string): Promise<string[]> {
  const dataSource = await ownerDataSource(ownerUrl).initialize();
  try {
    const ran = await dataSource.runMigrations();
    // The migrations table is the owner's business only.
    await dataSource.query(`REVOKE ALL ON migrations FROM ${APP_GROUP_ROLE}`);
    return ran.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}

export async function revertLastMigration(ownerUrl: string): Promise<void> {
  const dataSource = await ownerDataSource(ownerUrl).initialize();
  try {
    await dataSource.undoLastMigration();
  } finally {
    await dataSource.destroy();
  }
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * Makes sure the login role of DATABASE_APP_URL exists with its password, is a
 * member of the application group role, and can bypass nothing. Runs as the
 * owner after the migrations (which create the group role).
 */
export async function ensureAppLoginRole(ownerUrl: string, appUrl: string): Promise<void> {
  const url = new URL(appUrl);
  const login = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  if (!login) throw new Error('DATABASE_APP_URL must name a user');
  const ownerLogin = decodeURIComponent(new URL(ownerUrl).username);
  if (login === ownerLogin) throw new Error('DATABASE_APP_URL must use another role than DATABASE_URL (the owner)');

  const dataSource = await ownerDataSource(ownerUrl).initialize();
  try {
    const [existing] = await dataSource.query(
      `SELECT rolsuper, rolbypassrls, rolcreatedb, rolcreaterole FROM pg_roles WHERE rolname = $1`,
      [login],
    );
    const role = quoteIdentifier(login);
    const passwordClause = password ? `PASSWORD ${quoteLiteral(password)}` : 'PASSWORD NULL';
    if (!existing) {
      const attributes = `LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE INHERIT ${passwordClause}`;
      await dataSource.query(`CREATE ROLE ${role} ${attributes}`);
    } else {
      // Only the powers it holds are taken away: naming SUPERUSER or BYPASSRLS at all, even to refuse them,
      // takes a superuser, and the owner of the migrations need not be one.
      const powers = [
        existing.rolsuper && 'NOSUPERUSER',
        existing.rolbypassrls && 'NOBYPASSRLS',
        existing.rolcreatedb && 'NOCREATEDB',
        existing.rolcreaterole && 'NOCREATEROLE',
      ].filter(Boolean);
      await dataSource.query(`ALTER ROLE ${role} LOGIN INHERIT ${powers.join(' ')} ${passwordClause}`);
    }
    await dataSource.query(`GRANT ${APP_GROUP_ROLE} TO ${role}`);
  } finally {
    await dataSource.destroy();
  }
}
