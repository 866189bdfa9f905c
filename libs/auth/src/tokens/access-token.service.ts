import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { Clock } from '@lib/clock';
import { authConfig } from '@lib/config';
import { Role, UserPrincipal } from '@lib/context';

export const ACCESS_TOKEN_ALGORITHM = 'HS256';

/** The claims of an access token. */
export interface AccessTokenClaims {
  sub: string;
  agency: string;
  role: Role;
  sid: string;
  /** A candidate's own record, for candidates only. */
  cid?: string;
  iat: number;
  exp: number;
}

export interface SignedAccessToken {
  token: string;
  expiresAt: Date;
}

@Injectable()
export class AccessTokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly clock: Clock,
    @Inject(authConfig.KEY) private readonly config: ConfigType<typeof authConfig>,
  ) {}

  sign(principal: UserPrincipal): SignedAccessToken {
    const iat = this.clock.nowSeconds();
    const exp = iat + this.config.accessTokenTtlSeconds;
    const claims: AccessTokenClaims = {
      sub: principal.userId,
      agency: principal.agencyId,
      role: principal.role,
      sid: principal.sessionId,
      ...(principal.candidateId ? { cid: principal.candidateId } : {}),
      iat,
      exp,
    };
    const token = this.jwt.sign(claims, {
      secret: this.config.jwtSecret,
      algorithm: ACCESS_TOKEN_ALGORITHM,
      issuer: this.config.jwtIssuer,
      audience: this.config.jwtAudience,
    });
    return { token, expiresAt: new Date(exp * 1000) };
  }

  /**
   * Reads the principal out of claims whose signature, algorithm, issuer and
   * audience were already verified. Expiry is checked here against the
   * injected clock; a token that claims to live longer than the configured
   * lifetime is refused too.
   */
  principalFrom(claims: Partial<AccessTokenClaims>): UserPrincipal | null {
    const { sub, agency, role, sid, cid, iat, exp } = claims;
    if (typeof sub !== 'string' || typeof agency !== 'string' || typeof sid !== 'string') return null;
    if (typeof iat !== 'number' || typeof exp !== 'number') return null;
    if (!Object.values(Role).includes(role as Role)) return null;
    if (exp - iat > this.config.accessTokenTtlSeconds) return null;
    if (exp <= this.clock.nowSeconds()) return null;
    // A candidate's token without their record, or a staff token with one, is not one this service signed.
    if ((role === Role.CANDIDATE) !== (typeof cid === 'string')) return null;
    const principal: UserPrincipal = {
      kind: 'user',
      userId: sub,
      agencyId: agency,
      role: role as Role,
      sessionId: sid,
    };
    return typeof cid === 'string' ? { ...principal, candidateId: cid } : principal;
  }
}
