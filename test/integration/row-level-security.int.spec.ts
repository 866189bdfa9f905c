import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createTestDatabase, TestDatabase, withOwner } from '../support/database';
import { insertAgencyWithAdmin } from '../support/seed';

let AGENCY_A: string;
let AGENCY_B: string;

async function seed(db: TestDatabase): Promise<void> {
  await withOwner(db.ownerUrl, async (client) => {
    AGENCY_A = (await insertAgencyWithAdmin(client, 'agency-a')).agencyId;
    AGENCY_B = (await insertAgencyWithAdmin(client, 'agency-b')).agencyId;
  });
}

/** Straight SQL as the application role: what any code path of the API or the workers could do at worst. */
describe('row-level security as the application role', () => {
  let db: TestDatabase;
  let app: Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seed(db);
    app = new Client({ connectionString: db.appUrl });
    await app.connect();
  });

  afterAll(async () => {
    await app.end();
    await db.drop();
  });

  async function inAgency<T>(agencyId: string | null, work: () => Promise<T>): Promise<T> {
    await app.query('BEGIN');
    try {
      if (agencyId) await app.query(`SELECT set_config('app.agency_id', $1, true)`, [agencyId]);
      return await work();
    } finally {
      await app.query('ROLLBACK');
    }
  }

  it('sees nothing when no agency is set', async () => {
    const rows = await inAgency(null, () => app.query('SELECT * FROM users'));
    expect(rows.rowCount).toBe(0);
    const agencies = await inAgency(null, () => app.query('SELECT * FROM agencies'));
    expect(agencies.rowCount).toBe(0);
  });

  it("sees only the set agency's rows", async () => {
    const rows = await inAgency(AGENCY_A, () => app.query('SELECT agency_id, email FROM users'));
    expect(rows.rows).toEqual([{ agency_id: AGENCY_A, email: 'admin@agency-a.test' }]);
    const agencies = await inAgency(AGENCY_A, () => app.query('SELECT id FROM agencies'));
    expect(agencies.rows).toEqual([{ id: AGENCY_A }]);
  });

  it("cannot write into another agency's rows", async () => {
    await expect(
      inAgency(AGENCY_A, () =>
        app.query(
          `INSERT INTO users (agency_id, id, email, full_name, role, password_hash, created_at)
           VALUES ($1, $2, 'intruder@b.test', 'Intruder', 'ADMIN', '$argon2id$x', now())`,
          [AGENCY_B, randomUUID()],
        ),
      ),
    ).rejects.toThrow(/row-level security/);
    const moved = await inAgency(AGENCY_A, () =>
      app.query(`UPDATE users SET agency_id = $1 RETURNING id`, [AGENCY_B]).catch((error) => error),
    );
    expect(String(moved.message)).toMatch(/row-level security/);
    const deleted = await inAgency(AGENCY_A, () => app.query(`DELETE FROM users WHERE agency_id = $1`, [AGENCY_B]));
    expect(deleted.rowCount).toBe(0);
  });

  it('forgets the agency when the transaction ends (set_config is transaction-local)', async () => {
    await inAgency(AGENCY_A, async () => undefined);
    const after = await app.query(`SELECT current_setting('app.agency_id', true) AS agency`);
    expect(after.rows[0].agency ?? '').toBe('');
    expect((await app.query('SELECT * FROM users')).rowCount).toBe(0);
  });

  it('resolves a sign-in slug, and lists agency ids for sweeps, through the two definer functions only', async () => {
    const slug = await inAgency(null, () => app.query(`SELECT agency_id_by_slug('AGENCY-B') AS id`));
    expect(slug.rows[0].id).toBe(AGENCY_B);
    const ids = await inAgency(null, () => app.query(`SELECT agency_ids() AS id`));
    expect(ids.rows.map((row) => row.id).sort()).toEqual([AGENCY_A, AGENCY_B].sort());
  });

  it('can add to the audit trail but never rewrite it', async () => {
    await expect(inAgency(AGENCY_A, () => app.query('UPDATE audit_entries SET action = action'))).rejects.toThrow(
      /permission denied/,
    );
    await expect(inAgency(AGENCY_A, () => app.query('DELETE FROM audit_entries'))).rejects.toThrow(/permission denied/);
  });

  it('cannot touch the migrations table or change the schema', async () => {
    await expect(inAgency(null, () => app.query('SELECT * FROM migrations'))).rejects.toThrow(/permission denied/);
    await expect(inAgency(null, () => app.query('CREATE TABLE sneaky (id int)'))).rejects.toThrow(/permission denied/);
    await expect(inAgency(AGENCY_A, () => app.query('ALTER TABLE users DISABLE ROW LEVEL SECURITY'))).rejects.toThrow(
      /must be owner/,
    );
  });
});
