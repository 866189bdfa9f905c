import { ACTION_WORDS, KEEP_WARM } from '@lib/policy';
import {
  at,
  chance,
  contactSlot,
  dayOf,
  dayWords,
  literal,
  list,
  NOW_DAY,
  NOW_T,
  rehash,
  timestamp,
  timestampOrNull,
} from './fragments';
import { HIRING_MANAGER_ACTION } from './escalations.sql';
import { ESCALATE_AFTER_DAYS, OUT_OF_RUNNING_AFTER_DAYS } from './follow-ups.sql';
import { CAMPAIGN_STAGES } from './story.sql';

const actionWords = (action: string) =>
  `CASE ${action} ${Object.entries(ACTION_WORDS)
    .map(([key, words]) => `WHEN ${literal(key)} THEN ${literal(words)}`)
    .join(' ')} END`;

/** Anything the employer said (the engine's isExchange). */
const EXCHANGE = `x.direction = 'INBOUND' OR x.outcome = 'REPLIED' OR x.response_kind IS NOT NULL`;

/** Stages with an escalation ladder (the overdue rung only, before an interview). */
const LADDER_STAGES = [...CAMPAIGN_STAGES, 'SUBMITTED'];
const day = (t: string) => dayWords('b.monday', t);
const what = `CASE WHEN b.reply_t >= b.last_interview_t THEN 'the last reply from the employer' ELSE 'the interview' END`;
const designated = 'coalesce(b.designated_id, b.hr_id)';

/**
 * Each application's next step, as the engine's rules would choose it from
 * the generated history (libs/policy next-step.ts, in its order): closed
 * and won applications have none, a rejection wants its closing thanks, a
 * hold waits for its date, an open ladder escalation comes first, then the
 * thank-you, the HR e-mail, an agreed call, a passed promise, a long
 * silence's low-pressure check, else the regular status check. Due times
 * are the engine's: the first contact window (08:00) of a contact day
 * (Tuesday to Thursday) past the stalker guard's gap, or the end of business
 * (18:00); rungs fall due at the start of a working day. Reasons are in the
 * engine's words. Holidays are not skipped, the one difference left.
 */
