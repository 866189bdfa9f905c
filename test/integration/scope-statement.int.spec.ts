import { randomUUID } from 'node:crypto';
import { scopeStatement } from '@lib/database';
import { Client } from 'pg';
import { createTestDatabase, TestDatabase, withOwner } from '../support/database';
import { insertAgencyWithAdmin } from '../support/seed';

const READ_SCOPE = `SELECT current_setting('app.agency_id', true) AS agency, current_setting('app.user_id', true) AS "user",
                           current_setting('app.role', true) AS role, current_setting('app.candidate_id', true) AS candidate`;

/**
 * The tenant scope is written with SET LOCAL (so that Citus carries it to its
 * workers), which takes no bind parameters: the values are quoted into the
 * statement. Whatever a value holds, it must arrive as that value, run
 * nothing else, and end with its transaction.
 */
describe('the scope statement', () => {
  let db: TestDatabase;
  let client: Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    client = new Client({ connectionString: db.appUrl });
    await client.connect();
  });

  afterAll(async () => {
    await client.end();
    await db.drop();
  });

  it('sets each value exactly, quotes and backslashes included, and runs nothing else', async () => {
    const hostile = `x'; DROP TABLE agencies; SET LOCAL app.role = 'ADMIN' --\\' \\\\ "y"`;
    await client.query('BEGIN');
    await client.query(scopeStatement({ agencyId: hostile, userId: null, role: 'COUNSELOR', candidateId: hostile }));
    const scope = (await client.query(READ_SCOPE)).rows[0];
    await client.query('COMMIT');
    expect(scope).toEqual({ agency: hostile, user: '', role: 'COUNSELOR', candidate: hostile });
    const tables = await withOwner(db.ownerUrl, (owner) => owner.query(`SELECT to_regclass('agencies') AS t`));
    expect(tables.rows[0].t).toBe('agencies');
  });

  it('ends with the transaction, so the next user of the connection starts with no agency', async () => {
    const agencyId = await withOwner(
      db.ownerUrl,
      async (owner) => (await insertAgencyWithAdmin(owner, `scope-${randomUUID().slice(0, 8)}`)).agencyId,
    );
    await client.query('BEGIN');
    await client.query(scopeStatement({ agencyId, userId: null, role: 'SYSTEM' }));
    expect((await client.query(`SELECT count(*)::int AS n FROM users`)).rows[0].n).toBe(1);
    await client.query('COMMIT');
    expect((await client.query(READ_SCOPE)).rows[0].agency ?? '').toBe('');
    expect((await client.query(`SELECT count(*)::int AS n FROM users`)).rows[0].n).toBe(0);
  });
});
