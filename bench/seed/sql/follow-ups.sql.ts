import {
  at,
  between,
  chance,
  contactMinute,
  dayOf,
  draw,
  hashOf,
  LAST_DAY,
  list,
  pick,
  rehash,
  timestamp,
  timestampOrNull,
  uuidFromHash,
  weightedText,
} from './fragments';
import { REPLY_STAGES } from './story.sql';
import { DELAY_REASONS, FOLLOW_UP_NOTES } from './vocabulary';

/** After this many working days of silence the policy escalates to the hiring manager (its default). */
export const ESCALATE_AFTER_DAYS = 10;
/** And this many after that escalation, the application is out of the running (10 + 30). */
export const OUT_OF_RUNNING_AFTER_DAYS = 40;

/**
 * The stretches of an application's history between two landmarks, in
 * which the counselor follows up: phase 0 runs from the submission to the
 * first interview (or to now, or to an early close); phase j from the j-th
 * landmark (an interview or an employer's answer) to the next one, to the
 * close, or to now. The cadence is the policy's: the HR status e-mail two
 * working days after an interview, then a check every 7 working days, which
 * also keeps the stalker guard's 5-day gap (two applications of one
 * candidate at one employer, rare, each keep their own cadence). A post-interview phase longer
 * than 10 working days is a silence: the escalation ladder climbs in it
 * (hiring manager at 10 days, three attempts, a visit or a closing letter,
 * out of the running at 40) and the employer replies to nothing until the
 * phase ends. One trailing phase in seven is neglected: the checks stop,
 * the next step goes overdue. One stalled trailing phase in four has its
 * hiring-manager rung due but not raised yet: a backlog for the sweep.
 */
export const PHASE_TABLE = `
  CREATE TEMP TABLE bench_phase ON COMMIT DROP AS
  SELECT v.*, ${at('v.out_of_running_day', 0)} + v.sweep_minutes < v.end_t AS out_of_running_raised
    FROM (
      SELECT u.*,
             CASE WHEN u.first_attempt_day + 21 < u.cadence_end THEN u.first_attempt_day + 21 END AS last_resort_day,
             -- 003: out of the running 30 working days after the escalation, or 7 after the last resort went unanswered.
             least(u.start_day + ${OUT_OF_RUNNING_AFTER_DAYS},
                   CASE WHEN u.first_attempt_day + 21 < u.cadence_end THEN u.first_attempt_day + 28 END) AS out_of_running_day
        FROM (
          SELECT r.*,
                 CASE WHEN r.cadence_end > r.first_day THEN r.first_day + 7 * ((r.cadence_end - 1 - r.first_day) / 7) END
                   AS last_cadence_day,
                 -- The first cadence day after the escalation was raised (greatest() would ignore a NULL: hence the CASE).
                 CASE WHEN r.hm_day IS NOT NULL THEN r.first_day + 7 * greatest(0, (r.hm_day + 1 - r.first_day + 6) / 7) END
                   AS first_attempt_day
            FROM (
              SELECT q.*,
                     q.phase_no > 0 AND q.end_day - q.start_day > ${ESCALATE_AFTER_DAYS} AS stalled,
                     CASE WHEN q.phase_no = 0 OR q.start_kind <> 'INTERVIEW' THEN q.start_day + 7 ELSE q.start_day + 2 END
                       AS first_day,
                     -- No check in the last 3 working days before an interview: the HR e-mail two days after it
                     -- would break the stalker guard's 5-day gap (and nobody chases a date already set).
                     CASE WHEN q.end_kind = 'NOW' AND q.neglected THEN least(q.end_day, q.start_day + q.neglect_days)
                          WHEN q.end_kind = 'INTERVIEW' THEN q.end_day - 2
                          ELSE q.end_day END AS cadence_end,
                     CASE WHEN q.phase_no > 0 AND q.end_day - q.start_day > ${ESCALATE_AFTER_DAYS}
                               AND (q.end_kind <> 'NOW' OR q.hm_raised_when_due)
                          THEN q.start_day + ${ESCALATE_AFTER_DAYS} END AS hm_day
                FROM (
                  SELECT s.agency_no, s.application_id, s.candidate_id, s.employer_id, s.counselor_id, s.hr_id, s.hm_id,
                         s.gk_id, s.designated_id, s.is_local, s.final, s.resume_t, s.neglected, s.neglect_days,
                         s.hm_raised_when_due, s.sweep_minutes, ph.phase_no, ph.start_t, ph.start_kind, ph.end_t, ph.end_kind,
                         ${dayOf('ph.start_t')} AS start_day, ${dayOf('ph.end_t')} AS end_day
                    FROM bench_story s
                   CROSS JOIN LATERAL (
                     SELECT j AS phase_no, s.lm_t[j] AS start_t, s.lm_kind[j] AS start_kind,
                            coalesce(s.lm_t[j + 1], s.trailing_end_t) AS end_t,
                            coalesce(s.lm_kind[j + 1], s.trailing_kind) AS end_kind
                       FROM generate_subscripts(s.lm_t, 1) AS j
                     UNION ALL
                     SELECT 0, s.ts[1], 'SUBMITTED', s.pre_end_t, s.pre_end_kind) ph
                   WHERE ph.end_t IS NOT NULL
                ) q
            ) r
        ) u
    ) v`;

