import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The escalation sweep enqueues a job only for the agencies with something to
 * do: a rung fallen due, or a notification waiting to be delivered. Which
 * agencies those are is a question across agencies, which row-level security
 * exists to refuse, so one function answers it and nothing else:
 * `agencies_with_due_escalations(now)` returns agency ids, never a row.
 *
 * It runs as `recruiting_sweep_probe`, a role that cannot log in, has no
 * members, owns this function alone, and may read two columns of two tables:
 * the rung's due time and the notification's status, each with its agency id
 * (and the keys of applications, which a policy on next steps names).
 * A policy FOR SELECT TO that role alone lets it see them across agencies; the
 * application role's access is unchanged (rls-catalog.int.spec.ts holds the
 * exception to exactly this).
 *
 * One index probe per agency (plpgsql, a loop of single-agency queries, which
 * Citus routes to one shard each) instead of one pass over every next step:
 * on a steady day the sweep reads a few thousand index pages, not every row.
 */
const PROBE_ROLE = 'recruiting_sweep_probe';

export class DueEscalationProbe1796400000000 implements MigrationInterface {
  name = 'DueEscalationProbe1796400000000';

  async up(q: QueryRunner): Promise<void> {
    // Roles are the cluster's, not the database's: another database of the cluster may have created it.
    await q.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${PROBE_ROLE}') THEN
          CREATE ROLE ${PROBE_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
        END IF;
      END $$`);
    await q.query(`GRANT USAGE ON SCHEMA public TO ${PROBE_ROLE}`);
    await q.query(`GRANT SELECT (agency_id, escalation_due_at) ON application_next_steps TO ${PROBE_ROLE}`);
    await q.query(`GRANT SELECT (agency_id, status) ON notifications TO ${PROBE_ROLE}`);
    // The candidates' restrictive policy on next steps names the application's keys, checked for every role.
    await q.query(`GRANT SELECT (agency_id, id) ON applications TO ${PROBE_ROLE}`);
    await q.query(`GRANT EXECUTE ON FUNCTION agency_ids() TO ${PROBE_ROLE}`);
    await q.query(`CREATE POLICY sweep_probe ON application_next_steps FOR SELECT TO ${PROBE_ROLE} USING (true)`);
    await q.query(`CREATE POLICY sweep_probe ON notifications FOR SELECT TO ${PROBE_ROLE} USING (true)`);

    await q.query(`
      CREATE FUNCTION agencies_with_due_escalations(p_now timestamptz) RETURNS SETOF uuid
        LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
        AS $$
          DECLARE
            agency uuid;
          BEGIN
            FOR agency IN SELECT id FROM agency_ids() AS a(id) LOOP
              IF EXISTS (SELECT 1 FROM application_next_steps
                          WHERE agency_id = agency AND escalation_due_at <= p_now)
                 OR EXISTS (SELECT 1 FROM notifications WHERE agency_id = agency AND status = 'PENDING') THEN
                RETURN NEXT agency;
              END IF;
            END LOOP;
          END
        $$`);
    await q.query(`REVOKE ALL ON FUNCTION agencies_with_due_escalations(timestamptz) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION agencies_with_due_escalations(timestamptz) TO recruiting_app`);
    // Giving a function away takes membership in the new owner, and the new owner's right to create in the
    // schema: both held only while it is given.
    await q.query(`GRANT CREATE ON SCHEMA public TO ${PROBE_ROLE}`);
    await withMembership(q, () =>
      q.query(`ALTER FUNCTION agencies_with_due_escalations(timestamptz) OWNER TO ${PROBE_ROLE}`),
    );
    await q.query(`REVOKE CREATE ON SCHEMA public FROM ${PROBE_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await withMembership(q, () => q.query(`DROP FUNCTION agencies_with_due_escalations(timestamptz)`));
    await q.query(`DROP POLICY sweep_probe ON notifications`);
    await q.query(`DROP POLICY sweep_probe ON application_next_steps`);
    await q.query(`REVOKE EXECUTE ON FUNCTION agency_ids() FROM ${PROBE_ROLE}`);
    await q.query(`REVOKE SELECT (agency_id, id) ON applications FROM ${PROBE_ROLE}`);
    await q.query(`REVOKE SELECT (agency_id, status) ON notifications FROM ${PROBE_ROLE}`);
    await q.query(`REVOKE SELECT (agency_id, escalation_due_at) ON application_next_steps FROM ${PROBE_ROLE}`);
    await q.query(`REVOKE USAGE ON SCHEMA public FROM ${PROBE_ROLE}`);
    // The role stays: other databases of the cluster may use it, as they do recruiting_app.
  }
}

/**
 * Runs `work` as a member of the probe role. A superuser is one already; any
 * other owner grants itself the role for the time of `work`, which takes the
 * right to grant it: CREATEROLE up to PostgreSQL 15, ADMIN OPTION on the role
 * from 16 on (its creator has it).
 */
async function withMembership(q: QueryRunner, work: () => Promise<unknown>): Promise<void> {
  const [{ rolsuper }] = await q.query(`SELECT rolsuper FROM pg_roles WHERE rolname = current_user`);
  if (rolsuper) return void (await work());
  try {
    await q.query(`GRANT ${PROBE_ROLE} TO current_user`);
  } catch (error) {
    throw new Error(
      `The owner of the migrations cannot take the role ${PROBE_ROLE} to give it its function: ` +
        `grant it with ADMIN OPTION to this owner, as a superuser or the role's creator (${(error as Error).message})`,
    );
  }
  await work();
  await q.query(`REVOKE ${PROBE_ROLE} FROM current_user`);
}
