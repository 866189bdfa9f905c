import { Injectable } from '@nestjs/common';
import { AgenciesService } from '@lib/agencies';
import { Clock } from '@lib/clock';
import { RequestContext } from '@lib/context';
import { CLOSED_STAGES } from '@lib/pipeline';
import { DateTime } from 'luxon';

/** The digest goes out at this hour of the agency's morning. */
export const DIGEST_LOCAL_HOUR = 7;

/**
 * One e-mail per counselor, each working morning in the agency's time zone,
 * listing their candidates' next steps due today or overdue, soonest first.
 * Written to the outbox in one statement; keyed by counselor and local date,
 * so the hourly sweep, a retry or a second worker never sends it twice.
 */
const WRITE_DIGESTS = `
  INSERT INTO notifications (agency_id, id, dedupe_key, kind, channel, recipient_user_id, target, subject, body,
                             payload, status, next_attempt_at, created_at)
  SELECT u.agency_id, gen_random_uuid(), 'digest:' || u.id || ':' || $3, 'digest.daily', 'EMAIL', u.id, u.email,
         'Your follow-ups for ' || $3 || ': ' || count(*) || ' due',
         string_agg(
           CASE WHEN n.due_at < $2 THEN '[overdue] ' ELSE '' END
             || to_char(n.due_at AT TIME ZONE e.timezone, 'Dy DD Mon HH24:MI') || ' (' || e.name || ' time) - '
             || c.full_name || ', ' || p.title || ' at ' || e.name || ': ' || n.reason,
           E'\\n' ORDER BY n.due_at),
         jsonb_build_object('date', $3, 'due', count(*), 'overdue', count(*) FILTER (WHERE n.due_at < $2)),
         'PENDING', $2, $2
    FROM application_next_steps n
    JOIN applications a ON a.agency_id = n.agency_id AND a.id = n.application_id
    JOIN candidates c ON c.agency_id = a.agency_id AND c.id = a.candidate_id
    JOIN users u ON u.agency_id = c.agency_id AND u.id = c.counselor_id
    JOIN positions p ON p.agency_id = a.agency_id AND p.id = a.position_id
    JOIN employers e ON e.agency_id = p.agency_id AND e.id = p.employer_id
   WHERE n.agency_id = $1 AND n.action <> 'NONE' AND n.due_at < $4 AND a.stage <> ALL($5::text[])
     AND u.deactivated_at IS NULL
   GROUP BY u.agency_id, u.id, u.email
  ON CONFLICT ON CONSTRAINT notifications_dedupe_key DO NOTHING
  RETURNING id`;

@Injectable()
export class DailyDigestService {
  constructor(
    private readonly clock: Clock,
    private readonly agencies: AgenciesService,
  ) {}

  /** Writes today's digests if it is the agency's digest hour on a weekday; returns how many were written. */
  async writeIfDue(ctx: RequestContext): Promise<number> {
    const agency = await this.agencies.current(ctx);
    const now = this.clock.now();
    const local = DateTime.fromJSDate(now, { zone: agency.timezone });
    if (local.hour < DIGEST_LOCAL_HOUR || local.weekday > 5) return 0;
    const written = await ctx.query<{ id: string }>(WRITE_DIGESTS, [
      ctx.agencyId,
      now,
      local.toISODate(),
      local.endOf('day').toJSDate(),
      CLOSED_STAGES,
    ]);
    return written.length;
  }
}
