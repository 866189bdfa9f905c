/**
 * The figures of one agency's week, each one set-based statement grouped by
 * the candidate's counselor: $1 agency, $2 week start, $3 week end (exclusive).
 * Agency totals are the sums of the counselors' rows. Every statement takes
 * the same three parameters; the "as of the week's end" ones state $2's type
 * (`$2::timestamptz < $3`) because PostgreSQL refuses a parameter it cannot type.
 */
const APPS = `SELECT a.id, a.agency_id, c.counselor_id FROM applications a
  JOIN candidates c ON c.agency_id = a.agency_id AND c.id = a.candidate_id WHERE a.agency_id = $1`;

export const COUNT_BY_COUNSELOR = {
  interviews: `SELECT apps.counselor_id, count(*)::int AS n FROM interviews i JOIN (${APPS}) apps ON apps.id = i.application_id
    WHERE i.agency_id = $1 AND i.occurred_at >= $2 AND i.occurred_at < $3 GROUP BY 1`,
  debriefs: `SELECT apps.counselor_id, count(*)::int AS n FROM debriefs d JOIN (${APPS}) apps ON apps.id = d.application_id
    WHERE d.agency_id = $1 AND d.held_at >= $2 AND d.held_at < $3 GROUP BY 1`,
  followUpsMade: `SELECT apps.counselor_id, count(*)::int AS n FROM follow_ups f JOIN (${APPS}) apps ON apps.id = f.application_id
    WHERE f.agency_id = $1 AND f.occurred_at >= $2 AND f.occurred_at < $3 AND f.direction = 'OUTBOUND' GROUP BY 1`,
  followUpsAnswered: `SELECT apps.counselor_id, count(*)::int AS n FROM follow_ups f JOIN (${APPS}) apps ON apps.id = f.application_id
    WHERE f.agency_id = $1 AND f.occurred_at >= $2 AND f.occurred_at < $3 AND f.direction = 'OUTBOUND'
      AND (f.outcome = 'REPLIED' OR f.response_kind IS NOT NULL) GROUP BY 1`,
  referenceSignals: `SELECT apps.counselor_id, count(*)::int AS n FROM reference_signals s JOIN (${APPS}) apps ON apps.id = s.application_id
    WHERE s.agency_id = $1 AND s.occurred_at >= $2 AND s.occurred_at < $3 GROUP BY 1`,
  verbalOffers: movesInto('OFFER_VERBAL'),
  writtenOffers: movesInto('OFFER_WRITTEN'),
  placements: movesInto('PLACED'),
  escalationsRaised: `SELECT apps.counselor_id, count(*)::int AS n FROM escalations e JOIN (${APPS}) apps ON apps.id = e.application_id
    WHERE e.agency_id = $1 AND e.raised_at >= $2 AND e.raised_at < $3 GROUP BY 1`,
  escalationsResolved: `SELECT apps.counselor_id, count(*)::int AS n FROM escalations e JOIN (${APPS}) apps ON apps.id = e.application_id
    WHERE e.agency_id = $1 AND e.resolved_at >= $2 AND e.resolved_at < $3 GROUP BY 1`,
  escalationsOpen: `SELECT apps.counselor_id, count(*)::int AS n FROM escalations e JOIN (${APPS}) apps ON apps.id = e.application_id
    WHERE e.agency_id = $1 AND $2::timestamptz < $3 AND e.raised_at < $3 AND (e.resolved_at IS NULL OR e.resolved_at >= $3)
    GROUP BY 1`,
};

function movesInto(stage: string): string {
  return `SELECT apps.counselor_id, count(*)::int AS n FROM application_stage_changes s JOIN (${APPS}) apps ON apps.id = s.application_id
    WHERE s.agency_id = $1 AND s.changed_at >= $2 AND s.changed_at < $3 AND s.to_stage = '${stage}' GROUP BY 1`;
}

