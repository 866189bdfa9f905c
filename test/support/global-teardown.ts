import { Client } from 'pg';

/** Drops the databases of this run and stops whatever global-setup started. */
export default async function globalTeardown(): Promise<void> {
  const infra = globalThis.__testInfra;
  if (!infra) return;
  const admin = new Client({ connectionString: infra.ownerUrl });
  await admin.connect();
  const prefix = infra.template.replace(/_template$/, '');
  const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [
    `${prefix}%`,
  ]);
  for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  await admin.end();
  await infra.stopRedis();
  await infra.stopPostgres?.();
}
