import { MigrationInterface, QueryRunner } from 'typeorm';
import { asProbeRoleMember, PROBE_ROLE } from './support/as-probe-role-owner';

/**
 * The sweep's probe names an agency for its notifications only when one is
 * due for an attempt (`next_attempt_at <= now`), not whenever one is PENDING.
 * A PENDING notification not due yet is either held by a delivery run (its
 * lease) or waiting for a retry, and its own delayed delivery job is set for
 * then; should that job be lost, the sweep still catches it the moment it
 * falls due. Before, an agency with a message waiting hours for a retry got a
 * job and a transaction in every quarter-hourly sweep until then.
 *
 * The probe role may now also read `next_attempt_at`; the partial index
 * notifications_pending_idx (agency_id, next_attempt_at) WHERE PENDING
 * answers the new test with the same one index probe per agency.
 */
const PROBE = (dueOnly: boolean) => `
  CREATE OR REPLACE FUNCTION agencies_with_due_escalations(p_now timestamptz) RETURNS SETOF uuid
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
    AS $$
      DECLARE
        agency uuid;
      BEGIN
        FOR agency IN SELECT id FROM agency_ids() AS a(id) LOOP
          IF EXISTS (SELECT 1 FROM application_next_steps
                      WHERE agency_id = agency AND escalation_due_at <= p_now)
             OR EXISTS (SELECT 1 FROM notifications
                         WHERE agency_id = agency AND status = 'PENDING'${dueOnly ? ' AND next_attempt_at <= p_now' : ''}) THEN
            RETURN NEXT agency;
          END IF;
        END LOOP;
      END
    $$`;

export class DueDeliveryProbe1796500000000 implements MigrationInterface {
  name = 'DueDeliveryProbe1796500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`GRANT SELECT (next_attempt_at) ON notifications TO ${PROBE_ROLE}`);
    await asProbeRoleMember(q, () => q.query(PROBE(true)));
  }

  async down(q: QueryRunner): Promise<void> {
    await asProbeRoleMember(q, () => q.query(PROBE(false)));
    await q.query(`REVOKE SELECT (next_attempt_at) ON notifications FROM ${PROBE_ROLE}`);
  }
}
