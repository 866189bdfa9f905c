import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createTestDatabase, TestDatabase, withOwner } from '../support/database';
import { insertAgencyWithAdmin } from '../support/seed';

interface Side {
  candidate: string;
  user: string;
  employer: string;
  contact: string;
  position: string;
  application: string;
  interview: string;
  followUp: string;
  reference: string;
}

const side = (): Side => ({
  candidate: randomUUID(),
  user: randomUUID(),
  employer: randomUUID(),
  contact: randomUUID(),
  position: randomUUID(),
  application: randomUUID(),
  interview: randomUUID(),
  followUp: randomUUID(),
  reference: randomUUID(),
});

/** One candidate's world: an application at their own employer, an interview, a follow-up, a reference, an account. */
async function seedSide(client: Client, agencyId: string, counselorId: string, s: Side, label: string) {
  const q = (sql: string, values: unknown[]) => client.query(sql, [agencyId, ...values]);
  await q(
    `INSERT INTO candidates (agency_id, id, full_name, email, counselor_id, created_at) VALUES ($1, $2, $3, $4, $5, now())`,
    [s.candidate, `Candidate ${label}`, `${label}@rls.test`, counselorId],
  );
  await q(
    `INSERT INTO users (agency_id, id, email, full_name, role, password_hash, created_at, candidate_id)
     VALUES ($1, $2, $3, $4, 'CANDIDATE', '$argon2id$placeholder', now(), $5)`,
    [s.user, `${label}@rls.test`, `Candidate ${label}`, s.candidate],
  );
  await q(
    `INSERT INTO employers (agency_id, id, name, timezone, is_local, created_at) VALUES ($1, $2, $3, 'Europe/London', true, now())`,
    [s.employer, `Employer ${label}`],
  );
  await q(
    `INSERT INTO employer_contacts (agency_id, id, employer_id, full_name, role, is_designated_contact, created_at)
     VALUES ($1, $2, $3, 'HR', 'HR', false, now())`,
    [s.contact, s.employer],
  );
  await q(
    `INSERT INTO positions (agency_id, id, employer_id, title, created_at) VALUES ($1, $2, $3, 'Analyst', now())`,
    [s.position, s.employer],
  );
  await q(
    `INSERT INTO applications (agency_id, id, candidate_id, position_id, interest_level, stage, stage_changed_at, created_at)
     VALUES ($1, $2, $3, $4, 3, 'INTERVIEWING', now(), now())`,
    [s.application, s.candidate, s.position],
  );
  await q(
    `INSERT INTO interviews (agency_id, id, application_id, occurred_at, arranged_by_agency, created_at)
     VALUES ($1, $2, $3, now(), true, now())`,
    [s.interview, s.application],
  );
  await q(
    `INSERT INTO follow_ups (agency_id, id, application_id, candidate_id, employer_id, contact_id, channel, purpose,
                             outcome, direction, occurred_at, starts_gap, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, 'EMAIL', 'STATUS_CHECK', 'REACHED', 'OUTBOUND', now(), true, now())`,
    [s.followUp, s.application, s.candidate, s.employer, s.contact],
  );
  await q(
    `INSERT INTO candidate_references (agency_id, id, candidate_id, full_name, created_at) VALUES ($1, $2, $3, 'Referee', now())`,
    [s.reference, s.candidate],
  );
}

