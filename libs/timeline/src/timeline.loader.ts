import { RequestContext } from '@lib/context';
import DataLoader from 'dataloader';
import { describeEvent, TimelineRow } from './describe-event';
import { TimelineEventModel } from './timeline-event.model';

/** Every event of a batch of applications, oldest first, in one statement. */
const TIMELINE_SQL = `
  SELECT application_id, at, kind, record_id, detail FROM (
    SELECT application_id, changed_at AS at, 'STAGE_CHANGED' AS kind, id AS record_id,
           jsonb_build_object('from', from_stage, 'to', to_stage, 'reason', reason) AS detail
      FROM application_stage_changes WHERE agency_id = $1 AND application_id = ANY($2)
    UNION ALL
    SELECT application_id, occurred_at, 'INTERVIEW', id, jsonb_build_object('arranged', arranged_by_agency)
      FROM interviews WHERE agency_id = $1 AND application_id = ANY($2)
    UNION ALL
    SELECT application_id, held_at, 'DEBRIEF', id, jsonb_build_object('rating', rating)
      FROM debriefs WHERE agency_id = $1 AND application_id = ANY($2)
    UNION ALL
    SELECT application_id, occurred_at, 'FOLLOW_UP', id,
           jsonb_build_object('purpose', purpose, 'channel', channel, 'outcome', outcome,
                              'direction', direction, 'response', response_kind)
      FROM follow_ups WHERE agency_id = $1 AND application_id = ANY($2)
    UNION ALL
    SELECT application_id, occurred_at, 'REFERENCE_SIGNAL', id, jsonb_build_object('kind', kind)
      FROM reference_signals WHERE agency_id = $1 AND application_id = ANY($2)
    UNION ALL
    SELECT application_id, created_at, 'TASK', id, jsonb_build_object('title', title)
      FROM tasks WHERE agency_id = $1 AND application_id = ANY($2)
  ) events
  ORDER BY at, kind, record_id`;

export function timelineLoader(ctx: RequestContext): DataLoader<string, TimelineEventModel[]> {
  return ctx.memo('timeline', () => {
    return new DataLoader<string, TimelineEventModel[]>(async (applicationIds) => {
      const rows = await ctx.query<TimelineRow>(TIMELINE_SQL, [ctx.agencyId, [...applicationIds]]);
      const byApplication = new Map<string, TimelineEventModel[]>(applicationIds.map((id) => [id, []]));
      for (const row of rows) {
        byApplication.get(row.application_id)?.push({
          at: row.at,
          kind: row.kind,
          recordId: row.record_id,
          summary: describeEvent(row),
        });
      }
      return applicationIds.map((id) => byApplication.get(id) ?? []);
    });
  });
}