export const NEXT_TABLE = `
  CREATE TEMP TABLE bench_next ON COMMIT DROP AS
  SELECT b.*, a.action, n.due_t, n.contact_id, n.reason
    FROM (
      -- The attempts since the employer's last reply, which cool the temperature: a hash join, not a window's sort.
      WITH replies AS (
        SELECT x.application_id, max(x.t) FILTER (WHERE ${EXCHANGE}) AS reply_t FROM bench_follow_up x GROUP BY 1),
      unanswered AS (
        SELECT x.application_id, count(*)::int AS unanswered
          FROM bench_follow_up x JOIN replies r USING (application_id)
         WHERE x.outcome IN ('NO_ANSWER', 'BLOCKED_BY_GATEKEEPER') AND (r.reply_t IS NULL OR x.t > r.reply_t)
         GROUP BY 1)
      SELECT s.agency_no, g.monday, s.application_id, s.ckey, s.h4, s.counselor_id, s.final, s.interest, s.ts, s.len,
             s.interviewed, s.last_interview_t, s.hr_id, s.hm_id, s.designated_id, s.resume_t, s.sweep_minutes,
             s.req_t, s.contacted_t, s.completed_t,
             f.reply_t, f.out_t, f.check_t, f.phone_t, f.thanks_t, f.hr_t, f.closing_t, f.last_resort_t, f.delay_reason, f.last_t,
             coalesce(u.unanswered, 0) AS unanswered, d.slot_t, e.open_level, e.open_raised_t, e.hm_basis_t, e.oor_basis_t,
             e.last_raised_t,
             CASE WHEN s.interviewed THEN greatest(s.last_interview_t, f.reply_t) END AS basis_t,
             greatest(d.promised_t, f.decision_t) AS promise_t
        FROM bench_story s JOIN bench_agency g USING (agency_no)
        LEFT JOIN unanswered u USING (application_id)
        LEFT JOIN (
          SELECT x.application_id, max(x.t) FILTER (WHERE ${EXCHANGE}) AS reply_t,
                 max(x.t) FILTER (WHERE x.direction = 'OUTBOUND') AS out_t,
                 max(x.t) FILTER (WHERE x.direction = 'OUTBOUND' AND x.purpose <> 'THANK_YOU') AS check_t,
                 max(x.t) FILTER (WHERE x.direction = 'OUTBOUND' AND x.channel = 'PHONE') AS phone_t,
                 max(x.t) FILTER (WHERE x.purpose = 'THANK_YOU') AS thanks_t,
                 max(x.t) FILTER (WHERE x.direction = 'OUTBOUND' AND x.purpose <> 'THANK_YOU' AND x.contact_role = 'HR') AS hr_t,
                 max(x.t) FILTER (WHERE x.purpose = 'CLOSING_THANKS') AS closing_t,
                 max(x.t) FILTER (WHERE x.purpose IN ('VISIT', 'INTEREST_LETTER')) AS last_resort_t,
                 max(x.new_decision_t) AS decision_t, max(x.delay_reason) AS delay_reason, max(x.t) AS last_t
            FROM bench_follow_up x
           GROUP BY x.application_id
        ) f USING (application_id)
        LEFT JOIN (SELECT application_id, max(promised_t) AS promised_t, max(slot_t) AS slot_t
                     FROM bench_interview WHERE has_debrief GROUP BY application_id) d USING (application_id)
        LEFT JOIN (
          SELECT application_id,
                 (array_agg(level ORDER BY CASE level WHEN 'HIRING_MANAGER' THEN 1 WHEN 'OUT_OF_RUNNING' THEN 3 ELSE 2 END DESC,
                            raised_t DESC) FILTER (WHERE resolved_t IS NULL))[1] AS open_level,
                 max(raised_t) FILTER (WHERE resolved_t IS NULL) AS open_raised_t,
                 max(basis_t) FILTER (WHERE level = 'HIRING_MANAGER') AS hm_basis_t,
                 max(basis_t) FILTER (WHERE level = 'OUT_OF_RUNNING') AS oor_basis_t,
                 max(raised_t) AS last_raised_t
            FROM bench_escalation GROUP BY application_id
        ) e USING (application_id)
    ) b
   CROSS JOIN LATERAL (
     SELECT CASE
              WHEN b.final IN ('OFFER_WRITTEN', 'PLACED', 'WITHDRAWN', 'OUT_OF_RUNNING') THEN 'NONE'
              WHEN b.final = 'REJECTED' THEN CASE WHEN b.closing_t >= b.ts[b.len] THEN 'NONE' ELSE 'SEND_CLOSING_THANKS' END
              WHEN b.final = 'ON_HOLD' THEN 'RESUME_AFTER_HOLD'
              WHEN NOT b.interviewed THEN 'STATUS_CHECK'
              WHEN b.open_level = 'HIRING_MANAGER' THEN 'ESCALATE_TO_HIRING_MANAGER'
              WHEN b.open_level IN ('VISIT', 'CLOSING_LETTER') THEN b.open_level
              WHEN b.open_level = 'OUT_OF_RUNNING' THEN 'MARK_OUT_OF_RUNNING'
              WHEN b.thanks_t IS NULL OR b.thanks_t < b.last_interview_t THEN 'SEND_THANK_YOU'
              WHEN (b.hr_t IS NULL OR b.hr_t < b.last_interview_t) AND (b.reply_t IS NULL OR b.reply_t < b.last_interview_t)
                THEN 'EMAIL_HR_STATUS'
              WHEN b.slot_t >= b.last_interview_t AND (b.phone_t IS NULL OR b.slot_t > b.phone_t)
                   AND (b.reply_t IS NULL OR b.slot_t > b.reply_t) THEN 'CALL_AT_PERMISSION'
              WHEN b.promise_t < ${NOW_T} AND (b.reply_t IS NULL OR b.reply_t <= b.promise_t)
                   AND b.last_interview_t <= b.promise_t THEN 'CALL_PROMISED_DATE_PASSED'
              WHEN ${NOW_DAY} - ${dayOf('b.basis_t')} >= 30 THEN 'LOW_PRESSURE_CHECK'
              ELSE 'STATUS_CHECK' END AS action
     OFFSET 0) a
   CROSS JOIN LATERAL (
     SELECT CASE a.action
              WHEN 'NONE' THEN NULL
              WHEN 'SEND_CLOSING_THANKS' THEN ${at(`${dayOf('b.ts[b.len]')} + 1`, 1080)}
              WHEN 'RESUME_AFTER_HOLD' THEN ${contactSlot(dayOf('b.resume_t'), 'NULL::int')}
              WHEN 'ESCALATE_TO_HIRING_MANAGER' THEN ${contactSlot(dayOf('b.open_raised_t'), 'b.check_t')}
              WHEN 'VISIT' THEN ${contactSlot(dayOf('b.open_raised_t'), 'b.check_t')}
              WHEN 'CLOSING_LETTER' THEN ${contactSlot(dayOf('b.open_raised_t'), 'b.check_t')}
              WHEN 'MARK_OUT_OF_RUNNING' THEN b.open_raised_t
              WHEN 'SEND_THANK_YOU' THEN ${at(`${dayOf('b.last_interview_t')} + 1`, 1080)}
              WHEN 'EMAIL_HR_STATUS' THEN ${contactSlot(`${dayOf('b.last_interview_t')} + 2`, 'b.check_t')}
              WHEN 'CALL_AT_PERMISSION' THEN b.slot_t
              WHEN 'CALL_PROMISED_DATE_PASSED' THEN ${contactSlot(`${dayOf('b.promise_t')} + 1`, 'b.check_t')}
              WHEN 'LOW_PRESSURE_CHECK' THEN ${contactSlot(`greatest(${dayOf('b.basis_t')}, ${dayOf('b.out_t')}) + 10`, 'b.check_t')}
              WHEN 'STATUS_CHECK' THEN CASE WHEN b.interviewed
                THEN ${contactSlot(`greatest(${dayOf('b.basis_t')}, ${dayOf('b.check_t')}) + 7`, 'b.check_t')}
                ELSE ${contactSlot(`greatest(${dayOf('b.ts[1]')}, ${dayOf('b.out_t')}) + 7`, 'b.check_t')} END
            END AS due_t,
            CASE WHEN a.action IN ('NONE', 'MARK_OUT_OF_RUNNING') THEN NULL
                 WHEN a.action IN ('SEND_CLOSING_THANKS', 'ESCALATE_TO_HIRING_MANAGER', 'VISIT', 'CLOSING_LETTER', 'SEND_THANK_YOU')
                   THEN b.hm_id
                 WHEN a.action = 'EMAIL_HR_STATUS' OR NOT b.interviewed THEN b.hr_id
                 ELSE ${designated} END AS contact_id,
            CASE a.action
              WHEN 'NONE' THEN CASE b.final
                WHEN 'OFFER_WRITTEN' THEN 'The written offer is in: the campaign is over (003).'
                WHEN 'PLACED' THEN 'The candidate is placed: the campaign is over.'
                WHEN 'WITHDRAWN' THEN 'The candidate withdrew: no more follow-ups on this application.'
                WHEN 'OUT_OF_RUNNING' THEN 'Out of the running: no more follow-ups on this application; keep the relationship warm for future openings (003).'
                ELSE 'Rejected; the closing thanks went out on ' || ${day('b.closing_t')} || '. The contact stays warm for future openings (002).'
                END
              WHEN 'SEND_CLOSING_THANKS' THEN 'Rejected on ' || ${day('b.ts[b.len]')}
                || ': thank the hiring manager and ask to be considered for future openings by the end of '
                || ${day(`${at(`${dayOf('b.ts[b.len]')} + 1`, 0)}`)} || '; never burn the bridge (002).'
              WHEN 'RESUME_AFTER_HOLD' THEN 'Paused: the employer announced a delay ('
                || lower(replace(coalesce(b.delay_reason, 'PROCESS'), '_', ' ')) || ') until ' || ${day('b.resume_t')}
                || '. Resume the follow-ups then (004).'
              WHEN 'ESCALATE_TO_HIRING_MANAGER' THEN 'Escalated on ' || ${day('b.open_raised_t')} || ' after silence since '
                || ${what} || ' on ' || ${day('b.basis_t')}
                || ': go around HR to the hiring manager, who feels the pain of the empty seat and has the urgency (000).'
              WHEN 'VISIT' THEN 'Escalated on ' || ${day('b.open_raised_t')} || ' after silence since ' || ${what} || ' on '
                || ${day('b.basis_t')} || ': visit in person early in the morning, at lunchtime or at the end of the day (003).'
              WHEN 'CLOSING_LETTER' THEN 'Escalated on ' || ${day('b.open_raised_t')} || ' after silence since ' || ${what}
                || ' on ' || ${day('b.basis_t')} || ': send the hiring manager a closing letter restating the interest (003).'
              WHEN 'MARK_OUT_OF_RUNNING' THEN 'Escalated on ' || ${day('b.open_raised_t')}
                || ': everything was tried: mark the application out of the running and keep the relationship warm (003).'
              WHEN 'SEND_THANK_YOU' THEN 'Interview on ' || ${day('b.last_interview_t')}
                || ': send the thank-you to the hiring manager by the end of the next working day (002 step one).'
              WHEN 'EMAIL_HR_STATUS' THEN '2 working days after the interview on ' || ${day('b.last_interview_t')}
                || ': e-mail HR asking when a decision will be made and offering anything else that helps (002 step two).'
              WHEN 'CALL_AT_PERMISSION' THEN 'Call the designated contact at the agreed time, ' || ${day('b.slot_t')}
                || ', and say they asked to be called then (003).'
              WHEN 'CALL_PROMISED_DATE_PASSED' THEN 'A decision was promised for ' || ${day('b.promise_t')}
                || ' and no news has come: call the designated contact (003).'
              WHEN 'LOW_PRESSURE_CHECK' THEN 'No news for ' || (${NOW_DAY} - ${dayOf('b.basis_t')}) || ' working days since '
                || ${what} || ' on ' || ${day('b.basis_t')}
                || ': do not assume the candidate is out; keep a low-pressure contact every 10 working days (001).'
              WHEN 'STATUS_CHECK' THEN CASE WHEN b.interviewed
                THEN 'Regular status check with the designated contact every 7 working days until a decision, counted from '
                     || ${what} || ' on ' || ${day('b.basis_t')} || ' (001, 004).'
                ELSE 'No interview yet: check the status with HR every 7 working days, counted from the submission on '
                     || ${day('b.ts[1]')} || ' (001, 004).' END
            END AS reason
     OFFSET 0) n`;

