import { QueryRunner } from 'typeorm';

/** The role that owns agencies_with_due_escalations (migration DueEscalationProbe). */
export const PROBE_ROLE = 'recruiting_sweep_probe';

/**
 * Runs `work` as a member of the probe role, which replacing, giving away or
 * dropping its function takes. A superuser is one already; any other owner
 * grants itself the role for the time of `work`, which takes the right to
 * grant it: CREATEROLE up to PostgreSQL 15, ADMIN OPTION on the role from 16
 * on (its creator has it).
 *
 * Outside the migrations' glob (migrations/*.ts), so it is not taken for one.
 */
export async function asProbeRoleMember(q: QueryRunner, work: () => Promise<unknown>): Promise<void> {
  const [{ rolsuper }] = await q.query(`SELECT rolsuper FROM pg_roles WHERE rolname = current_user`);
  if (rolsuper) return void (await work());
  try {
    await q.query(`GRANT ${PROBE_ROLE} TO current_user`);
  } catch (error) {
    throw new Error(
      `The owner of the migrations cannot take the role ${PROBE_ROLE} to change its function: ` +
        `grant it with ADMIN OPTION to this owner, as a superuser or the role's creator (${(error as Error).message})`,
    );
  }
  await work();
  await q.query(`REVOKE ${PROBE_ROLE} FROM current_user`);
}
