import { RequestContext } from '@lib/context';
import { CLOSED_STAGES, Stage } from '@lib/pipeline';

/** Stages where no escalation can still be acted on: closed, or the written offer that ends the campaign. */
const SETTLED_STAGES: readonly Stage[] = [...CLOSED_STAGES, Stage.OFFER_WRITTEN];

/**
 * Closes the open escalations that history has made moot, before the
 * applications are planned again: the employer answered after the silence
 * the escalation was reckoned from, or the application closed.
 */
export async function settleEscalations(ctx: RequestContext, applicationIds: readonly string[], at: Date) {
  await ctx.query(
    `UPDATE escalations e
        SET resolved_at = $3,
            resolution = CASE WHEN a.stage = ANY($4::text[]) THEN 'APPLICATION_CLOSED' ELSE 'EMPLOYER_ANSWERED' END
       FROM applications a
      WHERE e.agency_id = $1 AND e.application_id = ANY($2::uuid[]) AND e.resolved_at IS NULL
        AND a.agency_id = e.agency_id AND a.id = e.application_id
        AND (a.stage = ANY($4::text[]) OR EXISTS (
              SELECT 1 FROM follow_ups f
               WHERE f.agency_id = e.agency_id AND f.application_id = e.application_id
                 AND f.occurred_at > e.basis_at
                 AND (f.direction = 'INBOUND' OR f.outcome = 'REPLIED' OR f.response_kind IS NOT NULL)))`,
    [ctx.agencyId, applicationIds, at, SETTLED_STAGES],
  );
}
