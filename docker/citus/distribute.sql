-- Distributes the product's schema over a Citus cluster by agency: every tenant table hash-distributed on
-- agency_id and colocated with `users` (one agency's rows of every table on one node, so each transaction of
-- the product stays on one node), the tables outside tenancy replicated to every node as reference tables.
--
-- Run once, as the owner role (DATABASE_URL), on the coordinator, after the migrations, with psql:
--
--   psql "$DATABASE_URL" -v candidate_portal=closed -f docker/citus/distribute.sql
--
-- docs/citus.md explains the steps around it, what row-level security does on Citus, and the limits; the
-- catalog test test/integration/citus-distribution.int.spec.ts keeps this file in step with the migrations
-- (every tenant table named below, parents before children, every other table a reference table).
--
-- It is one transaction: it distributes everything or nothing. The last part, after COMMIT, checks every
-- shard's row-level security, and may be run again on its own (it changes nothing that is right).

\set ON_ERROR_STOP on
\if :{?candidate_portal}
\else
  \set candidate_portal open
\endif
SELECT set_config('recruiting.candidate_portal', :'candidate_portal', false);

DO $$
BEGIN
  IF to_regproc('create_distributed_table') IS NULL THEN
    RAISE EXCEPTION 'Citus is not installed in database %: run this on a Citus coordinator', current_database();
  END IF;
  IF NOT EXISTS (SELECT 1 FROM citus_get_active_worker_nodes()) THEN
    RAISE EXCEPTION 'The coordinator has no active worker node: add them first (citus_add_node)';
  END IF;
  IF EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = 'public.users'::regclass) THEN
    RAISE EXCEPTION 'The schema is already distributed. A table added by a later migration is distributed on its own: '
      'SELECT create_distributed_table(''<table>'', ''agency_id'', colocate_with => ''users'')';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'recruiting_app') THEN
    RAISE EXCEPTION 'No role recruiting_app: run the migrations first';
  END IF;
END $$;

-- The product scopes each transaction with SET LOCAL (libs/database/src/scope-statement.ts). Citus sends the
-- shard queries to the workers in connections of their own, where only SET LOCAL commands reach, and only with this setting
-- (docs/citus.md, "Row-level security on Citus"). Set for the database, so every session has it.
DO $$
BEGIN
  EXECUTE format('ALTER DATABASE %I SET citus.propagate_set_commands = %L', current_database(), 'local');
END $$;

BEGIN;
-- Several distributions, foreign keys and policy changes in one transaction: one connection per node.
SET LOCAL citus.multi_shard_modify_mode TO 'sequential';

-- 1. What Citus refuses on a distributed table, changed first.

