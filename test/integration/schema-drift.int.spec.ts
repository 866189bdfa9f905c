import { ownerDataSource } from '@lib/database';
import { DataSource } from 'typeorm';
import { ENTITIES } from '../../scripts/entities';
import { createTestDatabase, TestDatabase } from '../support/database';

/**
 * The entities and the migrations describe the same schema: what
 * `npm run migration:generate` would draft from a migrated database is nothing.
 */
describe('entities and migrations agree', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = await ownerDataSource(db.ownerUrl, ENTITIES).initialize();
  });

  afterAll(async () => {
    await dataSource.destroy();
    await db.drop();
  });

  it('leaves nothing for migration:generate to draft', async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });
});
