import { between, chance, MINUTES_PER_DAY, NOW_T, timestamp, uuidOf } from './fragments';

const signalId = (kind: string) => uuidOf(`s.application_id::text || ':signal:' || ${kind}`);

/**
 * The references asked for when an application moved to REFERENCE_CHECK
 * (the same instant as the employer's answer), a referee contacted a few
 * working days later, and the check completed before the next move for most
 * applications that went on to an offer.
 */
export const INSERT_SIGNALS = `
  INSERT INTO reference_signals (agency_id, id, application_id, kind, occurred_at, reference_id, notes, recorded_by_user_id, created_at)
  SELECT g.agency_id, ${signalId('v.kind')}, s.application_id, v.kind, ${timestamp('g.monday', 'g.tz', 'v.t')}, v.reference_id,
         NULL, s.counselor_id, ${timestamp('g.monday', 'g.tz', 'v.t + 10')}
    FROM bench_story s JOIN bench_agency g USING (agency_no)
   CROSS JOIN LATERAL (VALUES ('REFERENCES_REQUESTED', s.req_t, NULL::uuid),
                              ('REFERENCE_CONTACTED', s.contacted_t, ${uuidOf(`s.ckey || ':r1'`)}),
                              ('REFERENCE_CHECK_COMPLETED', s.completed_t, NULL::uuid)) AS v(kind, t, reference_id)
   WHERE v.t IS NOT NULL`;

/** "Need references? Done." (002): the task the request opens, due two working days on, mostly done within hours. */
export const INSERT_TASKS = `
  INSERT INTO tasks (agency_id, id, application_id, kind, source_id, title, due_at, assignee_user_id, created_at, completed_at)
  SELECT g.agency_id, ${uuidOf(`s.application_id::text || ':task'`)}, s.application_id, 'SEND_REFERENCES',
         ${signalId(`'REFERENCES_REQUESTED'`)}, 'Send references to ' || s.employer_name,
         ${timestamp('g.monday', 'g.tz', `s.req_t + 2 * ${MINUTES_PER_DAY}`)}, s.counselor_id,
         ${timestamp('g.monday', 'g.tz', 's.req_t + 1')},
         CASE WHEN ${chance('s.h4', 7, 0.9)} AND s.req_t + d.minutes < ${NOW_T}
              THEN ${timestamp('g.monday', 'g.tz', 's.req_t + d.minutes')} END
    FROM bench_story s JOIN bench_agency g USING (agency_no)
   CROSS JOIN LATERAL (SELECT ${between('s.h4', 6, 30, 480)} AS minutes) d
   WHERE s.req_t IS NOT NULL`;
