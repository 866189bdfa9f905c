import { Injectable } from '@nestjs/common';
import { Clock } from '@lib/clock';
import { RequestContext } from '@lib/context';
import { NotificationKick } from '@lib/notifications';

/**
 * Tells the candidate's counselor what the candidate did in the portal, by
 * e-mail through the outbox, in the candidate's transaction. Keyed by what it
 * announces (a new follow-up, an interview's first debrief request), so a
 * second write is a unique violation that rolls the action back; no ON
 * CONFLICT, which would need a candidate to read the outbox.
 */
@Injectable()
export class CounselorNotices {
  constructor(
    private readonly clock: Clock,
    private readonly kick: NotificationKick,
  ) {}

  async notify(ctx: RequestContext, candidateId: string, about: { key: string; kind: string; what: string }) {
    const now = this.clock.now();
    await ctx.query(
      `INSERT INTO notifications (agency_id, id, dedupe_key, kind, channel, recipient_user_id, target, subject, body,
                                  payload, status, next_attempt_at, created_at)
       SELECT c.agency_id, gen_random_uuid(), $3, $4, 'EMAIL', u.id, u.email,
              c.full_name || ' ' || $5, c.full_name || ' ' || $5 || E' in the candidate portal.\\n',
              jsonb_build_object('candidateId', c.id), 'PENDING', $6, $6
         FROM candidates c JOIN users u ON u.agency_id = c.agency_id AND u.id = c.counselor_id
        WHERE c.agency_id = $1 AND c.id = $2`,
      [ctx.agencyId, candidateId, about.key, about.kind, about.what, now],
    );
    this.kick.afterCommit(ctx);
  }
}
