import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Agencies, users, sessions, refresh tokens and invitations, with row-level
 * security. Conventions every later migration follows:
 * - a tenant table has `agency_id uuid NOT NULL`, and agency_id leads its
 *   primary key, every unique key, every foreign key and every index, so the
 *   schema can be distributed by agency (Citus);
 * - it has ENABLE and FORCE ROW LEVEL SECURITY and the `tenant_isolation`
 *   policy below, USING and WITH CHECK;
 * - the application role `recruiting_app` gets DML rights only.
 */
const AGENCY_SETTING = `nullif(current_setting('app.agency_id', true), '')::uuid`;

const TENANT_TABLES = ['users', 'auth_sessions', 'refresh_tokens', 'invitations'];

export class Foundation1795315200000 implements MigrationInterface {
  name = 'Foundation1795315200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'recruiting_app') THEN
          CREATE ROLE recruiting_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
        END IF;
      END $$`);
    await q.query(`GRANT USAGE ON SCHEMA public TO recruiting_app`);

    await q.query(`
      CREATE TABLE agencies (
        id uuid PRIMARY KEY,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
        slug text NOT NULL CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,63}$'),
        timezone text NOT NULL,
        country char(2) NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT agencies_slug_key UNIQUE (slug)
      )`);

    await q.query(`
      CREATE TABLE users (
        agency_id uuid NOT NULL REFERENCES agencies (id),
        id uuid NOT NULL,
        email text NOT NULL,
        full_name text NOT NULL,
        role text NOT NULL CHECK (role IN ('ADMIN', 'COUNSELOR', 'CANDIDATE')),
        password_hash text NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
        created_at timestamptz NOT NULL,
        PRIMARY KEY (agency_id, id)
      )`);
    await q.query(`CREATE UNIQUE INDEX users_agency_email_key ON users (agency_id, lower(email))`);
    await q.query(`CREATE INDEX users_agency_created_idx ON users (agency_id, created_at, id)`);

    await q.query(`
      CREATE TABLE auth_sessions (
        agency_id uuid NOT NULL,
        id uuid NOT NULL,
        user_id uuid NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoked_reason text,
        PRIMARY KEY (agency_id, id),
        FOREIGN KEY (agency_id, user_id) REFERENCES users (agency_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX auth_sessions_user_idx ON auth_sessions (agency_id, user_id)`);

    await q.query(`
      CREATE TABLE refresh_tokens (
        agency_id uuid NOT NULL,
        id uuid NOT NULL,
        session_id uuid NOT NULL,
        token_hash bytea NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        rotated_at timestamptz,
        PRIMARY KEY (agency_id, id),
        FOREIGN KEY (agency_id, session_id) REFERENCES auth_sessions (agency_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX refresh_tokens_session_idx ON refresh_tokens (agency_id, session_id)`);

    await q.query(`
      CREATE TABLE invitations (
        agency_id uuid NOT NULL,
        id uuid NOT NULL,
        email text NOT NULL,
        full_name text NOT NULL,
        role text NOT NULL CHECK (role IN ('ADMIN', 'COUNSELOR', 'CANDIDATE')),
        token_hash bytea NOT NULL,
        invited_by_user_id uuid NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        accepted_at timestamptz,
        accepted_user_id uuid,
        PRIMARY KEY (agency_id, id),
        FOREIGN KEY (agency_id, invited_by_user_id) REFERENCES users (agency_id, id) ON DELETE CASCADE,
        FOREIGN KEY (agency_id, accepted_user_id) REFERENCES users (agency_id, id) ON DELETE SET NULL (accepted_user_id)
      )`);
    await q.query(
      `CREATE INDEX invitations_expiry_idx ON invitations (agency_id, expires_at) WHERE accepted_at IS NULL`,
    );

    // The cross-agency table: a transaction sees and writes only its own agency's row.
    // Not FORCEd, so that its owner, through agency_id_by_slug() alone, can resolve a sign-in slug.
    await q.query(`ALTER TABLE agencies ENABLE ROW LEVEL SECURITY`);
    await q.query(`
      CREATE POLICY agency_isolation ON agencies
        USING (id = ${AGENCY_SETTING})
        WITH CHECK (id = ${AGENCY_SETTING})`);
    await q.query(`
      CREATE FUNCTION agency_id_by_slug(p_slug text) RETURNS uuid
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
        AS $$ SELECT id FROM agencies WHERE slug = lower(p_slug) $$`);
    await q.query(`REVOKE ALL ON FUNCTION agency_id_by_slug(text) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION agency_id_by_slug(text) TO recruiting_app`);
    // Sweeps (one job per agency) need the list of agencies, and nothing else about them.
    await q.query(`
      CREATE FUNCTION agency_ids() RETURNS SETOF uuid
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
        AS $$ SELECT id FROM agencies ORDER BY id $$`);
    await q.query(`REVOKE ALL ON FUNCTION agency_ids() FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION agency_ids() TO recruiting_app`);

    for (const table of TENANT_TABLES) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await q.query(`
        CREATE POLICY tenant_isolation ON ${table}
          USING (agency_id = ${AGENCY_SETTING})
          WITH CHECK (agency_id = ${AGENCY_SETTING})`);
    }

    await q.query(`GRANT SELECT, INSERT, UPDATE ON agencies TO recruiting_app`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${TENANT_TABLES.join(', ')} TO recruiting_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE invitations, refresh_tokens, auth_sessions, users`);
    await q.query(`DROP FUNCTION agency_ids()`);
    await q.query(`DROP FUNCTION agency_id_by_slug(text)`);
    await q.query(`DROP TABLE agencies`);
  }
}
