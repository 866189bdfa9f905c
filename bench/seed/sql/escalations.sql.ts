import { KEEP_WARM } from '@lib/policy';
import {
  at,
  chance,
  dayWords,
  hashOf,
  literal,
  MINUTES_PER_DAY,
  NOW_T,
  timestamp,
  timestampOrNull,
  uuidOf,
} from './fragments';
import { cadenceHash, cadenceTime, ESCALATE_AFTER_DAYS, OUT_OF_RUNNING_AFTER_DAYS } from './follow-ups.sql';

export const HIRING_MANAGER_ACTION =
  'Go around HR to the hiring manager, who feels the pain of the empty seat, sees how the skills transfer and has ' +
  'the urgency; press the strengths from the debrief (000).';
const VISIT_ACTION =
  'Visit the hiring manager in person early in the morning, at lunchtime or at the end of the day, not on a Monday ' +
  'or Friday; if they are unavailable, leave a note with a resume (003).';
const LETTER_ACTION =
  'Send the hiring manager a closing letter restating the interest and the strengths, and ask to be kept in mind (003).';
/**
 * The rungs the sweep raised in each silence (see PHASE_TABLE), in the
 * engine's words. A silence the employer broke has its rungs settled when
 * the answer came (EMPLOYER_ANSWERED, or APPLICATION_CLOSED when it closed
 * the application); the counselor closed the out-of-the-running rung by
 * marking the application so. Rungs of the current silence are open, but
 * for some hiring-manager rungs a counselor dismissed the day after.
 */
export const LADDER_TABLE = `
  CREATE TEMP TABLE bench_escalation ON COMMIT DROP AS
  SELECT e.*,
         CASE WHEN e.end_kind = 'NOW' THEN
                CASE WHEN e.level = 'HIRING_MANAGER' AND e.dismissed THEN e.raised_t + ${MINUTES_PER_DAY} + 60 END
              ELSE e.end_t + 5 END AS resolved_t,
         CASE WHEN e.end_kind = 'NOW' THEN CASE WHEN e.level = 'HIRING_MANAGER' AND e.dismissed THEN 'DISMISSED' END
              WHEN e.end_kind = 'OUT_OF_RUNNING' AND e.level = 'OUT_OF_RUNNING' THEN 'DONE'
              WHEN e.end_kind IN ('REJECTED', 'OFFER_WRITTEN', 'WITHDRAWN', 'OUT_OF_RUNNING') THEN 'APPLICATION_CLOSED'
              ELSE 'EMPLOYER_ANSWERED' END AS resolution
    FROM (
      SELECT p.agency_no, p.application_id, p.counselor_id, p.end_kind, p.end_t, v.level, p.start_t AS basis_t, v.due_t,
             v.due_t + p.sweep_minutes AS raised_t, v.reason, v.action, v.contact_id,
             ${chance(hashOf(`p.application_id::text || ':dismissed'`), 0, 0.15)}
               AND ${at(`p.start_day + ${ESCALATE_AFTER_DAYS + 1}`, 60)} + p.sweep_minutes < ${NOW_T} AS dismissed
        FROM bench_phase p JOIN bench_agency g USING (agency_no)
       CROSS JOIN LATERAL (VALUES
         ('HIRING_MANAGER', ${at(`p.start_day + ${ESCALATE_AFTER_DAYS}`, 0)},
          'No answer for ${ESCALATE_AFTER_DAYS} working days since '
            || CASE p.start_kind WHEN 'INTERVIEW' THEN 'the interview' ELSE 'the last reply from the employer' END
            || ' on ' || ${dayWords('g.monday', 'p.start_t')} || '.',
          ${literal(HIRING_MANAGER_ACTION)}, p.hm_id, true),
         (CASE WHEN p.is_local THEN 'VISIT' ELSE 'CLOSING_LETTER' END,
          ${cadenceTime(cadenceHash('p', 'p.first_attempt_day + 14'), 'p.first_attempt_day + 14')},
          '3 attempts to reach the hiring manager since the escalation on '
            || ${dayWords('g.monday', at(`p.start_day + ${ESCALATE_AFTER_DAYS}`, 0))} || ' got no answer.',
          CASE WHEN p.is_local THEN ${literal(VISIT_ACTION)} ELSE ${literal(LETTER_ACTION)} END, p.hm_id,
          p.first_attempt_day + 14 < p.cadence_end),
         ('OUT_OF_RUNNING', ${at('p.out_of_running_day', 0)},
          CASE WHEN p.out_of_running_day < p.start_day + ${OUT_OF_RUNNING_AFTER_DAYS}
               THEN 'Everything was tried: the last resort on ' || ${dayWords('g.monday', at('p.last_resort_day', 0))}
                    || ' got no answer either.' ELSE
          'No answer for ${OUT_OF_RUNNING_AFTER_DAYS - ESCALATE_AFTER_DAYS} working days after the escalation to the hiring manager (silence since '
            || CASE p.start_kind WHEN 'INTERVIEW' THEN 'the interview' ELSE 'the last reply from the employer' END
            || ' on ' || ${dayWords('g.monday', 'p.start_t')} || ').' END,
          ${literal(KEEP_WARM)}, NULL::uuid, p.out_of_running_raised)
       ) AS v(level, due_t, reason, action, contact_id, raised)
       WHERE p.hm_day IS NOT NULL AND v.raised
    ) e`;

export const INSERT_ESCALATIONS = `
  INSERT INTO escalations (agency_id, id, application_id, level, basis_at, due_at, reason, recommended_action, contact_id,
                           assignee_user_id, raised_at, resolved_at, resolution, resolution_notes, resolved_by_user_id)
  SELECT g.agency_id, ${uuidOf(`e.application_id::text || ':escalation:' || e.level || ':' || e.basis_t`)}, e.application_id,
         e.level, ${timestamp('g.monday', 'g.tz', 'e.basis_t')}, ${timestamp('g.monday', 'g.tz', 'e.due_t')}, e.reason,
         e.action, e.contact_id, e.counselor_id, ${timestamp('g.monday', 'g.tz', 'e.raised_t')},
         ${timestampOrNull('g.monday', 'g.tz', 'e.resolved_t')}, e.resolution,
         CASE e.resolution WHEN 'DISMISSED' THEN 'Spoke to the hiring manager at an industry event; decision after the budget review'
                           WHEN 'DONE' THEN 'Told the candidate; keeping in touch with the employer' END,
         CASE WHEN e.resolution IN ('DISMISSED', 'DONE') THEN e.counselor_id END
    FROM bench_escalation e JOIN bench_agency g USING (agency_no)`;