/** Per counselor and stage: applications in it at the week's end, moves in and out during the week. */
export const STAGES_BY_COUNSELOR = `
  WITH apps AS (${APPS}),
  at_end AS (
    SELECT DISTINCT ON (s.application_id) s.application_id, s.to_stage
      FROM application_stage_changes s
     WHERE s.agency_id = $1 AND s.changed_at < $3
     ORDER BY s.application_id, s.changed_at DESC, s.id DESC),
  counted AS (
    SELECT apps.counselor_id, e.to_stage AS stage, count(*)::int AS count, 0 AS moved_in, 0 AS moved_out
      FROM at_end e JOIN apps ON apps.id = e.application_id GROUP BY 1, 2
    UNION ALL
    SELECT apps.counselor_id, s.to_stage, 0, count(*)::int, 0 FROM application_stage_changes s JOIN apps ON apps.id = s.application_id
     WHERE s.agency_id = $1 AND s.changed_at >= $2 AND s.changed_at < $3 GROUP BY 1, 2
    UNION ALL
    SELECT apps.counselor_id, s.from_stage, 0, 0, count(*)::int FROM application_stage_changes s JOIN apps ON apps.id = s.application_id
     WHERE s.agency_id = $1 AND s.changed_at >= $2 AND s.changed_at < $3 AND s.from_stage IS NOT NULL GROUP BY 1, 2)
  SELECT counselor_id, stage, sum(count)::int AS count, sum(moved_in)::int AS moved_in, sum(moved_out)::int AS moved_out
    FROM counted GROUP BY 1, 2`;

/** Follow-ups made in the week by one of channel, purpose, outcome. */
export const FOLLOW_UPS_BY = (column: 'channel' | 'purpose' | 'outcome') => `
  SELECT ${column} AS key, count(*)::int AS count FROM follow_ups
   WHERE agency_id = $1 AND occurred_at >= $2 AND occurred_at < $3 AND direction = 'OUTBOUND'
   GROUP BY 1 ORDER BY 1`;

export const SIGNALS_BY_KIND = `
  SELECT kind AS key, count(*)::int AS count FROM reference_signals
   WHERE agency_id = $1 AND occurred_at >= $2 AND occurred_at < $3 GROUP BY 1 ORDER BY 1`;

/** Applications with an open escalation at the week's end: the stalled ones, most escalated first. */
export const STALLED = `
  SELECT DISTINCT ON (e.application_id) e.application_id AS "applicationId", a.candidate_id AS "candidateId",
         c.full_name AS "candidateName", c.counselor_id AS "counselorId", e.level, e.raised_at AS "raisedAt"
    FROM escalations e
    JOIN applications a ON a.agency_id = e.agency_id AND a.id = e.application_id
    JOIN candidates c ON c.agency_id = a.agency_id AND c.id = a.candidate_id
   WHERE e.agency_id = $1 AND $2::timestamptz < $3 AND e.raised_at < $3 AND (e.resolved_at IS NULL OR e.resolved_at >= $3)
   ORDER BY e.application_id, e.raised_at DESC`;

/** The employer's decisions in the week (first per application) with the application's first interview. */
export const DECISIONS = `
  SELECT DISTINCT ON (s.application_id) s.application_id, s.changed_at AS decided_at, emp.timezone,
         (SELECT min(i.occurred_at) FROM interviews i WHERE i.agency_id = s.agency_id AND i.application_id = s.application_id)
           AS interviewed_at
    FROM application_stage_changes s
    JOIN applications a ON a.agency_id = s.agency_id AND a.id = s.application_id
    JOIN positions p ON p.agency_id = a.agency_id AND p.id = a.position_id
    JOIN employers emp ON emp.agency_id = p.agency_id AND emp.id = p.employer_id
   WHERE s.agency_id = $1 AND s.changed_at >= $2 AND s.changed_at < $3
     AND s.to_stage IN ('OFFER_VERBAL', 'OFFER_WRITTEN', 'REJECTED')
   ORDER BY s.application_id, s.changed_at`;

export const COUNSELORS = `
  SELECT DISTINCT u.id, u.full_name FROM users u
    JOIN candidates c ON c.agency_id = u.agency_id AND c.counselor_id = u.id
   WHERE u.agency_id = $1 ORDER BY u.full_name, u.id`;