/**
 * The overdue rung of steps left undone for more than the grace (2 working
 * days): raised for seven in ten, the rest left due as a sweep backlog.
 */
export const INSERT_OVERDUE = `
  INSERT INTO bench_escalation (agency_no, application_id, counselor_id, end_kind, end_t, level, basis_t, due_t, raised_t,
                                reason, action, contact_id, dismissed, resolved_t, resolution)
  SELECT n.agency_no, n.application_id, n.counselor_id, 'NOW', ${NOW_T}, 'NEXT_STEP_OVERDUE', n.due_t,
         ${at(`${dayOf('n.due_t')} + 2`, 0)}, ${at(`${dayOf('n.due_t')} + 2`, 0)} + n.sweep_minutes,
         ${actionWords('n.action')} || ' was due ' || ${dayWords('n.monday', 'n.due_t')} || ' and is not logged yet.',
         'Do it and log it, or tell the candidate: ' || n.reason, n.contact_id, false, NULL, NULL
    FROM bench_next n
   WHERE n.final IN (${list(LADDER_STAGES)}) AND n.action <> 'NONE'
     AND ${at(`${dayOf('n.due_t')} + 2`, 0)} + n.sweep_minutes < ${NOW_T} AND ${chance(rehash('n.h4'), 0, 0.7)}`;

