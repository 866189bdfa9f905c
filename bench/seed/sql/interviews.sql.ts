import {
  at,
  between,
  chance,
  dayOf,
  hashOf,
  literal,
  pick,
  rehash,
  timestamp,
  timestampOrNull,
  uuidFromHash,
  weighted,
} from './fragments';
import { BEST_WAYS, OBSERVATIONS, STRENGTHS } from './vocabulary';

/**
 * Every interview: round one when the application moved to INTERVIEWING,
 * a second round for about a third. Most are arranged by the agency, and
 * most of those are debriefed one to two hours later (before any follow-up
 * of the day); half the debriefs carry a promised decision date, a fifth a
 * call permission a few working days out.
 */
export const INTERVIEW_TABLE = `
  CREATE TEMP TABLE bench_interview ON COMMIT DROP AS
  SELECT s.agency_no, s.application_id, s.candidate_id, s.employer_id, s.counselor_id, s.hr_id, s.hm_id, s.iv_id, s.designated_id,
         r.round, r.t AS interview_t, x.hi, x.hd, ${uuidFromHash('x.hi')} AS interview_id, d.arranged, d.has_debrief,
         CASE WHEN d.has_debrief THEN r.t + ${between('x.hi', 2, 60, 120)} END AS debrief_t,
         CASE WHEN d.has_debrief AND ${chance('x.hi', 3, 0.5)}
              THEN ${at(`${dayOf('r.t')} + ${between('x.hi', 4, 5, 10)}`, 1020)} END AS promised_t,
         CASE WHEN ${chance('x.hi', 5, 0.6)} THEN s.hm_id ELSE s.hr_id END AS promised_by,
         CASE WHEN d.has_debrief AND ${chance('x.hi', 6, 0.2)}
              THEN ${at(`${dayOf('r.t')} + ${between('x.hi', 7, 3, 5)}`, `720 + ${between('x.hd', 0, 0, 45)}`)} END AS slot_t
    FROM bench_story s
   CROSS JOIN LATERAL (VALUES (1, s.i1_t), (2, s.i2_t)) AS r(round, t)
   CROSS JOIN LATERAL (SELECT y.hi, ${rehash('y.hi')} AS hd FROM (SELECT ${hashOf(`s.application_id::text || ':i' || r.round`)} AS hi) y OFFSET 0) x
   CROSS JOIN LATERAL (SELECT e.arranged, e.arranged AND ${chance('x.hi', 1, 0.9)} AS has_debrief
                         FROM (SELECT ${chance('x.hi', 0, 0.85)} AS arranged) e) d
   WHERE r.t IS NOT NULL`;

export const INSERT_INTERVIEWS = `
  INSERT INTO interviews (agency_id, id, application_id, occurred_at, arranged_by_agency, recorded_by_user_id, created_at)
  SELECT g.agency_id, i.interview_id, i.application_id, ${timestamp('g.monday', 'g.tz', 'i.interview_t')}, i.arranged,
         i.counselor_id, ${timestamp('g.monday', 'g.tz', 'i.interview_t + 45')}
    FROM bench_interview i JOIN bench_agency g USING (agency_no)`;

/** The hiring manager sits in every round; HR in some first rounds; the employer's interviewer when it has one. */
export const INSERT_INTERVIEWERS = `
  INSERT INTO interview_interviewers (agency_id, interview_id, contact_id)
  SELECT g.agency_id, i.interview_id, v.contact_id
    FROM bench_interview i JOIN bench_agency g USING (agency_no)
   CROSS JOIN LATERAL (VALUES (i.hm_id, true),
                              (i.hr_id, i.round = 1 AND ${chance('i.hd', 1, 0.4)}),
                              (i.iv_id, i.round = 2 OR ${chance('i.hd', 2, 0.6)})) AS v(contact_id, sat_in)
   WHERE v.sat_in AND v.contact_id IS NOT NULL`;

const strengths = `ARRAY[${STRENGTHS.map(literal).join(', ')}]`;
const strength = (offset: number) =>
  `(${strengths})[1 + (${between('i.hd', 7, 0, STRENGTHS.length - 1)} + ${offset}) % ${STRENGTHS.length}]`;

export const INSERT_DEBRIEFS = `
  INSERT INTO debriefs (agency_id, id, interview_id, application_id, held_at, rating, asked_about_next_steps,
                        promised_decision_at, promised_by_contact_id, designated_contact_id, call_permission_slot_at,
                        call_permission_best_way, strengths, observations, notes, recorded_by_user_id, created_at)
  SELECT g.agency_id, ${uuidFromHash('x.he')}, i.interview_id, i.application_id,
         ${timestamp('g.monday', 'g.tz', 'i.debrief_t')},
         ${weighted('i.hd', 3, [
           ['1', 5],
           ['2', 10],
           ['3', 30],
           ['4', 40],
           ['5', 15],
         ])},
         ${chance('i.hd', 4, 0.7)},
         ${timestampOrNull('g.monday', 'g.tz', 'i.promised_t')},
         CASE WHEN i.promised_t IS NOT NULL THEN i.promised_by END,
         coalesce(i.designated_id, CASE WHEN ${chance('i.hd', 5, 0.5)} THEN i.hr_id END),
         ${timestampOrNull('g.monday', 'g.tz', 'i.slot_t')},
         CASE WHEN i.slot_t IS NOT NULL THEN ${pick('i.hd', 6, BEST_WAYS)} END,
         ARRAY[${strength(0)}, ${strength(1)}]
           || CASE WHEN ${chance('x.he', 0, 0.5)} THEN ARRAY[${strength(2)}] ELSE '{}'::text[] END,
         CASE WHEN ${chance('x.he', 1, 0.5)} THEN ${pick('x.he', 2, OBSERVATIONS)} END,
         CASE WHEN ${chance('x.he', 3, 0.3)} THEN 'Candidate felt the second half went better than the first' END,
         i.counselor_id, ${timestamp('g.monday', 'g.tz', 'i.debrief_t + 20')}
    FROM bench_interview i JOIN bench_agency g USING (agency_no)
   CROSS JOIN LATERAL (SELECT ${rehash('i.hd')} AS he OFFSET 0) x
   WHERE i.has_debrief`;