/** Straight SQL as the application role, scoped to a candidate: what the portal could do at worst. */
describe('row-level security for candidates', () => {
  let db: TestDatabase;
  let app: Client;
  let agencyId: string;
  let counselorId: string;
  const one = side();
  const two = side();

  beforeAll(async () => {
    db = await createTestDatabase();
    await withOwner(db.ownerUrl, async (client) => {
      ({ agencyId, adminId: counselorId } = await insertAgencyWithAdmin(client, 'candidate-rls'));
      await seedSide(client, agencyId, counselorId, one, 'one');
      await seedSide(client, agencyId, counselorId, two, 'two');
      await client.query(
        `INSERT INTO audit_entries (agency_id, id, action, record_type, record_id, details, occurred_at)
         VALUES ($1, gen_random_uuid(), 'x', 'candidate', $2, '{}', now())`,
        [agencyId, one.candidate],
      );
    });
    app = new Client({ connectionString: db.appUrl });
    await app.connect();
  });

  afterAll(async () => {
    await app.end();
    await db.drop();
  });

  async function as<T>(scope: { role: string; candidate?: string; user?: string }, work: () => Promise<T>): Promise<T> {
    await app.query('BEGIN');
    try {
      await app.query(
        `SELECT set_config('app.agency_id', $1, true), set_config('app.role', $2, true),
                set_config('app.candidate_id', $3, true), set_config('app.user_id', $4, true)`,
        [agencyId, scope.role, scope.candidate ?? '', scope.user ?? ''],
      );
      return await work();
    } finally {
      await app.query('ROLLBACK');
    }
  }
  const asOne = <T>(work: () => Promise<T>) =>
    as({ role: 'CANDIDATE', candidate: one.candidate, user: one.user }, work);
  const ids = async (sql: string) => (await app.query(sql)).rows.map((row: { id: string }) => row.id).sort();

  it('shows a candidate only their own rows, and the employers of their own applications', async () => {
    const seen = await asOne(async () => ({
      candidates: await ids('SELECT id FROM candidates'),
      applications: await ids('SELECT id FROM applications'),
      positions: await ids('SELECT id FROM positions'),
      employers: await ids('SELECT id FROM employers'),
      contacts: await ids('SELECT id FROM employer_contacts'),
      interviews: await ids('SELECT id FROM interviews'),
      followUps: await ids('SELECT id FROM follow_ups'),
      references: await ids('SELECT id FROM candidate_references'),
      users: await ids('SELECT id FROM users'),
      audit: await ids('SELECT id FROM audit_entries'),
      invitations: await ids('SELECT id FROM invitations'),
    }));
    expect(seen).toEqual({
      candidates: [one.candidate],
      applications: [one.application],
      positions: [one.position],
      employers: [one.employer],
      contacts: [one.contact],
      interviews: [one.interview],
      followUps: [one.followUp],
      references: [one.reference],
      users: [one.user, counselorId].sort(),
      audit: [],
      invitations: [],
    });
  });

  it("cannot write into another candidate's rows", async () => {
    const updated = await asOne(() =>
      app.query(`UPDATE applications SET interest_level = 1 WHERE id = $1`, [two.application]),
    );
    expect(updated.rowCount).toBe(0);
    await expect(
      asOne(() =>
        app.query(
          `INSERT INTO follow_ups (agency_id, id, application_id, candidate_id, employer_id, contact_id, channel, purpose,
                                   outcome, direction, occurred_at, starts_gap, created_at)
           VALUES ($1, gen_random_uuid(), $2, $3, $4, $5, 'EMAIL', 'STATUS_CHECK', 'REACHED', 'OUTBOUND', now(), true, now())`,
          [agencyId, two.application, two.candidate, two.employer, two.contact],
        ),
      ),
    ).rejects.toThrow(/row-level security/);
    await expect(
      asOne(() =>
        app.query(
          `INSERT INTO candidate_references (agency_id, id, candidate_id, full_name, created_at)
                   VALUES ($1, gen_random_uuid(), $2, 'Planted', now())`,
          [agencyId, two.candidate],
        ),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it('shows a candidate role without its candidate nothing, and leaves staff untouched', async () => {
    expect(await as({ role: 'CANDIDATE' }, () => ids('SELECT id FROM applications'))).toEqual([]);
    expect(await as({ role: 'COUNSELOR', user: counselorId }, () => ids('SELECT id FROM applications'))).toEqual(
      [one.application, two.application].sort(),
    );
  });
});