/** The key of a cadence contact: the escalation ladder finds the third attempt's time from it. */
export const cadenceHash = (phase: string, day: string) =>
  hashOf(`${phase}.application_id::text || ':f' || ${phase}.phase_no || ':' || ${day}`);

/** When a cadence contact of day `day` happened: in one of the policy's contact windows. */
export const cadenceTime = (hash: string, day: string) => at(day, contactMinute(hash, 4, 5));

/** The employer's answer that ends a phase: by phone or e-mail, often to the counselor's own call (then outbound). */
export const PHASE_REPLY_TABLE = `
  CREATE TEMP TABLE bench_reply ON COMMIT DROP AS
  SELECT p.*, x.hf,
         p.last_cadence_day IS NOT NULL AND p.end_day - p.last_cadence_day >= 5 AND ${chance('x.hf', 0, 0.6)} AS outbound
    FROM bench_phase p
   CROSS JOIN LATERAL (SELECT ${hashOf(`p.application_id::text || ':reply' || p.phase_no`)} AS hf OFFSET 0) x
   WHERE p.end_kind IN (${list(REPLY_STAGES)})`;

export const CREATE_FOLLOW_UP_TABLE = `
  CREATE TEMP TABLE bench_follow_up (
    agency_no int NOT NULL, application_id uuid NOT NULL, candidate_id uuid NOT NULL, employer_id uuid NOT NULL,
    contact_id uuid NOT NULL, contact_role text NOT NULL, channel text NOT NULL, purpose text NOT NULL, outcome text NOT NULL,
    direction text NOT NULL, t int NOT NULL, response_kind text, new_decision_t int, delay_reason text, resume_t int,
    notes text, override_reason text, logged_by uuid, hf bytea NOT NULL
  ) ON COMMIT DROP`;

const COLUMNS = `agency_no, application_id, candidate_id, employer_id, contact_id, contact_role, channel, purpose, outcome,
  direction, t, response_kind, new_decision_t, delay_reason, resume_t, notes, override_reason, logged_by, hf`;

/**
 * The cadence of every phase: status checks (to HR before the interview and
 * for the status e-mail, then to the designated contact), and in a silence
 * that was escalated, three attempts at the hiring manager, a visit (local
 * employer) or an interest letter, then low-pressure e-mails. Replies come
 * only in phases that are not silences.
 */