const rungReason = (level: string) =>
  ({
    NEXT_STEP_OVERDUE: `${actionWords('n.action')} || ' was due ' || ${dayWords('n.monday', 'n.due_t')} || ' and is not logged yet.'`,
    HIRING_MANAGER: `'No answer for ${ESCALATE_AFTER_DAYS} working days since ' || ${what.replaceAll('b.', 'n.')} || ' on ' || ${dayWords('n.monday', 'n.basis_t')} || '.'`,
    OUT_OF_RUNNING: `'No answer for ${OUT_OF_RUNNING_AFTER_DAYS - ESCALATE_AFTER_DAYS} working days after the escalation to the hiring manager (silence since ' || ${dayWords('n.monday', 'n.basis_t')} || ').'`,
  })[level]!;

const silenceBasis = 'coalesce(n.basis_t, n.ts[1])';
const silentDays = `(${NOW_DAY} - ${dayOf(silenceBasis)})`;

/**
 * The terms of an open application's temperature (libs/policy temperature.ts):
 * points (an SQL expression, 0 when the term does not apply) and the words
 * of its reason.
 */
const TEMPERATURE: { name: string; points: string; words: string }[] = [
  { name: 'open', points: '50', words: `'Open application'` },
  { name: 'interest', points: '(n.interest - 3) * 5', words: `'Candidate''s interest ' || n.interest || ' of 5'` },
  {
    name: 'stage',
    points: `CASE n.final WHEN 'OFFER_VERBAL' THEN 20 WHEN 'REFERENCE_CHECK' THEN 10 ELSE 0 END`,
    words: `CASE n.final WHEN 'OFFER_VERBAL' THEN 'Verbal offer' ELSE 'Reference check under way' END`,
  },
  {
    name: 'requested',
    points: 'CASE WHEN n.req_t IS NOT NULL THEN 15 ELSE 0 END',
    words: `'References requested on ' || ${dayWords('n.monday', 'n.req_t')}`,
  },
  {
    name: 'contacted',
    points: 'CASE WHEN n.contacted_t IS NOT NULL THEN 10 ELSE 0 END',
    words: `'A referee was contacted on ' || ${dayWords('n.monday', 'n.contacted_t')}`,
  },
  {
    name: 'completed',
    points: 'CASE WHEN n.completed_t IS NOT NULL THEN 10 ELSE 0 END',
    words: `'Reference check completed on ' || ${dayWords('n.monday', 'n.completed_t')}`,
  },
  {
    name: 'promised',
    points: `CASE WHEN n.promise_t > ${NOW_T} THEN 10 ELSE 0 END`,
    words: `'Decision promised by ' || ${dayWords('n.monday', 'n.promise_t')}`,
  },
  {
    name: 'replied',
    points: `CASE WHEN ${NOW_DAY} - ${dayOf('n.reply_t')} <= 5 THEN 10 ELSE 0 END`,
    words: `'The employer replied on ' || ${dayWords('n.monday', 'n.reply_t')}`,
  },
  {
    name: 'silence',
    points: `-least(40, 2 * greatest(0, ${silentDays} - 5))`,
    words:
      `'No real exchange for ' || ${silentDays} || ' working days since ' || ` +
      `CASE WHEN n.basis_t IS NULL THEN 'the submission' ELSE ${what.replaceAll('b.', 'n.')} END || ' on ' || ` +
      dayWords('n.monday', silenceBasis),
  },
  {
    name: 'unanswered',
    points: '-least(15, 5 * n.unanswered)',
    words: `n.unanswered || ' unanswered or blocked attempt' || CASE WHEN n.unanswered = 1 THEN '' ELSE 's' END || ' since the last reply'`,
  },
  {
    name: 'escalated',
    points: '-least(20, 10 * coalesce(e.open_count, 0))',
    words: `coalesce(e.open_count, 0) || ' open escalation' || CASE WHEN e.open_count = 1 THEN '' ELSE 's' END`,
  },
  {
    name: 'paused',
    points: `CASE WHEN n.final = 'ON_HOLD' THEN -10 ELSE 0 END`,
    words: `'Paused by the employer until ' || ${dayWords('n.monday', 'n.resume_t')}`,
  },
];

