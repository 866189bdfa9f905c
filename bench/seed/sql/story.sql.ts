import { Stage } from '@lib/pipeline';
import { APPLICATIONS_BY_CANDIDATE_MOD_4 } from '../plan';
import {
  at,
  between,
  chance,
  dayOf,
  draw,
  FIRST_DAY,
  hashOf,
  LAST_DAY,
  list,
  NOW_DAY,
  NOW_T,
  rehash,
  uuidFromHash,
  uuidOf,
  weighted,
  weightedText,
} from './fragments';

/**
 * Where each application ends up. Most are open (63%); of the closed ones
 * rejections dominate, as in any agency's pipeline. Every stage of the
 * state machine occurs.
 */
export const FINAL_STAGES: readonly (readonly [Stage, number])[] = [
  [Stage.SUBMITTED, 12],
  [Stage.INTERVIEWING, 18],
  [Stage.AWAITING_DECISION, 15],
  [Stage.REFERENCE_CHECK, 6],
  [Stage.OFFER_VERBAL, 3],
  [Stage.OFFER_WRITTEN, 3],
  [Stage.PLACED, 5],
  [Stage.REJECTED, 22],
  [Stage.WITHDRAWN, 5],
  [Stage.OUT_OF_RUNNING, 5],
  [Stage.ON_HOLD, 6],
];

/** Stages an employer's answer moves an application into: each is a reply landmark in the history. */
export const REPLY_STAGES = [
  Stage.AWAITING_DECISION,
  Stage.REFERENCE_CHECK,
  Stage.OFFER_VERBAL,
  Stage.OFFER_WRITTEN,
  Stage.REJECTED,
  Stage.ON_HOLD,
];
/** Post-interview stages where the follow-up cadence and the escalation ladder run (OFFER_VERBAL included: 003). */
export const CAMPAIGN_STAGES = [Stage.INTERVIEWING, Stage.AWAITING_DECISION, Stage.REFERENCE_CHECK, Stage.OFFER_VERBAL];
const OPEN_STAGES = [...CAMPAIGN_STAGES, Stage.SUBMITTED, Stage.OFFER_WRITTEN, Stage.ON_HOLD];

/** Working days from submission to the last stage change, by final stage: the slower the process, the longer. */
const SPAN: Partial<Record<Stage, [number, number]>> = {
  [Stage.INTERVIEWING]: [2, 15],
  [Stage.AWAITING_DECISION]: [5, 25],
  [Stage.REFERENCE_CHECK]: [8, 30],
  [Stage.OFFER_VERBAL]: [10, 35],
  [Stage.OFFER_WRITTEN]: [12, 40],
  [Stage.PLACED]: [15, 45],
  [Stage.REJECTED]: [2, 35],
  [Stage.WITHDRAWN]: [2, 30],
  [Stage.OUT_OF_RUNNING]: [45, 55],
  [Stage.ON_HOLD]: [5, 35],
};
const spanBound = (index: 0 | 1) =>
  `CASE a.final ${Object.entries(SPAN)
    .map(([stage, bounds]) => `WHEN '${stage}' THEN ${bounds[index]}`)
    .join(' ')} ELSE 0 END`;

/**
 * One row per application: its candidate, counselor, position and employer
 * (with the contacts' ids), its final stage and the candidate's interest.
 * Candidate n has 2, 1, 2 or 3 applications by n modulo 4, to distinct
 * positions (a stride that cannot wrap onto itself). Hashes h..h4 hold the
 * application's 32 random draws, each used for one thing only:
 * - h:  0 final stage, 1 interviewed at all, 2 decision-pending move, 3 reference-check move,
 *       4 verbal-offer move, 5 quiet days, 6 span, 7 the out-of-running silence;
 * - h2: 0-6 the minute of each move, 7 interest;
 * - h3: 0-2 second interview, 3-4 neglect, 5 resume date, 6 hiring-manager rung raised, 7 sweep minutes;
 * - h4: 0-4 reference signals, 5 withdrawal reason, 6-7 the references task.
 * The candidate's hc: 0 counselor, 1-2 positions, 3 references, 4 created, 5-6 name, 7 portal account.
 */
