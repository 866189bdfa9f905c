import { Injectable } from '@nestjs/common';
import { AuditService } from '@lib/audit';
import { Clock } from '@lib/clock';
import { RequestContext, Role } from '@lib/context';
import { BadUserInputError } from '@lib/errors';
import { isDeactivated, User, UsersService } from '@lib/users';
import { InvitationsService } from '../invitations.service';
import { SessionRevocation, SessionsService } from '../sessions.service';

/**
 * An admin switches an account off (a counselor who leaves, a candidate's
 * portal access) and on again. Staff and candidate accounts alike; the
 * account and everything it did stay on record.
 */
@Injectable()
export class UserDeactivationService {
  constructor(
    private readonly clock: Clock,
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly invitations: InvitationsService,
    private readonly audit: AuditService,
  ) {}

  /**
   * In one transaction: the account is marked, every live session ends (so
   * its access tokens stop working at the next request, and its refresh
   * tokens at once), the invitations it issued and could still hand out are
   * withdrawn, and the audit trail says so. Deactivating a deactivated
   * account changes nothing.
   */
  async deactivate(ctx: RequestContext, userId: string): Promise<User> {
    if (userId === ctx.user.userId) {
      throw BadUserInputError.forField('userId', 'You cannot deactivate your own account: another admin can');
    }
    // Admin rows first, then the target, in every call: concurrent deactivations lock in one order.
    const activeAdmins = await this.users.lockActiveAdminIds(ctx);
    const user = await this.users.getForUpdate(ctx, userId);
    if (isDeactivated(user)) return user;
    if (user.role === Role.ADMIN && !activeAdmins.some((id) => id !== user.id)) {
      throw BadUserInputError.forField('userId', 'The agency must keep at least one active admin');
    }
    const deactivated = await this.users.setDeactivatedAt(ctx, user, this.clock.now());
    const sessionsRevoked = await this.sessions.revokeAllOfUser(ctx, user.id, SessionRevocation.USER_DEACTIVATED);
    const invitationsWithdrawn = await this.invitations.withdrawIssuedBy(ctx, user.id);
    await this.audit.record(ctx, {
      action: 'user.deactivated',
      recordType: 'user',
      recordId: user.id,
      details: { role: user.role, sessionsRevoked, invitationsWithdrawn },
    });
    return deactivated;
  }

  /**
   * The account can sign in again. Its old sessions stay revoked and its
   * withdrawn invitations stay withdrawn: the user signs in afresh.
   */
  async reactivate(ctx: RequestContext, userId: string): Promise<User> {
    const user = await this.users.getForUpdate(ctx, userId);
    if (!isDeactivated(user)) return user;
    const reactivated = await this.users.setDeactivatedAt(ctx, user, null);
    await this.audit.record(ctx, {
      action: 'user.reactivated',
      recordType: 'user',
      recordId: user.id,
      details: { role: user.role },
    });
    return reactivated;
  }
}
