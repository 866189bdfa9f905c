import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { testInfra, withDatabase } from './infra';

export interface TestDatabase {
  name: string;
  /** As the owner: for catalog checks and test set-up that must bypass row-level security. */
  ownerUrl: string;
  /** As the application role: what the API and the workers use. */
  appUrl: string;
  drop(): Promise<void>;
}

/** A fresh database for one test file, copied from the migrated template in milliseconds. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const infra = testInfra();
  const name = `${infra.template.replace(/_template$/, '')}_${randomBytes(4).toString('hex')}`;
  await withOwner(infra.ownerUrl, (client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${infra.template}`));
  return {
    name,
    ownerUrl: withDatabase(infra.ownerUrl, name),
    appUrl: withDatabase(infra.appUrl, name),
    drop: async () => {
      await withOwner(infra.ownerUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

export async function withOwner<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