export const APP_TABLE = `
  CREATE TEMP TABLE bench_app ON COMMIT DROP AS
  SELECT a.agency_no, a.akey, a.cand_no, a.app_no, a.ckey, a.hc, a.h, a.h2, a.h3, a.h4,
         ${uuidFromHash('a.h')} AS application_id, ${uuidOf('a.ckey')} AS candidate_id,
         ${uuidOf(`a.akey || ':u' || a.counselor_no`)} AS counselor_id,
         ${uuidOf(`a.akey || ':p' || a.position_no`)} AS position_id,
         e.employer_id, e.name AS employer_name, e.is_local, e.hr_id, e.hm_id, e.gk_id, e.iv_id, e.designated_id,
         ${weightedText('a.h', 0, FINAL_STAGES)} AS final,
         ${weighted('a.h2', 7, [
           ['1', 5],
           ['2', 15],
           ['3', 35],
           ['4', 30],
           ['5', 15],
         ])}::smallint AS interest
    FROM (
      SELECT g.agency_no, g.akey, g.employers, c.n AS cand_no, k.k AS app_no, c.ckey, c.hc,
             x.h, x.h2, ${rehash('x.h2')} AS h3, ${rehash(rehash('x.h2'))} AS h4,
             1 + floor(${draw('c.hc', 0)} * g.counselors)::int AS counselor_no,
             1 + (floor(${draw('c.hc', 1)} * g.positions)::int
                  + (k.k - 1) * (1 + floor(${draw('c.hc', 2)} * ((g.positions - 1) / 2))::int)) % g.positions AS position_no
        FROM bench_agency g
       CROSS JOIN LATERAL (SELECT s.n, g.akey || ':c' || s.n AS ckey, ${hashOf(`g.akey || ':c' || s.n`)} AS hc
                             FROM generate_series(g.cand_from, g.cand_to) AS s(n) OFFSET 0) c
       CROSS JOIN LATERAL generate_series(1, (ARRAY[${APPLICATIONS_BY_CANDIDATE_MOD_4.join(', ')}])[c.n % 4 + 1]) AS k(k)
       CROSS JOIN LATERAL (SELECT y.h, ${rehash('y.h')} AS h2 FROM (SELECT ${hashOf(`c.ckey || ':' || k.k`)} AS h) y OFFSET 0) x
      OFFSET 0
    ) a
    JOIN bench_employer e ON e.agency_no = a.agency_no AND e.employer_no = 1 + (a.position_no - 1) % a.employers`;

/**
 * The application's history as working-day times: the path of stages it
 * took (each move allowed by the pipeline's state machine), when each move
 * happened (`ts`, strictly increasing days, moves at 09:00-15:50 in the order
 * of the path), its interviews, and its landmarks: the interviews and the
 * employer's answers that moved it, between which the follow-up phases run.
 *
 * Timing: the last move falls `quiet` working days before the end of the
 * seeded week (35% of open applications moved during the week itself), the
 * first `span` working days before that, and never before working day
 * -55 (12 weeks of working days back). An application that ends OUT_OF_RUNNING was
 * silent 41 to 45 working days before it was marked so (10 to the
 * escalation, 30 more: the policy's defaults).
 */
