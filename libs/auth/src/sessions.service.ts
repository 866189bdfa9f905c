import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { Clock } from '@lib/clock';
import { authConfig } from '@lib/config';
import { RequestContext, RequestContextFactory } from '@lib/context';
import { preparedSql } from '@lib/database';
import { UnauthenticatedError } from '@lib/errors';
import { randomUUID } from 'node:crypto';
import { AuthSession, RefreshToken } from './entities';
import { hashSecret, newOpaqueToken, parseOpaqueToken } from './tokens/opaque-token';

export interface IssuedRefreshToken {
  sessionId: string;
  userId: string;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
}

export enum SessionRevocation {
  LOGOUT = 'LOGOUT',
  REFRESH_TOKEN_REUSED = 'REFRESH_TOKEN_REUSED',
  USER_DEACTIVATED = 'USER_DEACTIVATED',
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Run before every authenticated request: prepared once per connection. */
const LIVE_SESSION_ROLE = preparedSql(`
  SELECT u.role, u.candidate_id
    FROM auth_sessions s
    JOIN users u ON u.agency_id = s.agency_id AND u.id = s.user_id
   WHERE s.agency_id = $1 AND s.id = $2 AND s.user_id = $3
     AND s.revoked_at IS NULL AND s.expires_at > $4 AND u.deactivated_at IS NULL`);

/**
 * Sessions and their rotating refresh tokens. Every refresh consumes the
 * token it is given and issues the next one of the same family; presenting a
 * consumed token again revokes the whole family (RFC 9700, 4.14.2).
 */
@Injectable()
export class SessionsService {
  private readonly logger = new Logger(SessionsService.name);

  constructor(
    private readonly clock: Clock,
    private readonly contexts: RequestContextFactory,
    @Inject(authConfig.KEY) private readonly config: ConfigType<typeof authConfig>,
  ) {}

  async start(ctx: RequestContext, userId: string): Promise<IssuedRefreshToken> {
    const now = this.clock.now();
    const session: AuthSession = {
      agencyId: ctx.agencyId!,
      id: randomUUID(),
      userId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + this.config.refreshTokenTtlDays * DAY_MS),
      revokedAt: null,
      revokedReason: null,
    };
    await (await ctx.repository(AuthSession)).insert(session);
    return this.issueRefreshToken(ctx, session);
  }

  /** Exchanges a refresh token for the next one of its family. */
  async rotate(ctx: RequestContext, presented: string): Promise<IssuedRefreshToken> {
    const parsed = parseOpaqueToken(presented);
    if (!parsed) throw new UnauthenticatedError('The refresh token is not valid');
    await ctx.enterAgency(parsed.agencyId);
    const now = this.clock.now();
    const hash = hashSecret(parsed.secret);

    const consumed = await ctx.query<{ session_id: string }>(
      `UPDATE refresh_tokens SET rotated_at = $4
        WHERE agency_id = $1 AND id = $2 AND token_hash = $3 AND rotated_at IS NULL AND expires_at > $4
        RETURNING session_id`,
      [parsed.agencyId, parsed.id, hash, now],
    );
    const sessionId = consumed[0]?.session_id;
    if (!sessionId) {
      await this.revokeIfReused(ctx, parsed.agencyId, parsed.id, hash);
      throw new UnauthenticatedError('The refresh token is not valid');
    }
    const session = await this.activeSession(ctx, sessionId);
    if (!session) throw new UnauthenticatedError('The session has ended');
    return this.issueRefreshToken(ctx, session);
  }

  async revoke(ctx: RequestContext, sessionId: string, reason: SessionRevocation): Promise<void> {
    await ctx.query(
      `UPDATE auth_sessions SET revoked_at = $3, revoked_reason = $4
        WHERE agency_id = $1 AND id = $2 AND revoked_at IS NULL`,
      [ctx.agencyId, sessionId, this.clock.now(), reason],
    );
  }

  /** Ends every live session of a user, with their refresh tokens and access tokens. Returns how many. */
  async revokeAllOfUser(ctx: RequestContext, userId: string, reason: SessionRevocation): Promise<number> {
    const revoked = await ctx.query<{ id: string }>(
      `UPDATE auth_sessions SET revoked_at = $3, revoked_reason = $4
        WHERE agency_id = $1 AND user_id = $2 AND revoked_at IS NULL
        RETURNING id`,
      [ctx.agencyId, userId, this.clock.now(), reason],
    );
    return revoked.length;
  }

  /**
   * Throws UNAUTHENTICATED unless the context's session is live (not logged
   * out, not revoked, not expired), its user is active, and the token's role
   * is still the user's. One statement, as before: the user row comes with the
   * session. A deactivation revokes the sessions anyway; checking the user too
   * also ends a session that a sign-in started while the deactivation ran.
   * A token signed before a change of role speaks for a role the user no
   * longer has: refused, and the next refresh carries the new one.
   */
  async assertActive(ctx: RequestContext): Promise<void> {
    const principal = ctx.user;
    const [live] = await ctx.query<{ role: string; candidate_id: string | null }>(LIVE_SESSION_ROLE, [
      ctx.agencyId,
      principal.sessionId,
      principal.userId,
      this.clock.now(),
    ]);
    if (!live) throw new UnauthenticatedError('The session has ended');
    if (live.role !== principal.role || (live.candidate_id ?? undefined) !== principal.candidateId) {
      throw new UnauthenticatedError('The account has changed since this token was issued: refresh the session');
    }
  }

  private async activeSession(ctx: RequestContext, sessionId: string): Promise<AuthSession | null> {
    const sessions = await ctx.repository(AuthSession);
    const session = await sessions.findOneBy({ agencyId: ctx.agencyId!, id: sessionId });
    if (!session || session.revokedAt || session.expiresAt <= this.clock.now()) return null;
    return session;
  }

  private async issueRefreshToken(ctx: RequestContext, session: AuthSession): Promise<IssuedRefreshToken> {
    const token = newOpaqueToken(session.agencyId);
    const now = this.clock.now();
    const row: RefreshToken = {
      agencyId: session.agencyId,
      id: token.id,
      sessionId: session.id,
      tokenHash: token.hash,
      createdAt: now,
      expiresAt: session.expiresAt,
      rotatedAt: null,
    };
    await (await ctx.repository(RefreshToken)).insert(row);
    return {
      sessionId: session.id,
      userId: session.userId,
      refreshToken: token.value,
      refreshTokenExpiresAt: session.expiresAt,
    };
  }

  /**
   * The request fails (and its transaction rolls back), so the revocation
   * runs in a transaction of its own and stays.
   */
  private async revokeIfReused(ctx: RequestContext, agencyId: string, tokenId: string, hash: Buffer): Promise<void> {
    const [used] = await ctx.query<{ session_id: string }>(
      `SELECT session_id FROM refresh_tokens
        WHERE agency_id = $1 AND id = $2 AND token_hash = $3 AND rotated_at IS NOT NULL`,
      [agencyId, tokenId, hash],
    );
    if (!used) return;
    this.logger.warn(
      { agencyId, sessionId: used.session_id },
      'Rotated refresh token presented again: revoking its session',
    );
    await this.contexts.runForAgency(agencyId, 'auth.revoke-reused-refresh-token', (own) =>
      this.revoke(own, used.session_id, SessionRevocation.REFRESH_TOKEN_REUSED),
    );
  }
}
