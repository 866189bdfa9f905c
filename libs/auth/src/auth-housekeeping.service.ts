import { Injectable } from '@nestjs/common';
import { Clock } from '@lib/clock';
import { RequestContext } from '@lib/context';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Revoked and expired sessions are kept this long for the audit of a suspicious sign-in. */
const SESSION_RETENTION_DAYS = 30;

export interface PurgeResult {
  sessions: number;
  invitations: number;
}

/** Deletes what can no longer be used. Idempotent: a second run finds nothing left. */
@Injectable()
export class AuthHousekeepingService {
  constructor(private readonly clock: Clock) {}

  async purgeExpired(ctx: RequestContext): Promise<PurgeResult> {
    const cutoff = new Date(this.clock.now().getTime() - SESSION_RETENTION_DAYS * DAY_MS);
    // Refresh tokens go with their session (ON DELETE CASCADE).
    const sessions = await ctx.query<{ id: string }>(
      `DELETE FROM auth_sessions WHERE agency_id = $1 AND (expires_at < $2 OR revoked_at < $2) RETURNING id`,
      [ctx.agencyId, cutoff],
    );
    const invitations = await ctx.query<{ id: string }>(
      `DELETE FROM invitations WHERE agency_id = $1 AND accepted_at IS NULL AND expires_at < $2 RETURNING id`,
      [ctx.agencyId, cutoff],
    );
    return { sessions: sessions.length, invitations: invitations.length };
  }
}
