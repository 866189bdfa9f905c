import { MigrationInterface, QueryRunner } from 'typeorm';

/** Debriefs, the candidate's references and reference-check signals, and counselor tasks. */
const AGENCY_SETTING = `nullif(current_setting('app.agency_id', true), '')::uuid`;

const TABLES = ['debriefs', 'candidate_references', 'reference_signals', 'tasks'];

export class DebriefsReferencesTasks1795600000000 implements MigrationInterface {
  name = 'DebriefsReferencesTasks1795600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE debriefs (
        agency_id uuid NOT NULL,
        id uuid NOT NULL,
        interview_id uuid NOT NULL,
        application_id uuid NOT NULL,
        held_at timestamptz NOT NULL,
        rating smallint NOT NULL CONSTRAINT debriefs_rating_check CHECK (rating BETWEEN 1 AND 5),
        asked_about_next_steps boolean NOT NULL,
        promised_decision_at timestamptz,
        promised_by_contact_id uuid,
        designated_contact_id uuid,
        call_permission_slot_at timestamptz,
        call_permission_best_way text,
        strengths text[] NOT NULL,
        observations text,
        notes text,
        recorded_by_user_id uuid,
        created_at timestamptz NOT NULL,
        CONSTRAINT debriefs_pkey PRIMARY KEY (agency_id, id),
        CONSTRAINT debriefs_interview_key UNIQUE (agency_id, interview_id),
        CONSTRAINT debriefs_interview_fkey FOREIGN KEY (agency_id, interview_id) REFERENCES interviews (agency_id, id),
        CONSTRAINT debriefs_application_fkey FOREIGN KEY (agency_id, application_id) REFERENCES applications (agency_id, id),
        CONSTRAINT debriefs_promised_by_fkey
          FOREIGN KEY (agency_id, promised_by_contact_id) REFERENCES employer_contacts (agency_id, id),
        CONSTRAINT debriefs_designated_contact_fkey
          FOREIGN KEY (agency_id, designated_contact_id) REFERENCES employer_contacts (agency_id, id)
      )`);
    await q.query(`CREATE INDEX debriefs_application_idx ON debriefs (agency_id, application_id)`);

    await q.query(`
      CREATE TABLE candidate_references (
        agency_id uuid NOT NULL,
        id uuid NOT NULL,
        candidate_id uuid NOT NULL,
        full_name text NOT NULL,
        relationship text,
        email text,
        phone text,
        informed_at timestamptz,
        created_at timestamptz NOT NULL,
        CONSTRAINT candidate_references_pkey PRIMARY KEY (agency_id, id),
        CONSTRAINT candidate_references_candidate_fkey FOREIGN KEY (agency_id, candidate_id) REFERENCES candidates (agency_id, id)
      )`);
    await q.query(`CREATE INDEX candidate_references_candidate_idx ON candidate_references (agency_id, candidate_id)`);

    await q.query(`
      CREATE TABLE reference_signals (
        agency_id uuid NOT NULL,
        id uuid NOT NULL,
        application_id uuid NOT NULL,
        kind text NOT NULL CONSTRAINT reference_signals_kind_check
          CHECK (kind IN ('REFERENCES_REQUESTED', 'REFERENCE_CONTACTED', 'REFERENCE_CHECK_COMPLETED')),
        occurred_at timestamptz NOT NULL,
        reference_id uuid,
        notes text,
        recorded_by_user_id uuid,
        created_at timestamptz NOT NULL,
        CONSTRAINT reference_signals_pkey PRIMARY KEY (agency_id, id),
        CONSTRAINT reference_signals_application_fkey FOREIGN KEY (agency_id, application_id) REFERENCES applications (agency_id, id),
        CONSTRAINT reference_signals_reference_fkey
          FOREIGN KEY (agency_id, reference_id) REFERENCES candidate_references (agency_id, id)
      )`);
    await q.query(
      `CREATE INDEX reference_signals_application_idx ON reference_signals (agency_id, application_id, occurred_at)`,
    );

    // A task exists once per (kind, source): a retried request or job cannot open it twice.
    await q.query(`
      CREATE TABLE tasks (
        agency_id uuid NOT NULL,
        id uuid NOT NULL,
        application_id uuid NOT NULL,
        kind text NOT NULL CONSTRAINT tasks_kind_check CHECK (kind IN ('SEND_REFERENCES')),
        source_id uuid NOT NULL,
        title text NOT NULL,
        due_at timestamptz NOT NULL,
        assignee_user_id uuid NOT NULL,
        created_at timestamptz NOT NULL,
        completed_at timestamptz,
        CONSTRAINT tasks_pkey PRIMARY KEY (agency_id, id),
        CONSTRAINT tasks_source_key UNIQUE (agency_id, kind, source_id),
        CONSTRAINT tasks_application_fkey FOREIGN KEY (agency_id, application_id) REFERENCES applications (agency_id, id),
        CONSTRAINT tasks_assignee_fkey FOREIGN KEY (agency_id, assignee_user_id) REFERENCES users (agency_id, id)
      )`);
    await q.query(`CREATE INDEX tasks_application_idx ON tasks (agency_id, application_id)`);
    await q.query(
      `CREATE INDEX tasks_open_idx ON tasks (agency_id, assignee_user_id, due_at) WHERE completed_at IS NULL`,
    );

    for (const table of TABLES) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await q.query(`
        CREATE POLICY tenant_isolation ON ${table}
          USING (agency_id = ${AGENCY_SETTING})
          WITH CHECK (agency_id = ${AGENCY_SETTING})`);
    }
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${TABLES.join(', ')} TO recruiting_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE tasks, reference_signals, candidate_references, debriefs`);
  }
}
