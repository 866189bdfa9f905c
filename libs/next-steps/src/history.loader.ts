import { RequestContext } from '@lib/context';
import { Stage } from '@lib/pipeline';
import {
  ApplicationHistory,
  Channel,
  DelayReason,
  ContactRole,
  Direction,
  EscalationLevel,
  HistoryContact,
  Outcome,
  Purpose,
  ReferenceSignalKind,
  ResponseKind,
} from '@lib/policy';

interface ApplicationRow {
  id: string;
  employer_id: string;
  stage: Stage;
  stage_changed_at: Date;
  submitted_at: Date;
  interest_level: number;
  timezone: string;
  is_local: boolean;
}

/**
 * Reads the histories of many applications at once, in a fixed number of
 * queries whatever their count: the engine's input for a request's one
 * application and for a sweep's thousands alike.
 */
export async function loadHistories(
  ctx: RequestContext,
  applicationIds: readonly string[],
): Promise<Map<string, ApplicationHistory>> {
  const histories = new Map<string, ApplicationHistory>();
  if (applicationIds.length === 0) return histories;
  const ids = [...new Set(applicationIds)];
  const args = [ctx.agencyId, ids];

  const applications = await ctx.query<ApplicationRow>(
    `SELECT a.id, p.employer_id, a.stage, a.stage_changed_at, a.interest_level, e.timezone, e.is_local,
            coalesce((SELECT min(s.changed_at) FROM application_stage_changes s
                       WHERE s.agency_id = a.agency_id AND s.application_id = a.id), a.created_at) AS submitted_at
       FROM applications a
       JOIN positions p ON p.agency_id = a.agency_id AND p.id = a.position_id
       JOIN employers e ON e.agency_id = p.agency_id AND e.id = p.employer_id
      WHERE a.agency_id = $1 AND a.id = ANY($2::uuid[])`,
    args,
  );
  const employerIds = [...new Set(applications.map((row) => row.employer_id))];
  const [contacts, interviews, debriefs, followUps, signals, escalations] = await Promise.all([
    ctx.query<HistoryContact & { employerId: string }>(
      `SELECT id, employer_id AS "employerId", full_name AS "fullName", role, is_designated_contact AS "isDesignatedContact"
         FROM employer_contacts WHERE agency_id = $1 AND employer_id = ANY($2::uuid[]) ORDER BY created_at, id`,
      [ctx.agencyId, employerIds],
    ),
    ctx.query<{ applicationId: string; occurredAt: Date; arrangedByAgency: boolean; interviewerContactIds: string[] }>(
      `SELECT i.application_id AS "applicationId", i.occurred_at AS "occurredAt", i.arranged_by_agency AS "arrangedByAgency",
              coalesce(array_agg(ii.contact_id) FILTER (WHERE ii.contact_id IS NOT NULL), '{}') AS "interviewerContactIds"
         FROM interviews i
         LEFT JOIN interview_interviewers ii ON ii.agency_id = i.agency_id AND ii.interview_id = i.id
        WHERE i.agency_id = $1 AND i.application_id = ANY($2::uuid[])
        GROUP BY i.agency_id, i.id ORDER BY i.occurred_at`,
      args,
    ),
    ctx.query<{
      applicationId: string;
      heldAt: Date;
      promisedDecisionAt: Date | null;
      designatedContactId: string | null;
      slotAt: Date | null;
      bestWay: string | null;
    }>(
      `SELECT application_id AS "applicationId", held_at AS "heldAt", promised_decision_at AS "promisedDecisionAt",
              designated_contact_id AS "designatedContactId", call_permission_slot_at AS "slotAt",
              call_permission_best_way AS "bestWay"
         FROM debriefs WHERE agency_id = $1 AND application_id = ANY($2::uuid[]) ORDER BY held_at`,
      args,
    ),
    ctx.query<{
      applicationId: string;
      occurredAt: Date;
      contactId: string;
      contactRole: ContactRole;
      channel: Channel;
      purpose: Purpose;
      outcome: Outcome;
      direction: Direction;
      responseKind: ResponseKind | null;
      newDecisionAt: Date | null;
      resumeAt: Date | null;
      delayReason: DelayReason | null;
    }>(
      `SELECT f.application_id AS "applicationId", f.occurred_at AS "occurredAt", f.contact_id AS "contactId",
              c.role AS "contactRole", f.channel, f.purpose, f.outcome, f.direction,
              f.response_kind AS "responseKind", f.response_new_decision_at AS "newDecisionAt",
              f.response_resume_at AS "resumeAt", f.response_delay_reason AS "delayReason"
         FROM follow_ups f
         JOIN employer_contacts c ON c.agency_id = f.agency_id AND c.id = f.contact_id
        WHERE f.agency_id = $1 AND f.application_id = ANY($2::uuid[]) ORDER BY f.occurred_at, f.created_at`,
      args,
    ),
    ctx.query<{ applicationId: string; kind: ReferenceSignalKind; occurredAt: Date }>(
      `SELECT application_id AS "applicationId", kind, occurred_at AS "occurredAt"
         FROM reference_signals WHERE agency_id = $1 AND application_id = ANY($2::uuid[]) ORDER BY occurred_at`,
      args,
    ),
    ctx.query<{
      applicationId: string;
      level: EscalationLevel;
      basisAt: Date;
      raisedAt: Date;
      resolvedAt: Date | null;
    }>(
      `SELECT application_id AS "applicationId", level, basis_at AS "basisAt", raised_at AS "raisedAt",
              resolved_at AS "resolvedAt"
         FROM escalations WHERE agency_id = $1 AND application_id = ANY($2::uuid[]) ORDER BY raised_at`,
      args,
    ),
  ]);

  const contactsByEmployer = new Map<string, HistoryContact[]>();
  for (const { employerId, ...contact } of contacts) {
    const known = contactsByEmployer.get(employerId);
    if (known) known.push(contact);
    else contactsByEmployer.set(employerId, [contact]);
  }
  for (const row of applications) {
    histories.set(row.id, {
      stage: row.stage,
      stageChangedAt: row.stage_changed_at,
      submittedAt: row.submitted_at,
      interestLevel: row.interest_level,
      employer: { timezone: row.timezone, isLocal: row.is_local },
      // A copy each: the plans of two applications with one employer must not share a list.
      contacts: [...(contactsByEmployer.get(row.employer_id) ?? [])],
      interviews: [],
      debriefs: [],
      followUps: [],
      referenceSignals: [],
      escalations: [],
    });
  }
  for (const { applicationId, ...interview } of interviews) histories.get(applicationId)?.interviews.push(interview);
  for (const { applicationId, slotAt, bestWay, ...debrief } of debriefs) {
    histories.get(applicationId)?.debriefs.push({
      ...debrief,
      callPermission: slotAt ? { slotAt, bestWayToReach: bestWay ?? '' } : null,
    });
  }
  for (const { applicationId, ...followUp } of followUps) histories.get(applicationId)?.followUps.push(followUp);
  for (const { applicationId, ...signal } of signals) histories.get(applicationId)?.referenceSignals.push(signal);
  for (const { applicationId, ...escalation } of escalations)
    histories.get(applicationId)?.escalations.push(escalation);
  return histories;
}
