import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Candidate accounts, and the row-level security that confines a candidate
 * to their own rows: below every service check, a second policy on each
 * tenant table (RESTRICTIVE, so it narrows the agency policy) that lets a
 * transaction scoped to a candidate (`app.role` = CANDIDATE and
 * `app.candidate_id`) reach only what belongs to that candidate. Staff and
 * jobs are not affected.
 */
const AGENCY = `nullif(current_setting('app.agency_id', true), '')::uuid`;
const CANDIDATE = `nullif(current_setting('app.candidate_id', true), '')::uuid`;
const NOT_CANDIDATE = `coalesce(current_setting('app.role', true), '') <> 'CANDIDATE'`;
const USER = `nullif(current_setting('app.user_id', true), '')::uuid`;

/** Own rows per table. Subqueries read tables that are themselves candidate-scoped, so ownership chains. */
const OWN: Record<string, string> = {
  candidates: `id = ${CANDIDATE}`,
  applications: `candidate_id = ${CANDIDATE}`,
  follow_ups: `candidate_id = ${CANDIDATE}`,
  candidate_references: `candidate_id = ${CANDIDATE}`,
  erasure_requests: `candidate_id = ${CANDIDATE}`,
  positions: `EXISTS (SELECT 1 FROM applications a WHERE a.agency_id = positions.agency_id AND a.position_id = positions.id)`,
  employers: `EXISTS (SELECT 1 FROM positions p WHERE p.agency_id = employers.agency_id AND p.employer_id = employers.id)`,
  employer_contacts: `EXISTS (SELECT 1 FROM employers e
    WHERE e.agency_id = employer_contacts.agency_id AND e.id = employer_contacts.employer_id)`,
  interview_interviewers: `EXISTS (SELECT 1 FROM interviews i
    WHERE i.agency_id = interview_interviewers.agency_id AND i.id = interview_interviewers.interview_id)`,
  users: `id = ${USER} OR id IN (SELECT c.counselor_id FROM candidates c WHERE c.agency_id = users.agency_id)`,
  auth_sessions: `user_id = ${USER}`,
  refresh_tokens: `EXISTS (SELECT 1 FROM auth_sessions s
    WHERE s.agency_id = refresh_tokens.agency_id AND s.id = refresh_tokens.session_id)`,
};

/** Tables whose rows hang off one application. */
const BY_APPLICATION = [
  'application_stage_changes',
  'interviews',
  'debriefs',
  'reference_signals',
  'tasks',
  'application_next_steps',
  'escalations',
];
for (const table of BY_APPLICATION) {
  OWN[table] =
    `EXISTS (SELECT 1 FROM applications a WHERE a.agency_id = ${table}.agency_id AND a.id = ${table}.application_id)`;
}

/** A candidate's actions leave an audit entry, a counselor's task or notification: written, never read back. */
const WRITE_ONLY = ['audit_entries', 'notifications'];
/** Read for planning, never changed by a candidate. */
const READ_ONLY = ['agency_policies'];
/** Nothing of these is a candidate's business. */
const NONE = ['invitations', 'agency_webhooks'];

export class CandidatePortal1795900000000 implements MigrationInterface {
  name = 'CandidatePortal1795900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN candidate_id uuid`);
    await q.query(`
      ALTER TABLE users
        ADD CONSTRAINT users_candidate_fkey FOREIGN KEY (agency_id, candidate_id) REFERENCES candidates (agency_id, id),
        ADD CONSTRAINT users_candidate_key UNIQUE (agency_id, candidate_id),
        ADD CONSTRAINT users_candidate_check CHECK ((role = 'CANDIDATE') = (candidate_id IS NOT NULL))`);
    await q.query(`ALTER TABLE invitations ADD COLUMN candidate_id uuid`);
    await q.query(`
      ALTER TABLE invitations
        ADD CONSTRAINT invitations_candidate_fkey
          FOREIGN KEY (agency_id, candidate_id) REFERENCES candidates (agency_id, id) ON DELETE CASCADE,
        ADD CONSTRAINT invitations_candidate_check CHECK ((role = 'CANDIDATE') = (candidate_id IS NOT NULL))`);
    await q.query(`CREATE INDEX invitations_candidate_idx ON invitations (agency_id, candidate_id)`);
    // A candidate's debrief request is a counselor's task.
    await q.query(`ALTER TABLE tasks DROP CONSTRAINT tasks_kind_check`);
    await q.query(
      `ALTER TABLE tasks ADD CONSTRAINT tasks_kind_check CHECK (kind IN ('SEND_REFERENCES', 'HOLD_DEBRIEF'))`,
    );

