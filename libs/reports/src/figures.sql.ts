/**
 * The figures of one agency's week as a few set-based statements, each
 * reading only the rows of the week it reports on (the `*_time_idx`
 * indexes of migrations 1796200000000 and 1796600000000): $1 agency, $2 week start, $3 week end
 * (exclusive). Agency totals are the sums of the counselors' rows. A statement that needs only the week's end still
 * states $2's type (`$2::timestamptz < $3`): PostgreSQL refuses a parameter it
 * cannot type, and every statement takes the same parameters.
 */

/** The application's counselor: the candidate's. */
const COUNSELOR_OF = `JOIN applications a ON a.agency_id = $1 AND a.id = e.application_id
  JOIN candidates c ON c.agency_id = $1 AND c.id = a.candidate_id`;

/**
 * Every counted event of the week, tagged with the figure it counts towards,
 * with its application. Open escalations are counted at the week's end.
 */
const EVENTS_BY_APPLICATION = `
    SELECT 'interviews' AS figure, application_id FROM interviews
     WHERE agency_id = $1 AND occurred_at >= $2 AND occurred_at < $3
    UNION ALL
    SELECT 'debriefs', application_id FROM debriefs WHERE agency_id = $1 AND held_at >= $2 AND held_at < $3
    UNION ALL
    SELECT 'referenceSignals', application_id FROM reference_signals
     WHERE agency_id = $1 AND occurred_at >= $2 AND occurred_at < $3
    UNION ALL
    SELECT CASE to_stage WHEN 'OFFER_VERBAL' THEN 'verbalOffers' WHEN 'OFFER_WRITTEN' THEN 'writtenOffers'
                         ELSE 'placements' END,
           application_id
      FROM application_stage_changes
     WHERE agency_id = $1 AND changed_at >= $2 AND changed_at < $3
       AND to_stage IN ('OFFER_VERBAL', 'OFFER_WRITTEN', 'PLACED')
    UNION ALL
    SELECT 'escalationsRaised', application_id FROM escalations
     WHERE agency_id = $1 AND raised_at >= $2 AND raised_at < $3
    UNION ALL
    SELECT 'escalationsResolved', application_id FROM escalations
     WHERE agency_id = $1 AND resolved_at >= $2 AND resolved_at < $3
    UNION ALL
    SELECT 'escalationsOpen', application_id FROM escalations
     WHERE agency_id = $1 AND raised_at < $3 AND (resolved_at IS NULL OR resolved_at >= $3)`;
/** Follow-ups, the most numerous events, carry their candidate: they need no application. */
const FOLLOW_UP_EVENTS = `
    SELECT counted.figure, candidate_id
      FROM follow_ups CROSS JOIN LATERAL (
             SELECT 'followUpsMade' AS figure
             UNION ALL
             SELECT 'followUpsAnswered' WHERE outcome = 'REPLIED' OR response_kind IS NOT NULL) counted
     WHERE agency_id = $1 AND occurred_at >= $2 AND occurred_at < $3 AND direction = 'OUTBOUND'`;

/** The week's events per counselor and figure: each event's application, then its candidate's counselor. */
export const ACTIVITY_BY_COUNSELOR = `
  WITH by_candidate AS (${FOLLOW_UP_EVENTS}
    UNION ALL
    SELECT e.figure, a.candidate_id FROM (${EVENTS_BY_APPLICATION}) e
      JOIN applications a ON a.agency_id = $1 AND a.id = e.application_id)
  SELECT c.counselor_id, e.figure, count(*)::int AS n
    FROM by_candidate e JOIN candidates c ON c.agency_id = $1 AND c.id = e.candidate_id
   GROUP BY 1, 2`;

/**
 * The same figures for the agency as a whole, for the change since the week
 * before: totals only, so no event needs its counselor. $2 and $3 are that
 * week's start and end.
 */
export const ACTIVITY_TOTALS = `
  SELECT figure, count(*)::int AS n FROM (${FOLLOW_UP_EVENTS} UNION ALL ${EVENTS_BY_APPLICATION}) e
   GROUP BY 1`;

/**
 * Per counselor and stage: applications in it at the week's end, moves in
 * and out during the week. An application's stage at the week's end is its
 * stage now unless it moved since; only those that moved since (few, for a
 * recent week) look up their history.
 */