-- 1a. Citus refuses policies with subqueries ("Subqueries are not supported in policies on distributed
--     tables"). The candidate portal's RESTRICTIVE candidate_scope policies find a candidate's rows through
--     other tables; on Citus they become "no candidate at all": they narrow access further, never widen
--     it, and staff and jobs are not affected, but the portal no longer works. Hence the explicit consent.
DO $$
DECLARE
  policy record;
  not_candidate constant text := $q$coalesce(current_setting('app.role', true), '') <> 'CANDIDATE'$q$;
BEGIN
  FOR policy IN
    SELECT c.relname AS table_name, p.polname AS name, p.polcmd AS command, p.polpermissive AS permissive
      FROM pg_policy p
      JOIN pg_class c ON c.oid = p.polrelid
     WHERE c.relnamespace = 'public'::regnamespace
       AND (coalesce(pg_get_expr(p.polqual, p.polrelid), '') ~* '\mselect\M'
            OR coalesce(pg_get_expr(p.polwithcheck, p.polrelid), '') ~* '\mselect\M')
     ORDER BY 1, 2
  LOOP
    IF policy.permissive OR policy.name NOT LIKE 'candidate_scope%' THEN
      RAISE EXCEPTION 'Policy % on % has a subquery and is not a restrictive candidate_scope policy: '
        'replacing it could open rows; rewrite it without a subquery first', policy.name, policy.table_name;
    END IF;
    IF current_setting('recruiting.candidate_portal') <> 'closed' THEN
      RAISE EXCEPTION 'Policy % on % has a subquery, which Citus refuses. Distributing closes the candidate '
        'portal (docs/citus.md): run again with psql -v candidate_portal=closed', policy.name, policy.table_name;
    END IF;
    IF policy.command = '*' THEN
      EXECUTE format('ALTER POLICY %I ON %I USING (%s) WITH CHECK (%s)',
                     policy.name, policy.table_name, not_candidate, not_candidate);
    ELSIF policy.command IN ('a') THEN
      EXECUTE format('ALTER POLICY %I ON %I WITH CHECK (%s)', policy.name, policy.table_name, not_candidate);
    ELSE
      EXECUTE format('ALTER POLICY %I ON %I USING (%s)', policy.name, policy.table_name, not_candidate);
    END IF;
    RAISE NOTICE 'Policy % on % now refuses candidates', policy.name, policy.table_name;
  END LOOP;
END $$;

-- 1b. Citus accepts a foreign key only between tables it already manages: a local table may not point at a
--     distributed one, nor a distributed one at a local one, and users and candidates point at each other.
--     Every key is set aside here and made again once every table is distributed (step 4).
CREATE TEMPORARY TABLE recruiting_foreign_keys ON COMMIT DROP AS
  SELECT c.conrelid::regclass AS table_name, c.conname AS name, pg_get_constraintdef(c.oid) AS definition
    FROM pg_constraint c
   WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace;
DO $$
DECLARE
  fk record;
BEGIN
  FOR fk IN SELECT * FROM recruiting_foreign_keys LOOP
    EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', fk.table_name, fk.name);
  END LOOP;
END $$;

-- 2. The tables outside tenancy, on every node: the agencies (sign-in, sweeps) and the migrations' ledger.
SELECT create_reference_table('agencies');
SELECT create_reference_table('migrations');

-- 3. The tenant tables, each parent before the tables whose foreign keys point at it (users and candidates
--    point at each other: users first), all colocated: one agency's rows of every table on one node.
SELECT create_distributed_table('users', 'agency_id');
SELECT create_distributed_table('candidates', 'agency_id', colocate_with => 'users');
SELECT create_distributed_table('auth_sessions', 'agency_id', colocate_with => 'users');
SELECT create_distributed_table('refresh_tokens', 'agency_id', colocate_with => 'users');
SELECT create_distributed_table('invitations', 'agency_id', colocate_with => 'users');
SELECT create_distributed_table('employers', 'agency_id', colocate_with => 'users');
SELECT create_distributed_table('employer_contacts', 'agency_id', colocate_with => 'users');
SELECT create_distributed_table('positions', 'agency_id', colocate_with => 'users');
SELECT create_distributed_table('applications', 'agency_id', colocate_with => 'users');
SELECT create_distributed_table('application_stage_changes', 'agency_id', colocate_with => 'users');
SELECT create_distributed_table('interviews', 'agency_id', colocate_with => 'users');
SELECT create_distributed_table('interview_interviewers', 'agency_id', colocate_with => 'users');
SELECT create_distributed_table('follow_ups', 'agency_id', colocate_with => 'users');
SELECT create_distributed_table('debriefs', 'agency_id', colocate_with => 'users');
SELECT create_distributed_table('candidate_references', 'agency_id', colocate_with => 'users');
SELECT create_distributed_table('reference_signals', 'agency_id', colocate_with => 'users');
SELECT create_distributed_table('tasks', 'agency_id', colocate_with => 'users');
SELECT create_distributed_table('agency_policies', 'agency_id', colocate_with => 'users');
SELECT create_distributed_table('application_next_steps', 'agency_id', colocate_with => 'users');
SELECT create_distributed_table('escalations', 'agency_id', colocate_with => 'users');
SELECT create_distributed_table('agency_webhooks', 'agency_id', colocate_with => 'users');
SELECT create_distributed_table('notifications', 'agency_id', colocate_with => 'users');
SELECT create_distributed_table('erasure_requests', 'agency_id', colocate_with => 'users');
SELECT create_distributed_table('audit_entries', 'agency_id', colocate_with => 'users');
SELECT create_distributed_table('pipeline_reports', 'agency_id', colocate_with => 'users');

-- 4. The foreign keys again. Citus refuses ON DELETE SET NULL (or SET DEFAULT) on a key that holds the
--    distribution column, even in PostgreSQL 15's SET NULL (column) form: those keys come back as NO ACTION
--    (docs/citus.md, "Limits"). Every other key comes back as it was.
DO $$
DECLARE
  fk record;
  definition text;
BEGIN
  FOR fk IN SELECT * FROM recruiting_foreign_keys ORDER BY table_name::text, name LOOP
    definition := regexp_replace(fk.definition, ' ON DELETE SET (NULL|DEFAULT)( \([^)]*\))?', '');
    IF definition <> fk.definition THEN
      RAISE NOTICE 'Foreign key % on % loses its ON DELETE SET NULL: %', fk.name, fk.table_name, definition;
    END IF;
    EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I %s', fk.table_name, fk.name, definition);
  END LOOP;
END $$;

COMMIT;

-- 5. Row-level security on every shard. The shards carry their table's policies (Citus copies them), and
--    the workers enforce them: the application role reaches a shard under its own name. ENABLE and FORCE are
--    set on every shard here, whether or not this Citus version copies them (idempotent), then checked: any
--    shard without them, or with fewer policies than its table, stops the script. Run this part again after
--    moving or splitting shards.
DO $$
DECLARE
  tenant regclass;
  missing text;
BEGIN
  FOR tenant IN
    SELECT logicalrelid FROM pg_dist_partition WHERE partmethod = 'h' ORDER BY logicalrelid::text
  LOOP
    PERFORM run_command_on_shards(tenant, 'ALTER TABLE %s ENABLE ROW LEVEL SECURITY');
    PERFORM run_command_on_shards(tenant, 'ALTER TABLE %s FORCE ROW LEVEL SECURITY');
    SELECT string_agg(shardid::text || ': ' || result, ', ')
      INTO missing
      FROM run_command_on_shards(
             tenant,
             format($check$SELECT CASE WHEN c.relrowsecurity AND c.relforcerowsecurity
                                            AND (SELECT count(*) FROM pg_policy p WHERE p.polrelid = c.oid) = %s
                                       THEN 'ok' ELSE 'missing' END
                             FROM pg_class c WHERE c.oid = '%%s'::regclass$check$,
                    (SELECT count(*) FROM pg_policy WHERE polrelid = tenant)))
     WHERE NOT success OR result <> 'ok';
    IF missing IS NOT NULL THEN
      RAISE EXCEPTION 'Shards of % without row-level security, FORCE or all of its policies: %', tenant, missing;
    END IF;
  END LOOP;
  -- The application role must exist on every node under the same name, or the workers refuse its queries.
  SELECT string_agg(nodename || ':' || nodeport || ' ' || result, ', ')
    INTO missing
    FROM run_command_on_workers($roles$SELECT count(*) FROM pg_roles WHERE rolname = 'recruiting_app'$roles$)
   WHERE NOT success OR result <> '1';
  IF missing IS NOT NULL THEN
    RAISE EXCEPTION 'Workers without the role recruiting_app: %', missing;
  END IF;
END $$;

SELECT logicalrelid AS distributed_table, partmethod, colocationid
  FROM pg_dist_partition
 ORDER BY colocationid, logicalrelid::text;