    // Data rights: a candidate's erasure request, carried out after the agency's review period; rejected
    // candidates are anonymised after the retention period. `erased_at` marks a candidate done.
    await q.query(`ALTER TABLE candidates ADD COLUMN erased_at timestamptz`);
    await q.query(`
      ALTER TABLE agency_policies
        ADD COLUMN erasure_review_days smallint NOT NULL DEFAULT 30,
        ADD COLUMN rejected_retention_days smallint NOT NULL DEFAULT 365`);
    await q.query(`
      CREATE TABLE erasure_requests (
        agency_id uuid NOT NULL,
        id uuid NOT NULL,
        candidate_id uuid NOT NULL,
        requested_at timestamptz NOT NULL,
        erase_after timestamptz NOT NULL,
        completed_at timestamptz,
        CONSTRAINT erasure_requests_pkey PRIMARY KEY (agency_id, id),
        CONSTRAINT erasure_requests_candidate_key UNIQUE (agency_id, candidate_id),
        CONSTRAINT erasure_requests_candidate_fkey FOREIGN KEY (agency_id, candidate_id) REFERENCES candidates (agency_id, id)
      )`);
    await q.query(`
      CREATE INDEX erasure_requests_due_idx ON erasure_requests (agency_id, erase_after) WHERE completed_at IS NULL`);
    await q.query(`ALTER TABLE erasure_requests ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE erasure_requests FORCE ROW LEVEL SECURITY`);
    await q.query(`
      CREATE POLICY tenant_isolation ON erasure_requests USING (agency_id = ${AGENCY}) WITH CHECK (agency_id = ${AGENCY})`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON erasure_requests TO recruiting_app`);

    for (const [table, own] of Object.entries(OWN)) {
      await q.query(`
        CREATE POLICY candidate_scope ON ${table} AS RESTRICTIVE
          USING (${NOT_CANDIDATE} OR ${own})
          WITH CHECK (${NOT_CANDIDATE} OR ${own})`);
    }
    for (const table of WRITE_ONLY) {
      await q.query(`CREATE POLICY candidate_scope ON ${table} AS RESTRICTIVE FOR SELECT USING (${NOT_CANDIDATE})`);
      await q.query(
        `CREATE POLICY candidate_scope_update ON ${table} AS RESTRICTIVE FOR UPDATE USING (${NOT_CANDIDATE})`,
      );
      await q.query(
        `CREATE POLICY candidate_scope_delete ON ${table} AS RESTRICTIVE FOR DELETE USING (${NOT_CANDIDATE})`,
      );
    }
    for (const table of READ_ONLY) {
      await q.query(
        `CREATE POLICY candidate_scope ON ${table} AS RESTRICTIVE FOR INSERT WITH CHECK (${NOT_CANDIDATE})`,
      );
      await q.query(
        `CREATE POLICY candidate_scope_update ON ${table} AS RESTRICTIVE FOR UPDATE USING (${NOT_CANDIDATE})`,
      );
      await q.query(
        `CREATE POLICY candidate_scope_delete ON ${table} AS RESTRICTIVE FOR DELETE USING (${NOT_CANDIDATE})`,
      );
    }
    for (const table of NONE) {
      await q.query(`
        CREATE POLICY candidate_scope ON ${table} AS RESTRICTIVE USING (${NOT_CANDIDATE}) WITH CHECK (${NOT_CANDIDATE})`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    const tables = [...Object.keys(OWN), ...WRITE_ONLY, ...READ_ONLY, ...NONE];
    for (const table of tables) {
      for (const policy of ['candidate_scope', 'candidate_scope_update', 'candidate_scope_delete']) {
        await q.query(`DROP POLICY IF EXISTS ${policy} ON ${table}`);
      }
    }
    await q.query(`DROP TABLE erasure_requests`);
    await q.query(`ALTER TABLE agency_policies DROP COLUMN erasure_review_days, DROP COLUMN rejected_retention_days`);
    await q.query(`ALTER TABLE candidates DROP COLUMN erased_at`);
    await q.query(`ALTER TABLE tasks DROP CONSTRAINT tasks_kind_check`);
    await q.query(`ALTER TABLE tasks ADD CONSTRAINT tasks_kind_check CHECK (kind IN ('SEND_REFERENCES'))`);
    await q.query(`DROP INDEX invitations_candidate_idx`);
    await q.query(`ALTER TABLE invitations DROP COLUMN candidate_id`);
    await q.query(`ALTER TABLE users DROP COLUMN candidate_id`);
  }
}