export const STAGES_BY_COUNSELOR = `
  WITH moved_since AS (
    SELECT DISTINCT application_id FROM application_stage_changes WHERE agency_id = $1 AND changed_at >= $3),
  at_end AS (
    SELECT a.candidate_id, a.stage FROM applications a
     WHERE a.agency_id = $1
       AND NOT EXISTS (SELECT 1 FROM moved_since m WHERE m.application_id = a.id)
    UNION ALL
    SELECT a.candidate_id, before_end.to_stage
      FROM moved_since m
      JOIN applications a ON a.agency_id = $1 AND a.id = m.application_id
      CROSS JOIN LATERAL (
        SELECT s.to_stage FROM application_stage_changes s
         WHERE s.agency_id = $1 AND s.application_id = m.application_id AND s.changed_at < $3
         ORDER BY s.changed_at DESC, s.id DESC LIMIT 1) before_end),
  moves AS (
    SELECT e.application_id, e.to_stage AS stage, 1 AS moved_in, 0 AS moved_out
      FROM application_stage_changes e WHERE e.agency_id = $1 AND e.changed_at >= $2 AND e.changed_at < $3
    UNION ALL
    SELECT e.application_id, e.from_stage, 0, 1
      FROM application_stage_changes e
     WHERE e.agency_id = $1 AND e.changed_at >= $2 AND e.changed_at < $3 AND e.from_stage IS NOT NULL),
  counted AS (
    SELECT c.counselor_id, at_end.stage, count(*)::int AS count, 0 AS moved_in, 0 AS moved_out
      FROM at_end JOIN candidates c ON c.agency_id = $1 AND c.id = at_end.candidate_id GROUP BY 1, 2
    UNION ALL
    SELECT c.counselor_id, e.stage, 0, sum(e.moved_in)::int, sum(e.moved_out)::int FROM moves e ${COUNSELOR_OF}
     GROUP BY 1, 2)
  SELECT counselor_id, stage, sum(count)::int AS count, sum(moved_in)::int AS moved_in, sum(moved_out)::int AS moved_out
    FROM counted GROUP BY 1, 2`;

/** Follow-ups made in the week by channel, by purpose and by outcome, in one pass. */
export const FOLLOW_UPS_BY = `
  SELECT CASE WHEN GROUPING(channel) = 0 THEN 'channel' WHEN GROUPING(purpose) = 0 THEN 'purpose' ELSE 'outcome' END
           AS dimension,
         coalesce(channel, purpose, outcome) AS key, count(*)::int AS count
    FROM follow_ups
   WHERE agency_id = $1 AND occurred_at >= $2 AND occurred_at < $3 AND direction = 'OUTBOUND'
   GROUP BY GROUPING SETS ((channel), (purpose), (outcome))
   ORDER BY 1, 2`;

export const SIGNALS_BY_KIND = `
  SELECT kind AS key, count(*)::int AS count FROM reference_signals
   WHERE agency_id = $1 AND occurred_at >= $2 AND occurred_at < $3 GROUP BY 1 ORDER BY 1`;

/** Applications with an open escalation at the week's end: the stalled ones, most escalated first. */
export const STALLED = `
  SELECT DISTINCT ON (e.application_id) e.application_id AS "applicationId", a.candidate_id AS "candidateId",
         c.full_name AS "candidateName", c.counselor_id AS "counselorId", e.level, e.raised_at AS "raisedAt"
    FROM escalations e ${COUNSELOR_OF}
   WHERE e.agency_id = $1 AND $2::timestamptz < $3 AND e.raised_at < $3 AND (e.resolved_at IS NULL OR e.resolved_at >= $3)
   ORDER BY e.application_id, e.raised_at DESC`;

/**
 * The employer's decisions in the week (first per application) and the
 * application's first interview, as calendar days in the employer's time zone.
 */
export const DECISIONS = `
  SELECT emp.timezone, to_char(d.decided_at AT TIME ZONE emp.timezone, 'YYYY-MM-DD') AS decided_on,
         to_char(d.interviewed_at AT TIME ZONE emp.timezone, 'YYYY-MM-DD') AS interviewed_on
    FROM (SELECT DISTINCT ON (s.application_id) s.application_id, s.changed_at AS decided_at,
                 (SELECT min(i.occurred_at) FROM interviews i WHERE i.agency_id = $1 AND i.application_id = s.application_id)
                   AS interviewed_at
            FROM application_stage_changes s
           WHERE s.agency_id = $1 AND s.changed_at >= $2 AND s.changed_at < $3
             AND s.to_stage IN ('OFFER_VERBAL', 'OFFER_WRITTEN', 'REJECTED')
           ORDER BY s.application_id, s.changed_at) d
    JOIN applications a ON a.agency_id = $1 AND a.id = d.application_id
    JOIN positions p ON p.agency_id = $1 AND p.id = a.position_id
    JOIN employers emp ON emp.agency_id = $1 AND emp.id = p.employer_id
   WHERE d.interviewed_at IS NOT NULL`;

/** Staff with candidates of their own: the report's rows. */
export const COUNSELORS = `
  SELECT u.id, u.full_name FROM users u
   WHERE u.agency_id = $1 AND EXISTS (SELECT 1 FROM candidates c WHERE c.agency_id = $1 AND c.counselor_id = u.id)
   ORDER BY u.full_name, u.id`;
