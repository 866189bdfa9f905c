import { pick, timestamp, uuidOf } from './fragments';
import { WITHDRAWAL_REASONS } from './vocabulary';

export const INSERT_APPLICATIONS = `
  INSERT INTO applications (agency_id, id, candidate_id, position_id, interest_level, stage, stage_changed_at, created_at)
  SELECT g.agency_id, s.application_id, s.candidate_id, s.position_id, s.interest, s.final,
         ${timestamp('g.monday', 'g.tz', 's.ts[s.len]')}, ${timestamp('g.monday', 'g.tz', 's.ts[1]')}
    FROM bench_story s JOIN bench_agency g USING (agency_no)`;

/**
 * Every move of the path, the first one (from nothing to SUBMITTED) included:
 * the weekly report reads the stage at the week's end from these rows alone,
 * and the engine takes the first as the submission.
 */
export const INSERT_STAGE_CHANGES = `
  INSERT INTO application_stage_changes (agency_id, id, application_id, from_stage, to_stage, reason, changed_by_user_id, changed_at)
  SELECT g.agency_id, ${uuidOf(`s.application_id::text || ':s' || m.k`)}, s.application_id, s.path[m.k - 1], s.path[m.k],
         CASE s.path[m.k]
           WHEN 'INTERVIEWING' THEN 'Interview arranged'
           WHEN 'AWAITING_DECISION' THEN 'Decision pending'
           WHEN 'REFERENCE_CHECK' THEN 'References requested'
           WHEN 'OFFER_VERBAL' THEN 'Verbal offer'
           WHEN 'OFFER_WRITTEN' THEN 'Written offer'
           WHEN 'PLACED' THEN 'Started in the job'
           WHEN 'REJECTED' THEN 'The employer declined'
           WHEN 'WITHDRAWN' THEN ${pick('s.h4', 5, WITHDRAWAL_REASONS)}
           WHEN 'OUT_OF_RUNNING' THEN 'Everything tried; keeping the relationship warm (003)'
           WHEN 'ON_HOLD' THEN 'The employer paused hiring'
         END,
         s.counselor_id, ${timestamp('g.monday', 'g.tz', 's.ts[m.k]')}
    FROM bench_story s JOIN bench_agency g USING (agency_no)
   CROSS JOIN LATERAL generate_series(1, s.len) AS m(k)`;
