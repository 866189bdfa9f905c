import { DataSource } from 'typeorm';

export interface RolePrivileges {
  role: string;
  superuser: boolean;
  bypassRls: boolean;
  ownedTables: number;
}

export async function readRolePrivileges(dataSource: DataSource): Promise<RolePrivileges> {
  const [row] = await dataSource.query(
    `SELECT r.rolname AS role, r.rolsuper AS superuser, r.rolbypassrls AS "bypassRls",
            (SELECT count(*)::int FROM pg_class c
              WHERE c.relowner = r.oid AND c.relkind IN ('r', 'p')
                AND c.relnamespace = 'public'::regnamespace) AS "ownedTables"
       FROM pg_roles r WHERE r.rolname = current_user`,
  );
  return row as RolePrivileges;
}

/**
 * The API and the workers refuse to run as a role that row-level security does
 * not bind: a superuser, a BYPASSRLS role or a table owner would see every agency.
 */
export async function assertRowLevelSecurityApplies(dataSource: DataSource): Promise<void> {
  const privileges = await readRolePrivileges(dataSource);
  const problems = [
    privileges.superuser && 'is a superuser',
    privileges.bypassRls && 'has BYPASSRLS',
    privileges.ownedTables > 0 && 'owns tables',
  ].filter(Boolean);
  if (problems.length > 0) {
    throw new Error(
      `DATABASE_APP_URL connects as "${privileges.role}", which ${problems.join(' and ')}: ` +
        'row-level security would not isolate agencies. Use the application role.',
    );
  }
}
