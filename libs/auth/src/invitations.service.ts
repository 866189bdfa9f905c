import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { AuditService } from '@lib/audit';
import { Clock } from '@lib/clock';
import { authConfig } from '@lib/config';
import { RequestContext, Role } from '@lib/context';
import { BadUserInputError } from '@lib/errors';
import { User, UsersService, normalizeEmail } from '@lib/users';
import { Invitation } from './entities';
import { hashSecret, newOpaqueToken, parseOpaqueToken } from './tokens/opaque-token';
import { PasswordHasher } from './tokens/password-hasher';

export interface NewInvitation {
  email: string;
  fullName: string;
  role: Role;
  /** For a candidate's portal account. */
  candidateId?: string;
}

export interface IssuedInvitation {
  invitation: Invitation;
  /** Shown once, to be sent to the invitee; only its hash is kept. */
  token: string;
}

const HOUR_MS = 60 * 60 * 1000;
const INVALID_TOKEN = 'The invitation is not valid: it may have expired or been used already';

/** Single-use, expiring invitations: how staff (and later candidates) get an account. */
@Injectable()
export class InvitationsService {
  constructor(
    private readonly clock: Clock,
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    @Inject(authConfig.KEY) private readonly config: ConfigType<typeof authConfig>,
  ) {}

  async invite(ctx: RequestContext, input: NewInvitation): Promise<IssuedInvitation> {
    const email = normalizeEmail(input.email);
    if (await this.users.findForLogin(ctx, email)) {
      throw BadUserInputError.forField('email', 'A user with this e-mail address already exists in this agency');
    }
    const token = newOpaqueToken(ctx.agencyId!);
    const now = this.clock.now();
    const invitation: Invitation = {
      agencyId: ctx.agencyId!,
      id: token.id,
      email,
      fullName: input.fullName.trim(),
      role: input.role,
      tokenHash: token.hash,
      invitedByUserId: ctx.user.userId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + this.config.invitationTtlHours * HOUR_MS),
      acceptedAt: null,
      acceptedUserId: null,
      candidateId: input.candidateId ?? null,
    };
    await (await ctx.repository(Invitation)).insert(invitation);
    return { invitation, token: token.value };
  }

  /** An admin invites a staff member; the audit trail says who invited whom into which role. */
  async inviteStaff(ctx: RequestContext, input: NewInvitation): Promise<IssuedInvitation> {
    const issued = await this.invite(ctx, input);
    await this.audit.record(ctx, {
      action: 'user.invited',
      recordType: 'invitation',
      recordId: issued.invitation.id,
      details: { role: issued.invitation.role },
    });
    return issued;
  }

  /**
   * Ends the pending invitations a user issued: their tokens were shown to
   * that user, so someone leaving could otherwise come back through one.
   * They end as expired ones do. Returns how many.
   */
  async withdrawIssuedBy(ctx: RequestContext, userId: string): Promise<number> {
    const now = this.clock.now();
    const withdrawn = await ctx.query<{ id: string }>(
      `UPDATE invitations SET expires_at = $3
        WHERE agency_id = $1 AND invited_by_user_id = $2 AND accepted_at IS NULL AND expires_at > $3
        RETURNING id`,
      [ctx.agencyId, userId, now],
    );
    return withdrawn.length;
  }

  /** Consumes the invitation and creates its user; a second use, or a late one, is refused. */
  async accept(ctx: RequestContext, tokenValue: string, password: string): Promise<User> {
    const parsed = parseOpaqueToken(tokenValue);
    if (!parsed) throw BadUserInputError.forField('token', INVALID_TOKEN);
    await ctx.enterAgency(parsed.agencyId);
    const now = this.clock.now();
    const [claimed] = await ctx.query<{ email: string; full_name: string; role: Role; candidate_id: string | null }>(
      `UPDATE invitations SET accepted_at = $4
        WHERE agency_id = $1 AND id = $2 AND token_hash = $3 AND accepted_at IS NULL AND expires_at > $4
        RETURNING email, full_name, role, candidate_id`,
      [parsed.agencyId, parsed.id, hashSecret(parsed.secret), now],
    );
    if (!claimed) throw BadUserInputError.forField('token', INVALID_TOKEN);
    const user = await this.users.create(ctx, {
      email: claimed.email,
      fullName: claimed.full_name,
      role: claimed.role,
      passwordHash: await this.hasher.hash(password),
      candidateId: claimed.candidate_id,
    });
    await ctx.query(`UPDATE invitations SET accepted_user_id = $3 WHERE agency_id = $1 AND id = $2`, [
      parsed.agencyId,
      parsed.id,
      user.id,
    ]);
    return user;
  }
}