export const INSERT_CADENCE = `
  INSERT INTO bench_follow_up (${COLUMNS})
  SELECT p.agency_no, p.application_id, p.candidate_id, p.employer_id, k.contact_id, k.contact_role, k.channel, k.purpose,
         o.outcome, 'OUTBOUND', ${cadenceTime('x.hf', 'c.day')},
         CASE WHEN o.outcome = 'REPLIED' AND ${chance('x.hf', 6, 0.5)} THEN 'STILL_INTERVIEWING' END, NULL, NULL, NULL,
         CASE WHEN ${chance('x.hn', 0, 0.1)} THEN ${pick('x.hn', 1, FOLLOW_UP_NOTES)} END, NULL, p.counselor_id, x.hf
    FROM bench_phase p
   CROSS JOIN LATERAL generate_series(p.first_day, p.cadence_end - 1, 7) AS c(day)
   CROSS JOIN LATERAL (SELECT y.hf, ${rehash('y.hf')} AS hn FROM (SELECT ${cadenceHash('p', 'c.day')} AS hf) y OFFSET 0) x
   CROSS JOIN LATERAL (
     SELECT CASE WHEN p.hm_day IS NOT NULL AND c.day >= p.first_attempt_day THEN
                   CASE (c.day - p.first_attempt_day) / 7 WHEN 0 THEN 'ESCALATION' WHEN 1 THEN 'ESCALATION'
                        WHEN 2 THEN 'ESCALATION' WHEN 3 THEN 'LAST_RESORT' ELSE 'LOW_PRESSURE' END
                 WHEN p.phase_no = 0 THEN 'PRE'
                 WHEN p.start_kind = 'INTERVIEW' AND c.day = p.start_day + 2 THEN 'HR_STATUS'
                 ELSE 'CHECK' END AS kind
     OFFSET 0) a
   CROSS JOIN LATERAL (
     SELECT CASE WHEN a.kind IN ('ESCALATION', 'LAST_RESORT') THEN p.hm_id
                 WHEN a.kind IN ('PRE', 'HR_STATUS') THEN p.hr_id
                 ELSE coalesce(p.designated_id, p.hr_id) END AS contact_id,
            CASE WHEN a.kind IN ('ESCALATION', 'LAST_RESORT') THEN 'HIRING_MANAGER'
                 WHEN a.kind IN ('PRE', 'HR_STATUS') OR p.designated_id IS DISTINCT FROM p.hm_id THEN 'HR'
                 ELSE 'HIRING_MANAGER' END AS contact_role,
            CASE a.kind WHEN 'ESCALATION' THEN CASE WHEN ${chance('x.hf', 0, 0.6)} THEN 'PHONE' ELSE 'EMAIL' END
                        WHEN 'LAST_RESORT' THEN CASE WHEN p.is_local THEN 'IN_PERSON' ELSE 'LETTER' END
                        WHEN 'HR_STATUS' THEN 'EMAIL'
                        WHEN 'LOW_PRESSURE' THEN 'EMAIL'
                        WHEN 'PRE' THEN CASE WHEN ${chance('x.hf', 0, 0.6)} THEN 'EMAIL' ELSE 'PHONE' END
                        ELSE ${weightedText('x.hf', 0, [
                          ['PHONE', 50],
                          ['EMAIL', 40],
                          ['LINKEDIN', 5],
                          ['OTHER', 5],
                        ])} END AS channel,
            CASE a.kind WHEN 'ESCALATION' THEN 'ESCALATION'
                        WHEN 'LAST_RESORT' THEN CASE WHEN p.is_local THEN 'VISIT' ELSE 'INTEREST_LETTER' END
                        ELSE 'STATUS_CHECK' END AS purpose
     OFFSET 0) k
   CROSS JOIN LATERAL (
     SELECT CASE WHEN NOT p.stalled AND a.kind IN ('CHECK', 'HR_STATUS', 'PRE')
                      AND ${draw('x.hf', 2)} < CASE WHEN a.kind = 'PRE' THEN 0.15 ELSE 0.3 END THEN 'REPLIED'
                 WHEN k.channel IN ('PHONE', 'IN_PERSON') THEN
                   CASE WHEN ${draw('x.hf', 3)} < 0.3 THEN 'REACHED' WHEN ${draw('x.hf', 3)} < 0.65 THEN 'NO_ANSWER'
                        WHEN ${draw('x.hf', 3)} < 0.8 THEN 'MESSAGE_LEFT'
                        WHEN p.gk_id IS NOT NULL THEN 'BLOCKED_BY_GATEKEEPER' ELSE 'NO_ANSWER' END
                 WHEN ${draw('x.hf', 3)} < 0.3 THEN 'REACHED' ELSE 'NO_ANSWER' END AS outcome) o
   WHERE p.cadence_end > p.first_day`;

/**
 * The thank-you to the hiring manager after each interview (after the
 * debrief when there is one), e-mailed the same day; a few of the last
 * days' interviews have none yet, so SEND_THANK_YOU is a live next step.
 */
export const INSERT_THANK_YOUS = `
  INSERT INTO bench_follow_up (${COLUMNS})
  SELECT i.agency_no, i.application_id, i.candidate_id, i.employer_id, i.hm_id, 'HIRING_MANAGER',
         ${weightedText('x.hf', 2, [
           ['EMAIL', 85],
           ['LINKEDIN', 10],
           ['LETTER', 5],
         ])},
         'THANK_YOU', 'REACHED', 'OUTBOUND', coalesce(i.debrief_t, i.interview_t + 60) + ${between('x.hf', 0, 30, 90)},
         NULL, NULL, NULL, NULL, NULL, NULL, i.counselor_id, x.hf
    FROM bench_interview i
   CROSS JOIN LATERAL (SELECT ${hashOf(`i.interview_id::text || ':thanks'`)} AS hf OFFSET 0) x
   WHERE NOT (${dayOf('i.interview_t')} >= ${LAST_DAY - 1} AND ${chance('x.hf', 1, 0.3)})`;