export const STORY_TABLE = `
  CREATE TEMP TABLE bench_story ON COMMIT DROP AS
  SELECT a.*, p.path, p.len, tm.ts, fl.interviewed,
         iv.i1_t, iv.i2_t, coalesce(iv.i2_t, iv.i1_t) AS last_interview_t,
         CASE WHEN fl.interviewed THEN ARRAY[iv.i1_t] || CASE WHEN iv.i2_t IS NOT NULL THEN ARRAY[iv.i2_t] ELSE '{}'::int[] END
              || ARRAY(SELECT tm.ts[k] FROM generate_series(3, p.len) AS k WHERE p.path[k] IN (${list(REPLY_STAGES)}) ORDER BY k)
              ELSE '{}'::int[] END AS lm_t,
         CASE WHEN fl.interviewed THEN ARRAY['INTERVIEW'] || CASE WHEN iv.i2_t IS NOT NULL THEN ARRAY['INTERVIEW'] ELSE '{}'::text[] END
              || ARRAY(SELECT p.path[k] FROM generate_series(3, p.len) AS k WHERE p.path[k] IN (${list(REPLY_STAGES)}) ORDER BY k)
              ELSE '{}'::text[] END AS lm_kind,
         CASE WHEN fl.interviewed AND a.final IN (${list(CAMPAIGN_STAGES)}) THEN ${NOW_T}
              WHEN fl.interviewed AND a.final IN ('WITHDRAWN', 'OUT_OF_RUNNING') THEN tm.ts[p.len] END AS trailing_end_t,
         CASE WHEN a.final IN (${list(CAMPAIGN_STAGES)}) THEN 'NOW' ELSE a.final END AS trailing_kind,
         CASE WHEN fl.interviewed THEN iv.i1_t WHEN a.final = 'SUBMITTED' THEN ${NOW_T} ELSE tm.ts[p.len] END AS pre_end_t,
         CASE WHEN fl.interviewed THEN 'INTERVIEW' WHEN a.final = 'SUBMITTED' THEN 'NOW' ELSE a.final END AS pre_end_kind,
         CASE WHEN a.final = 'ON_HOLD' THEN ${at(`${NOW_DAY} + ${between('a.h3', 5, 5, 30)}`, 480)} END AS resume_t,
         ${chance('a.h3', 3, 0.15)} AS neglected,
         ${between('a.h3', 4, 1, 9)} AS neglect_days,
         ${chance('a.h3', 6, 0.75)} AS hm_raised_when_due,
         ${between('a.h3', 7, 1, 14)} AS sweep_minutes,
         rc.req_t, rc.contacted_t, rc.completed_t
    FROM bench_app a
   CROSS JOIN LATERAL (
     SELECT f.interviewed,
            f.interviewed AND (a.final = 'AWAITING_DECISION' OR (a.final IN (
              'REFERENCE_CHECK', 'OFFER_VERBAL', 'OFFER_WRITTEN', 'PLACED', 'REJECTED', 'WITHDRAWN', 'OUT_OF_RUNNING', 'ON_HOLD')
              AND ${chance('a.h', 2, 0.5)})) AS ad,
            a.final = 'REFERENCE_CHECK' OR (a.final IN ('OFFER_VERBAL', 'OFFER_WRITTEN') AND ${chance('a.h', 3, 0.4)})
              OR (a.final = 'PLACED' AND ${chance('a.h', 3, 0.8)}) AS rc,
            a.final = 'OFFER_VERBAL' OR (a.final IN ('OFFER_WRITTEN', 'PLACED') AND ${chance('a.h', 4, 0.5)}) AS ov
       FROM (SELECT a.final <> 'SUBMITTED' AND NOT (a.final = 'REJECTED' AND ${chance('a.h', 1, 0.3)})
                    AND NOT (a.final = 'WITHDRAWN' AND ${chance('a.h', 1, 0.4)}) AS interviewed) f
      OFFSET 0) fl
   CROSS JOIN LATERAL (
     SELECT q.path, cardinality(q.path) AS len FROM (
       SELECT ARRAY['SUBMITTED']
              || CASE WHEN fl.interviewed THEN ARRAY['INTERVIEWING'] ELSE '{}'::text[] END
              || CASE WHEN fl.ad THEN ARRAY['AWAITING_DECISION'] ELSE '{}'::text[] END
              || CASE WHEN fl.rc THEN ARRAY['REFERENCE_CHECK'] ELSE '{}'::text[] END
              || CASE WHEN fl.ov THEN ARRAY['OFFER_VERBAL'] ELSE '{}'::text[] END
              || CASE WHEN a.final IN ('OFFER_WRITTEN', 'PLACED') THEN ARRAY['OFFER_WRITTEN'] ELSE '{}'::text[] END
              || CASE WHEN a.final IN ('PLACED', 'REJECTED', 'WITHDRAWN', 'OUT_OF_RUNNING', 'ON_HOLD') THEN ARRAY[a.final]
                      ELSE '{}'::text[] END AS path) q
      OFFSET 0) p
   CROSS JOIN LATERAL (
     SELECT greatest(${LAST_DAY} - r.quiet, ${FIRST_DAY} + r.span) AS f, r.span
       FROM (SELECT
               CASE WHEN a.final = 'SUBMITTED' THEN ${between('a.h', 5, 0, 14)}
                    WHEN a.final IN (${list(OPEN_STAGES)}) THEN
                      CASE WHEN ${draw('a.h', 5)} < 0.35 THEN floor(${draw('a.h', 5)} / 0.35 * 5)::int
                           ELSE 5 + floor((${draw('a.h', 5)} - 0.35) / 0.65 * 20)::int END
                    ELSE CASE WHEN ${draw('a.h', 5)} < 0.2 THEN floor(${draw('a.h', 5)} / 0.2 * 5)::int
                              ELSE 5 + floor((${draw('a.h', 5)} - 0.2) / 0.8 * 45)::int END END AS quiet,
               CASE WHEN p.len = 1 THEN 0 ELSE least(${LAST_DAY - FIRST_DAY}, greatest(
                 CASE WHEN a.final = 'OUT_OF_RUNNING' THEN 41 + 2 * (p.len - 2) ELSE 2 * (p.len - 1) END,
                 ${spanBound(0)} + floor(${draw('a.h', 6)} * (${spanBound(1)} - ${spanBound(0)} + 1))::int)) END AS span
             OFFSET 0) r
      OFFSET 0) t1
   CROSS JOIN LATERAL (
     SELECT t1.f - t1.span AS s,
            t1.f - CASE WHEN p.len = 1 THEN 0
                        WHEN a.final = 'OUT_OF_RUNNING' THEN least(41 + ${between('a.h', 7, 0, 4)}, t1.span - 2 * (p.len - 2))
                        ELSE t1.span / (p.len - 1) END AS pre
      OFFSET 0) t2
   CROSS JOIN LATERAL (
     SELECT ARRAY(
       SELECT ${at(
         `CASE WHEN k = p.len THEN t1.f WHEN p.len = 2 THEN t2.s
               ELSE t2.s + (t2.pre - t2.s) * (k - 1) / (p.len - 2) END`,
         `540 + 60 * (k - 1) + floor(${draw('a.h2', 'k - 1')} * 50)::int`,
       )}
         FROM generate_series(1, p.len) AS k ORDER BY k) AS ts
      OFFSET 0) tm
   CROSS JOIN LATERAL (
     SELECT i.i1_t,
            CASE WHEN fl.interviewed AND ${chance('a.h3', 0, 0.35)} AND i.gap >= 3
                 THEN ${at(`${dayOf('i.i1_t')} + 1 + floor(${draw('a.h3', 1)} * (i.gap - 2))::int`, `600 + ${between('a.h3', 2, 0, 90)}`)}
            END AS i2_t
       FROM (SELECT CASE WHEN fl.interviewed THEN tm.ts[2] END AS i1_t,
                    ${dayOf(`coalesce(tm.ts[3], ${NOW_T})`)} - ${dayOf('tm.ts[2]')} AS gap) i
      OFFSET 0) iv
   CROSS JOIN LATERAL (
     SELECT x.req_t, x.contacted_t,
            CASE WHEN x.contacted_t IS NOT NULL AND x.contacted_day + x.wait < x.next_day
                      AND (a.final IN ('OFFER_VERBAL', 'OFFER_WRITTEN', 'PLACED') OR ${chance('a.h4', 4, 0.3)})
                 THEN ${at('x.contacted_day + x.wait', `600 + ${between('a.h4', 3, 0, 359)}`)} END AS completed_t
       FROM (SELECT y.req_t, y.next_day, y.contacted_day, ${between('a.h4', 2, 1, 3)} AS wait,
                    CASE WHEN y.req_t IS NOT NULL AND y.contacted_day < y.next_day
                         THEN ${at('y.contacted_day', `600 + ${between('a.h4', 1, 0, 359)}`)} END AS contacted_t
               FROM (SELECT tm.ts[z.r] AS req_t, ${dayOf(`coalesce(tm.ts[z.r + 1], ${NOW_T})`)} AS next_day,
                            ${dayOf('tm.ts[z.r]')} + ${between('a.h4', 0, 1, 3)} AS contacted_day
                       FROM (SELECT array_position(p.path, 'REFERENCE_CHECK') AS r) z) y) x
      OFFSET 0) rc`;
