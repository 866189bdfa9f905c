import { CLOSED_STAGES } from './transitions';

/**
 * SQL conditions and sort keys over an application row aliased `a`, shared by
 * the lists of applications and of candidates (which ask them of any of the
 * candidate's applications). They read the follow-up engine's tables; the
 * parameter `:now` is the request's clock.
 */
const CLOSED = CLOSED_STAGES.map((stage) => `'${stage}'`).join(', ');

export const applicationSql = {
  isOpen: `a.stage NOT IN (${CLOSED})`,
  hasOpenEscalation: `EXISTS (SELECT 1 FROM escalations e
    WHERE e.agency_id = a.agency_id AND e.application_id = a.id AND e.resolved_at IS NULL)`,
  isNextStepOverdue: `EXISTS (SELECT 1 FROM application_next_steps n
    WHERE n.agency_id = a.agency_id AND n.application_id = a.id AND n.action <> 'NONE' AND n.due_at < :now)`,
  temperature: `(SELECT n.temperature_score FROM application_next_steps n
    WHERE n.agency_id = a.agency_id AND n.application_id = a.id)`,
  dueAt: `(SELECT n.due_at FROM application_next_steps n
    WHERE n.agency_id = a.agency_id AND n.application_id = a.id AND n.action <> 'NONE')`,
};

/** The same, for "any open application of the candidate aliased `c`". */
export function anyApplicationOfCandidate(condition: string): string {
  return `EXISTS (SELECT 1 FROM applications a
    WHERE a.agency_id = c.agency_id AND a.candidate_id = c.id AND ${applicationSql.isOpen} AND ${condition})`;
}

export const candidateSql = {
  /** The hottest of the candidate's open applications. */
  temperature: `(SELECT max(n.temperature_score) FROM applications a
    JOIN application_next_steps n ON n.agency_id = a.agency_id AND n.application_id = a.id
    WHERE a.agency_id = c.agency_id AND a.candidate_id = c.id AND ${applicationSql.isOpen})`,
  /** The soonest next step of the candidate's open applications. */
  dueAt: `(SELECT min(n.due_at) FROM applications a
    JOIN application_next_steps n ON n.agency_id = a.agency_id AND n.application_id = a.id
    WHERE a.agency_id = c.agency_id AND a.candidate_id = c.id AND ${applicationSql.isOpen} AND n.action <> 'NONE')`,
};

/** Sort keys, ascending in the wanted order and never NULL: hottest first, soonest due first. */
export const hottestFirst = (temperature: string) => `-coalesce(${temperature}, -1)`;
export const soonestDueFirst = (dueAt: string) => `coalesce(${dueAt}, 'infinity'::timestamptz)`;
