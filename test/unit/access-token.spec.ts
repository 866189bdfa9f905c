import { createHmac } from 'node:crypto';
import { ACCESS_TOKEN_ALGORITHM, AccessTokenService } from '@lib/auth';
import { FixedClock } from '@lib/clock';
import { Role, UserPrincipal } from '@lib/context';
import { JwtService } from '@nestjs/jwt';
import { verify, VerifyOptions } from 'jsonwebtoken';
import { accessTokenKey } from '../../libs/auth/src/tokens/access-token-key';

// Not ASCII: the key the strategy verifies with must hold the same bytes the tokens are signed with.
const secret = 'é-'.repeat(20);

const config = {
  jwtSecret: secret,
  jwtIssuer: 'issuer',
  jwtAudience: 'audience',
  accessTokenTtlSeconds: 900,
} as never;

const principal: UserPrincipal = {
  kind: 'user',
  agencyId: '6c1a4f6e-1f0e-4d59-9b51-0b7f1c0c8a11',
  userId: '7d2b5a7f-2a1f-4e6a-8c62-1c8a2d1d9b22',
  role: Role.COUNSELOR,
  sessionId: '8e3c6b80-3b20-4f7b-9d73-2d9b3e2eac33',
};

describe('access tokens on the injected clock', () => {
  const clock = new FixedClock('2026-11-23T09:00:00Z');
  const tokens = new AccessTokenService(new JwtService(), clock, config);
  const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());

  it('issues a token that expires after the configured lifetime', () => {
    const signed = tokens.sign(principal);
    expect(signed.expiresAt.toISOString()).toBe('2026-11-23T09:15:00.000Z');
    expect(tokens.principalFrom(claimsOf(signed.token))).toEqual(principal);
  });

  it('refuses the token once the clock passes its expiry', () => {
    const claims = claimsOf(tokens.sign(principal).token);
    clock.advanceSeconds(899);
    expect(tokens.principalFrom(claims)).toEqual(principal);
    clock.advanceSeconds(1);
    expect(tokens.principalFrom(claims)).toBeNull();
  });

  it('refuses claims that live longer than the configured lifetime, or carry an unknown role', () => {
    const now = clock.nowSeconds();
    const base = { sub: principal.userId, agency: principal.agencyId, sid: principal.sessionId, iat: now };
    expect(tokens.principalFrom({ ...base, role: Role.ADMIN, exp: now + 3600 })).toBeNull();
    expect(tokens.principalFrom({ ...base, role: 'ROOT' as Role, exp: now + 60 })).toBeNull();
  });
});

/** As the JWT strategy verifies: the key built once, the algorithm, issuer and audience pinned. */
const strategyOptions: VerifyOptions = {
  algorithms: [ACCESS_TOKEN_ALGORITHM],
  issuer: 'issuer',
  audience: 'audience',
  ignoreExpiration: true,
};

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('the key access tokens are verified with', () => {
  const tokens = new AccessTokenService(new JwtService(), new FixedClock('2026-11-23T09:00:00Z'), config);
  const key = accessTokenKey(secret);

  it('verifies the tokens signed with the configured secret (non-ASCII included)', () => {
    const claims = verify(tokens.sign(principal).token, key, strategyOptions) as Record<string, unknown>;
    expect(tokens.principalFrom(claims)).toEqual(principal);
  });

  it('refuses a token signed with another secret', () => {
    const other = new AccessTokenService(new JwtService(), new FixedClock('2026-11-23T09:00:00Z'), {
      ...(config as object),
      jwtSecret: 'x'.repeat(40),
    } as never);
    expect(() => verify(other.sign(principal).token, key, strategyOptions)).toThrow(/invalid signature/);
  });

  it('refuses unsigned tokens and every algorithm but the pinned one, even with the right secret', () => {
    const claims = JSON.parse(Buffer.from(tokens.sign(principal).token.split('.')[1]!, 'base64url').toString());
    const unsigned = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims)}.`;
    expect(() => verify(unsigned, key, strategyOptions)).toThrow();
    const header = base64url({ alg: 'HS512', typ: 'JWT' });
    const body = base64url(claims);
    const signature = createHmac('sha512', secret).update(`${header}.${body}`).digest('base64url');
    expect(() => verify(`${header}.${body}.${signature}`, key, strategyOptions)).toThrow(/invalid algorithm/);
  });
});