const signedPoints = (points: string) => `CASE WHEN ${points} > 0 THEN '+' ELSE '' END || ${points}`;
const reason = (points: string, words: string) =>
  `jsonb_build_object('points', ${points}, 'text', ${words} || ' (' || ${signedPoints(points)} || ')')`;

/** Won and lost applications have a fixed temperature with a single reason (the engine's closed()). */
const WON = `CASE n.final WHEN 'PLACED' THEN 'Placed' WHEN 'OFFER_WRITTEN' THEN 'Written offer in hand' END`;
const LOST = `CASE n.final WHEN 'REJECTED' THEN 'Rejected' WHEN 'WITHDRAWN' THEN 'Withdrawn' WHEN 'OUT_OF_RUNNING' THEN 'Out of the running' END`;

/**
 * The plans, as NextStepsService stores them: the step, the temperature
 * with its reasons, the next rung not yet raised (the earliest due: the
 * overdue rung of the step, the hiring manager 10 working days into the
 * silence, out of the running at 40, or 7 after an unanswered last resort)
 * and when the application's job wakes. Plain expressions per row: a
 * per-row VALUES list with an aggregate or a sort costs ten times more.
 */
export const INSERT_NEXT_STEPS = `
  INSERT INTO application_next_steps (agency_id, application_id, action, due_at, contact_id, reason, temperature_score,
                                      temperature_reasons, escalation_level, escalation_due_at, escalation_basis_at,
                                      escalation_reason, escalation_action, escalation_contact_id, wake_at, computed_at)
  SELECT g.agency_id, n.application_id, n.action, ${timestampOrNull('g.monday', 'g.tz', 'n.due_t')}, n.contact_id, n.reason,
         CASE WHEN ${WON} IS NOT NULL THEN 100 WHEN ${LOST} IS NOT NULL THEN 0
              ELSE least(100, greatest(0, ${TEMPERATURE.map((term) => `t.${term.name}`).join(' + ')})) END,
         CASE WHEN ${WON} IS NOT NULL THEN jsonb_build_array(${reason('100', WON)})
              WHEN ${LOST} IS NOT NULL THEN jsonb_build_array(${reason('0', LOST)})
              ELSE to_jsonb(array_remove(ARRAY[${TEMPERATURE.map(
                (term) => `CASE WHEN t.${term.name} <> 0 THEN ${reason(`t.${term.name}`, term.words)} END`,
              ).join(', ')}], NULL)) END,
         r.level, ${timestampOrNull('g.monday', 'g.tz', 'r.due_t')}, ${timestampOrNull('g.monday', 'g.tz', 'r.basis_t')},
         CASE r.level WHEN 'NEXT_STEP_OVERDUE' THEN ${rungReason('NEXT_STEP_OVERDUE')}
                      WHEN 'HIRING_MANAGER' THEN ${rungReason('HIRING_MANAGER')}
                      WHEN 'OUT_OF_RUNNING' THEN ${rungReason('OUT_OF_RUNNING')} END,
         CASE r.level WHEN 'NEXT_STEP_OVERDUE' THEN 'Do it and log it, or tell the candidate: ' || n.reason
                      WHEN 'HIRING_MANAGER' THEN ${literal(HIRING_MANAGER_ACTION)}
                      WHEN 'OUT_OF_RUNNING' THEN ${literal(KEEP_WARM)} END,
         CASE r.level WHEN 'NEXT_STEP_OVERDUE' THEN n.contact_id WHEN 'HIRING_MANAGER' THEN n.hm_id END,
         ${timestampOrNull('g.monday', 'g.tz', `least(r.due_t, CASE WHEN n.due_t > ${NOW_T} THEN n.due_t END)`)},
         ${timestamp('g.monday', 'g.tz', `least(${NOW_T} - 1, greatest(n.ts[n.len], n.last_t, n.last_raised_t) + 3)`)}
    FROM bench_next n JOIN bench_agency g USING (agency_no)
    LEFT JOIN (SELECT application_id, count(*) FILTER (WHERE resolved_t IS NULL)::int AS open_count,
                      max(basis_t) FILTER (WHERE level = 'NEXT_STEP_OVERDUE') AS overdue_basis_t
                 FROM bench_escalation GROUP BY application_id) e USING (application_id)
   CROSS JOIN LATERAL (
     SELECT ${TEMPERATURE.map((term) => `${term.points} AS ${term.name}`).join(', ')}
     OFFSET 0) t
   CROSS JOIN LATERAL (
     -- The rungs on offer (NULL when not): the overdue step, the hiring manager, out of the running.
     SELECT CASE WHEN n.final IN (${list(LADDER_STAGES)}) AND n.action NOT IN ('NONE', 'RESUME_AFTER_HOLD')
                      AND n.due_t IS NOT NULL AND e.overdue_basis_t IS DISTINCT FROM n.due_t
                 THEN ${at(`${dayOf('n.due_t')} + 2`, 0)} END AS overdue_due,
            CASE WHEN n.final IN (${list(CAMPAIGN_STAGES)}) AND n.hm_basis_t IS DISTINCT FROM n.basis_t
                 THEN ${at(`${dayOf('n.basis_t')} + ${ESCALATE_AFTER_DAYS}`, 0)} END AS manager_due,
            CASE WHEN n.final IN (${list(CAMPAIGN_STAGES)}) AND n.hm_basis_t = n.basis_t
                      AND n.oor_basis_t IS DISTINCT FROM n.basis_t
                 THEN ${at(
                   `least(${dayOf('n.basis_t')} + ${OUT_OF_RUNNING_AFTER_DAYS}, CASE WHEN n.last_resort_t > n.basis_t THEN ${dayOf('n.last_resort_t')} + 7 END)`,
                   0,
                 )} END AS out_due
     OFFSET 0) c
   CROSS JOIN LATERAL (
     -- The earliest due; on a tie the lower rung, as the engine sorts them.
     SELECT x.level,
            CASE x.level WHEN 'NEXT_STEP_OVERDUE' THEN c.overdue_due WHEN 'HIRING_MANAGER' THEN c.manager_due
                         WHEN 'OUT_OF_RUNNING' THEN c.out_due END AS due_t,
            CASE x.level WHEN 'NEXT_STEP_OVERDUE' THEN n.due_t WHEN 'HIRING_MANAGER' THEN n.basis_t
                         WHEN 'OUT_OF_RUNNING' THEN n.basis_t END AS basis_t
       FROM (SELECT CASE WHEN c.overdue_due <= coalesce(least(c.manager_due, c.out_due), c.overdue_due) THEN 'NEXT_STEP_OVERDUE'
                         WHEN c.manager_due <= coalesce(c.out_due, c.manager_due) THEN 'HIRING_MANAGER'
                         WHEN c.out_due IS NOT NULL THEN 'OUT_OF_RUNNING' END AS level) x
     OFFSET 0) r`;
