import { Injectable } from '@nestjs/common';
import { Clock } from '@lib/clock';
import { RequestContext } from '@lib/context';
import { NextStepsService } from '@lib/next-steps';
import { NotificationKick } from '@lib/notifications';
import { EscalationLevel } from '@lib/policy';

const LADDER_HEIGHT = Object.keys(EscalationLevel).length;

export interface RaisedEscalation {
  id: string;
  applicationId: string;
  level: string;
}

/**
 * Raises, in one statement, every escalation rung of the agency that has
 * fallen due, with its e-mail to the assignee and a webhook message per
 * agency webhook, in the caller's transaction: an escalation and its
 * notifications commit together or not at all. The rung key and the
 * notification keys make a duplicated, retried or concurrent run a no-op.
 */
const RAISE_DUE_RUNGS = `
  WITH due AS (
    SELECT n.agency_id, n.application_id, n.escalation_level, n.escalation_basis_at, n.escalation_due_at,
           n.escalation_reason, n.escalation_action, n.escalation_contact_id
      FROM application_next_steps n
     WHERE n.agency_id = $1 AND n.escalation_due_at <= $2
       AND ($3::uuid[] IS NULL OR n.application_id = ANY($3::uuid[]))
  ),
  raised AS (
    INSERT INTO escalations (agency_id, id, application_id, level, basis_at, due_at, reason, recommended_action,
                             contact_id, assignee_user_id, raised_at)
    SELECT d.agency_id, gen_random_uuid(), d.application_id, d.escalation_level, d.escalation_basis_at,
           d.escalation_due_at, d.escalation_reason, d.escalation_action, d.escalation_contact_id, c.counselor_id, $2
      FROM due d
      JOIN applications a ON a.agency_id = d.agency_id AND a.id = d.application_id
      JOIN candidates c ON c.agency_id = a.agency_id AND c.id = a.candidate_id
    ON CONFLICT ON CONSTRAINT escalations_rung_key DO NOTHING
    RETURNING agency_id, id, application_id, level, reason, recommended_action, assignee_user_id, raised_at
  ),
  described AS (
    SELECT r.*, c.full_name AS candidate_name, e.name AS employer_name, p.title AS position_title
      FROM raised r
      JOIN applications a ON a.agency_id = r.agency_id AND a.id = r.application_id
      JOIN candidates c ON c.agency_id = a.agency_id AND c.id = a.candidate_id
      JOIN positions p ON p.agency_id = a.agency_id AND p.id = a.position_id
      JOIN employers e ON e.agency_id = p.agency_id AND e.id = p.employer_id
  ),
  emailed AS (
    INSERT INTO notifications (agency_id, id, dedupe_key, kind, channel, recipient_user_id, target, subject, body,
                               payload, status, next_attempt_at, created_at)
    SELECT d.agency_id, gen_random_uuid(), 'escalation:' || d.id || ':email', 'escalation.raised', 'EMAIL',
           u.id, u.email,
           'Escalation: ' || d.candidate_name || ' at ' || d.employer_name,
           'The application of ' || d.candidate_name || ' for ' || d.position_title || ' at ' || d.employer_name
             || E' needs you.\\n\\nWhy: ' || d.reason || E'\\nWhat to do: ' || d.recommended_action || E'\\n',
           jsonb_build_object('escalationId', d.id, 'applicationId', d.application_id, 'level', d.level),
           'PENDING', $2, $2
      FROM described d
      JOIN users u ON u.agency_id = d.agency_id AND u.id = d.assignee_user_id
    ON CONFLICT ON CONSTRAINT notifications_dedupe_key DO NOTHING
  ),
  hooked AS (
    INSERT INTO notifications (agency_id, id, dedupe_key, kind, channel, webhook_id, target, subject, body,
                               payload, status, next_attempt_at, created_at)
    SELECT d.agency_id, gen_random_uuid(), 'escalation:' || d.id || ':webhook:' || w.id, 'escalation.raised',
           'WEBHOOK', w.id, w.url, 'escalation.raised', '',
           jsonb_build_object('type', 'escalation.raised', 'timestamp', d.raised_at, 'data', jsonb_build_object(
             'escalationId', d.id, 'applicationId', d.application_id, 'level', d.level, 'reason', d.reason,
             'recommendedAction', d.recommended_action, 'assigneeUserId', d.assignee_user_id)),
           'PENDING', $2, $2
      FROM described d
      JOIN agency_webhooks w ON w.agency_id = d.agency_id
    ON CONFLICT ON CONSTRAINT notifications_dedupe_key DO NOTHING
  )
  SELECT id, application_id AS "applicationId", level FROM raised`;

@Injectable()
export class EscalationRaiser {
  constructor(
    private readonly clock: Clock,
    private readonly nextSteps: NextStepsService,
    private readonly kick: NotificationKick,
  ) {}

  /**
   * Raises the agency's due rungs (or only those of `applicationIds`), then
   * moves the raised applications on to their next rung, in the same
   * transaction: a sweep killed half-way leaves nothing half-done.
   */
  async raiseDue(ctx: RequestContext, applicationIds: string[] | null = null): Promise<RaisedEscalation[]> {
    const all: RaisedEscalation[] = [];
    // An application silent for long has several rungs due at once: each round raises one per application.
    for (let round = 0; round < LADDER_HEIGHT; round++) {
      const raised = await ctx.query<RaisedEscalation>(RAISE_DUE_RUNGS, [
        ctx.agencyId,
        this.clock.now(),
        applicationIds,
      ]);
      if (raised.length === 0) break;
      all.push(...raised);
      const touched = [...new Set(raised.map((row) => row.applicationId))];
      await this.nextSteps.recomputeMany(ctx, touched);
      applicationIds = touched;
    }
    if (all.length > 0) this.kick.afterCommit(ctx);
    return all;
  }
}
