import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The counselor's records: candidates, employers and their contacts,
 * positions, applications with their stage history, and the audit trail.
 * Same conventions as the foundation migration: agency_id leads every key and
 * index, every table is under FORCE ROW LEVEL SECURITY with tenant_isolation.
 */
const AGENCY_SETTING = `nullif(current_setting('app.agency_id', true), '')::uuid`;

const TABLES = [
  'candidates',
  'employers',
  'employer_contacts',
  'positions',
  'applications',
  'application_stage_changes',
  'audit_entries',
];

const STAGES = [
  'SUBMITTED',
  'INTERVIEWING',
  'AWAITING_DECISION',
  'REFERENCE_CHECK',
  'OFFER_VERBAL',
  'OFFER_WRITTEN',
  'PLACED',
  'REJECTED',
  'WITHDRAWN',
  'OUT_OF_RUNNING',
  'ON_HOLD',
]
  .map((stage) => `'${stage}'`)
  .join(', ');

export class CounselorRecords1795400000000 implements MigrationInterface {
  name = 'CounselorRecords1795400000000';

  async up(q: QueryRunner): Promise<void> {
    // Search by name or e-mail, ignoring case and accents, through a trigram index that agency_id leads.
    await q.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gin`);
    await q.query(`
      CREATE FUNCTION search_normalize(value text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
        AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, value)) $$`);

    await q.query(`
      CREATE TABLE candidates (
        agency_id uuid NOT NULL,
        id uuid NOT NULL,
        full_name text NOT NULL CONSTRAINT candidates_full_name_check CHECK (length(full_name) BETWEEN 1 AND 200),
        email text NOT NULL,
        phone text,
        counselor_id uuid NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT candidates_pkey PRIMARY KEY (agency_id, id),
        CONSTRAINT candidates_counselor_fkey FOREIGN KEY (agency_id, counselor_id) REFERENCES users (agency_id, id)
      )`);
    await q.query(`CREATE UNIQUE INDEX candidates_agency_email_key ON candidates (agency_id, lower(email))`);
    await q.query(`CREATE INDEX candidates_counselor_idx ON candidates (agency_id, counselor_id)`);
    await q.query(`CREATE INDEX candidates_created_idx ON candidates (agency_id, created_at, id)`);
    await q.query(`
      CREATE INDEX candidates_search_idx ON candidates
        USING gin (agency_id, search_normalize(full_name || ' ' || email) gin_trgm_ops)`);

    await q.query(`
      CREATE TABLE employers (
        agency_id uuid NOT NULL,
        id uuid NOT NULL,
        name text NOT NULL CONSTRAINT employers_name_check CHECK (length(name) BETWEEN 1 AND 200),
        timezone text NOT NULL,
        is_local boolean NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT employers_pkey PRIMARY KEY (agency_id, id)
      )`);
    await q.query(`CREATE INDEX employers_created_idx ON employers (agency_id, created_at, id)`);

    await q.query(`
      CREATE TABLE employer_contacts (
        agency_id uuid NOT NULL,
        id uuid NOT NULL,
        employer_id uuid NOT NULL,
        full_name text NOT NULL CONSTRAINT employer_contacts_full_name_check CHECK (length(full_name) BETWEEN 1 AND 200),
        role text NOT NULL CONSTRAINT employer_contacts_role_check
          CHECK (role IN ('HIRING_MANAGER', 'HR', 'GATEKEEPER', 'INTERVIEWER')),
        email text,
        phone text,
        best_way_to_reach text,
        is_designated_contact boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL,
        CONSTRAINT employer_contacts_pkey PRIMARY KEY (agency_id, id),
        CONSTRAINT employer_contacts_employer_fkey FOREIGN KEY (agency_id, employer_id) REFERENCES employers (agency_id, id)
      )`);
    await q.query(`CREATE INDEX employer_contacts_employer_idx ON employer_contacts (agency_id, employer_id)`);
    // One designated contact per employer at a time (004).
    await q.query(`
      CREATE UNIQUE INDEX employer_contacts_designated_key ON employer_contacts (agency_id, employer_id)
        WHERE is_designated_contact`);

    await q.query(`
      CREATE TABLE positions (
        agency_id uuid NOT NULL,
        id uuid NOT NULL,
        employer_id uuid NOT NULL,
        title text NOT NULL CONSTRAINT positions_title_check CHECK (length(title) BETWEEN 1 AND 200),
        created_at timestamptz NOT NULL,
        CONSTRAINT positions_pkey PRIMARY KEY (agency_id, id),
        CONSTRAINT positions_employer_fkey FOREIGN KEY (agency_id, employer_id) REFERENCES employers (agency_id, id)
      )`);
    await q.query(`CREATE INDEX positions_employer_idx ON positions (agency_id, employer_id)`);

    await q.query(`
      CREATE TABLE applications (
        agency_id uuid NOT NULL,
        id uuid NOT NULL,
        candidate_id uuid NOT NULL,
        position_id uuid NOT NULL,
        interest_level smallint NOT NULL CONSTRAINT applications_interest_level_check CHECK (interest_level BETWEEN 1 AND 5),
        stage text NOT NULL CONSTRAINT applications_stage_check CHECK (stage IN (${STAGES})),
        stage_changed_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT applications_pkey PRIMARY KEY (agency_id, id),
        CONSTRAINT applications_candidate_position_key UNIQUE (agency_id, candidate_id, position_id),
        CONSTRAINT applications_candidate_fkey FOREIGN KEY (agency_id, candidate_id) REFERENCES candidates (agency_id, id),
        CONSTRAINT applications_position_fkey FOREIGN KEY (agency_id, position_id) REFERENCES positions (agency_id, id)
      )`);
    await q.query(`CREATE INDEX applications_position_idx ON applications (agency_id, position_id)`);
    await q.query(`CREATE INDEX applications_stage_idx ON applications (agency_id, stage)`);

    await q.query(`
      CREATE TABLE application_stage_changes (
        agency_id uuid NOT NULL,
        id uuid NOT NULL,
        application_id uuid NOT NULL,
        from_stage text CONSTRAINT application_stage_changes_from_check CHECK (from_stage IN (${STAGES})),
        to_stage text NOT NULL CONSTRAINT application_stage_changes_to_check CHECK (to_stage IN (${STAGES})),
        reason text,
        changed_by_user_id uuid,
        changed_at timestamptz NOT NULL,
        CONSTRAINT application_stage_changes_pkey PRIMARY KEY (agency_id, id),
        CONSTRAINT application_stage_changes_application_fkey
          FOREIGN KEY (agency_id, application_id) REFERENCES applications (agency_id, id)
      )`);
    await q.query(`
      CREATE INDEX application_stage_changes_application_idx
        ON application_stage_changes (agency_id, application_id, changed_at)`);

    // Append-only: the application role may insert and read, never change or delete.
    await q.query(`
      CREATE TABLE audit_entries (
        agency_id uuid NOT NULL,
        id uuid NOT NULL,
        actor_user_id uuid,
        action text NOT NULL,
        record_type text NOT NULL,
        record_id uuid NOT NULL,
        details jsonb NOT NULL,
        occurred_at timestamptz NOT NULL,
        CONSTRAINT audit_entries_pkey PRIMARY KEY (agency_id, id)
      )`);
    await q.query(`CREATE INDEX audit_entries_occurred_idx ON audit_entries (agency_id, occurred_at, id)`);
    await q.query(`CREATE INDEX audit_entries_record_idx ON audit_entries (agency_id, record_type, record_id)`);

    for (const table of TABLES) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await q.query(`
        CREATE POLICY tenant_isolation ON ${table}
          USING (agency_id = ${AGENCY_SETTING})
          WITH CHECK (agency_id = ${AGENCY_SETTING})`);
    }
    const mutable = TABLES.filter((table) => table !== 'audit_entries');
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${mutable.join(', ')} TO recruiting_app`);
    await q.query(`GRANT SELECT, INSERT ON audit_entries TO recruiting_app`);
    await q.query(`GRANT EXECUTE ON FUNCTION search_normalize(text) TO recruiting_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DROP TABLE audit_entries, application_stage_changes, applications, positions, employer_contacts, employers, candidates`,
    );
    await q.query(`DROP FUNCTION search_normalize(text)`);
  }
}
