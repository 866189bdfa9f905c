import { assertRowLevelSecurityApplies, postgresOptions } from '@lib/database';
import { DataSource } from 'typeorm';
import { createTestDatabase, TestDatabase } from '../support/database';

describe('the API and the worker refuse a role that row-level security does not bind', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(() => db.drop());

  async function check(url: string): Promise<void> {
    const dataSource = await new DataSource(postgresOptions({ url, poolSize: 1 })).initialize();
    try {
      await assertRowLevelSecurityApplies(dataSource);
    } finally {
      await dataSource.destroy();
    }
  }

  it('accepts the application role', async () => {
    await expect(check(db.appUrl)).resolves.toBeUndefined();
  });

  it('refuses the owner (here a superuser that owns the tables)', async () => {
    await expect(check(db.ownerUrl)).rejects.toThrow(/row-level security would not isolate agencies/);
  });
});
