import { Injectable } from '@nestjs/common';
import { AgenciesService, Agency } from '@lib/agencies';
import { RequestContext, Role, UserPrincipal } from '@lib/context';
import { UnauthenticatedError } from '@lib/errors';
import { isDeactivated, User, UsersService } from '@lib/users';
import { LoginThrottleService } from './login-throttle.service';
import { SessionRevocation, SessionsService } from './sessions.service';
import { AccessTokenService } from './tokens/access-token.service';
import { PasswordHasher } from './tokens/password-hasher';

export interface SignUpAgency {
  agencyName: string;
  timezone: string;
  country: string;
  adminName: string;
  adminEmail: string;
  adminPassword: string;
}

export interface Credentials {
  agencySlug: string;
  email: string;
  password: string;
}

/** What a successful sign-in, refresh or invitation acceptance hands back. */
export interface AuthResult {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
  user: User;
  agency: Agency;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly agencies: AgenciesService,
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly accessTokens: AccessTokenService,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottleService,
  ) {}

  async signUpAgency(ctx: RequestContext, input: SignUpAgency): Promise<AuthResult> {
    const passwordHash = await this.hasher.hash(input.adminPassword);
    await this.agencies.create(ctx, { name: input.agencyName, timezone: input.timezone, country: input.country });
    const admin = await this.users.create(ctx, {
      email: input.adminEmail,
      fullName: input.adminName,
      role: Role.ADMIN,
      passwordHash,
    });
    return this.startSession(ctx, admin);
  }

  /**
   * Checks a password under the login throttle. Returns the user, or null for
   * any wrong agency, e-mail or password alike, so the three cannot be told apart.
   * A deactivated account is refused the same way, after the same work, and
   * stays counted as a failure: neither the answer, its timing nor the throttle
   * tells that its password was right.
   */
  async validateCredentials(ctx: RequestContext, credentials: Credentials): Promise<User | null> {
    const attempt = { ...credentials, clientAddress: ctx.clientAddress ?? 'unknown' };
    await this.throttle.reserveAttempt(attempt);
    const user = await this.findUser(ctx, credentials);
    const valid = user
      ? await this.hasher.verify(user.passwordHash, credentials.password)
      : await this.hasher.verifyNothing(credentials.password);
    if (!user || !valid || isDeactivated(user)) return null;
    await this.throttle.recordSuccess(attempt);
    return user;
  }

  async startSession(ctx: RequestContext, user: User): Promise<AuthResult> {
    const refresh = await this.sessions.start(ctx, user.id);
    return this.result(ctx, user, refresh.sessionId, refresh);
  }

  async refresh(ctx: RequestContext, refreshToken: string): Promise<AuthResult> {
    const refresh = await this.sessions.rotate(ctx, refreshToken);
    const user = await this.users.get(ctx, refresh.userId);
    // Deactivation revokes the sessions too; this holds even for one started while it ran.
    if (isDeactivated(user)) throw new UnauthenticatedError('The session has ended');
    return this.result(ctx, user, refresh.sessionId, refresh);
  }

  async logout(ctx: RequestContext): Promise<void> {
    await this.sessions.revoke(ctx, ctx.user.sessionId, SessionRevocation.LOGOUT);
  }

  private async findUser(ctx: RequestContext, credentials: Credentials): Promise<User | null> {
    const agencyId = await this.agencies.idForSlug(ctx, credentials.agencySlug);
    if (!agencyId) return null;
    await ctx.enterAgency(agencyId);
    return this.users.findForLogin(ctx, credentials.email);
  }

  private async result(
    ctx: RequestContext,
    user: User,
    sessionId: string,
    refresh: { refreshToken: string; refreshTokenExpiresAt: Date },
  ): Promise<AuthResult> {
    const principal: UserPrincipal = {
      kind: 'user',
      agencyId: user.agencyId,
      userId: user.id,
      role: user.role,
      sessionId,
      ...(user.candidateId ? { candidateId: user.candidateId } : {}),
    };
    const access = this.accessTokens.sign(principal);
    return {
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt,
      refreshToken: refresh.refreshToken,
      refreshTokenExpiresAt: refresh.refreshTokenExpiresAt,
      user,
      agency: await this.agencies.current(ctx),
    };
  }
}