export const INSERT_REPLIES = `
  INSERT INTO bench_follow_up (${COLUMNS})
  SELECT r.agency_no, r.application_id, r.candidate_id, r.employer_id,
         CASE WHEN r.end_kind IN ('OFFER_VERBAL', 'OFFER_WRITTEN') THEN r.hm_id ELSE coalesce(r.designated_id, r.hr_id) END,
         CASE WHEN r.end_kind IN ('OFFER_VERBAL', 'OFFER_WRITTEN') OR r.designated_id = r.hm_id THEN 'HIRING_MANAGER' ELSE 'HR' END,
         CASE WHEN ${chance('r.hf', 3, 0.55)} THEN 'PHONE' ELSE 'EMAIL' END, 'STATUS_CHECK', 'REPLIED',
         CASE WHEN r.outbound THEN 'OUTBOUND' ELSE 'INBOUND' END, r.end_t,
         CASE r.end_kind WHEN 'AWAITING_DECISION' THEN 'DECISION_PENDING' WHEN 'REFERENCE_CHECK' THEN 'REFERENCES_REQUESTED'
                         WHEN 'ON_HOLD' THEN 'DELAYED' ELSE r.end_kind END,
         CASE WHEN r.end_kind = 'AWAITING_DECISION' THEN ${at(`r.end_day + ${between('r.hf', 1, 5, 10)}`, 1020)} END,
         CASE WHEN r.end_kind = 'ON_HOLD' THEN ${pick('r.hf', 2, DELAY_REASONS)} END,
         CASE WHEN r.end_kind = 'ON_HOLD' THEN r.resume_t END,
         NULL, NULL, r.counselor_id, r.hf
    FROM bench_reply r`;

/**
 * After most rejections, a closing thanks the next working day (002 step
 * four); when it falls inside the stalker guard's gap after the last contact
 * the agency started, it carries the override the service would have asked for.
 */
export const INSERT_CLOSING_THANKS = `
  INSERT INTO bench_follow_up (${COLUMNS})
  SELECT r.agency_no, r.application_id, r.candidate_id, r.employer_id, r.hm_id, 'HIRING_MANAGER', 'EMAIL', 'CLOSING_THANKS',
         'REACHED', 'OUTBOUND', ${at('r.end_day + 1', `1020 + ${between('x.hc', 1, 0, 59)}`)},
         NULL, NULL, NULL, NULL, NULL,
         CASE WHEN r.end_day + 1 - ${dayOf('l.last_t')} < 5
              THEN 'Closing thanks the day after the rejection (002 step four)' END,
         r.counselor_id, x.hc
    FROM bench_reply r
   CROSS JOIN LATERAL (SELECT ${rehash('r.hf')} AS hc OFFSET 0) x
    LEFT JOIN (SELECT application_id, max(t) AS last_t FROM bench_follow_up
                WHERE direction = 'OUTBOUND' AND purpose <> 'THANK_YOU' GROUP BY application_id) l USING (application_id)
   WHERE r.end_kind = 'REJECTED' AND r.end_day + 1 <= ${LAST_DAY} AND ${chance('x.hc', 0, 0.8)}`;

export const INSERT_FOLLOW_UPS = `
  INSERT INTO follow_ups (agency_id, id, application_id, candidate_id, employer_id, contact_id, channel, purpose, outcome,
                          direction, occurred_at, response_kind, response_new_decision_at, response_delay_reason,
                          response_resume_at, notes, override_reason, starts_gap, logged_by_user_id, created_at)
  SELECT g.agency_id, ${uuidFromHash('f.hf')}, f.application_id, f.candidate_id, f.employer_id, f.contact_id, f.channel,
         f.purpose, f.outcome, f.direction, ${timestamp('g.monday', 'g.tz', 'f.t')}, f.response_kind,
         ${timestampOrNull('g.monday', 'g.tz', 'f.new_decision_t')}, f.delay_reason,
         ${timestampOrNull('g.monday', 'g.tz', 'f.resume_t')}, f.notes, f.override_reason,
         f.direction = 'OUTBOUND' AND f.purpose <> 'THANK_YOU', f.logged_by,
         ${timestamp('g.monday', 'g.tz', `f.t + ${between('f.hf', 7, 2, 45)}`)}
    FROM bench_follow_up f JOIN bench_agency g USING (agency_no)`;
