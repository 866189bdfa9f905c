import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { PassportStrategy } from '@nestjs/passport';
import { authConfig } from '@lib/config';
import { UserPrincipal } from '@lib/context';
import { UnauthenticatedError } from '@lib/errors';
import type { FastifyRequest } from 'fastify';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { SessionsService } from '../sessions.service';
import { accessTokenKey } from '../tokens/access-token-key';
import { ACCESS_TOKEN_ALGORITHM, AccessTokenClaims, AccessTokenService } from '../tokens/access-token.service';

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(authConfig.KEY) config: ConfigType<typeof authConfig>,
    private readonly accessTokens: AccessTokenService,
    private readonly sessions: SessionsService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // Built once (see accessTokenKey). Handed as is to jsonwebtoken's verify, which takes a KeyObject:
      // passport-jwt's typings name strings and buffers only.
      secretOrKey: accessTokenKey(config.jwtSecret) as unknown as Buffer,
      // Pinned: "none" and every other algorithm are refused.
      algorithms: [ACCESS_TOKEN_ALGORITHM],
      issuer: config.jwtIssuer,
      audience: config.jwtAudience,
      // Expiry is checked against the injected clock in AccessTokenService.
      ignoreExpiration: true,
      passReqToCallback: true,
    });
  }

  async validate(request: FastifyRequest, claims: Partial<AccessTokenClaims>): Promise<UserPrincipal> {
    const principal = this.accessTokens.principalFrom(claims);
    const ctx = request.requestContext;
    if (!principal || !ctx) throw new UnauthenticatedError();
    ctx.authenticate(principal);
    await this.sessions.assertActive(ctx);
    return principal;
  }
}
