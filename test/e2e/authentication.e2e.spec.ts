import { createHmac } from 'node:crypto';
import { withOwner } from '../support/database';
import { errorCode, startTestApi, TestApi } from '../support/api';
import { AUTH_PAYLOAD, login, PASSWORD, signUpAgency, SignedUpAgency } from '../support/factories';

const ME = `{ me { id } }`;
const REFRESH = `mutation Refresh($token: String!) { refreshSession(refreshToken: $token) { ${AUTH_PAYLOAD} } }`;

function base64url(value: object | string): string {
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
}

/** An HS256 token signed with the given secret: lets the tests forge exactly the claims they need. */
function signJwt(claims: object, secret: string, header: object = { alg: 'HS256', typ: 'JWT' }): string {
  const unsigned = `${base64url(header)}.${base64url(claims)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
}

describe('authentication', () => {
  let api: TestApi;
  let agency: SignedUpAgency;

  beforeAll(async () => {
    api = await startTestApi();
    agency = await signUpAgency(api);
  });

  afterAll(() => api.close());

  describe('access tokens', () => {
    it('pins algorithm, issuer and audience, and lives at most 15 minutes', () => {
      const header = JSON.parse(Buffer.from(agency.accessToken.split('.')[0]!, 'base64url').toString());
      const claims = claimsOf(agency.accessToken);
      expect(header.alg).toBe('HS256');
      expect(claims.iss).toBe('recruiting-followup');
      expect(claims.aud).toBe('recruiting-followup-api');
      expect((claims.exp as number) - (claims.iat as number)).toBeLessThanOrEqual(900);
    });

    it('accepts a valid token', async () => {
      const me = await api.gql(ME, {}, { token: agency.accessToken });
      expect(me.data!.me.id).toBe(agency.adminId);
    });

    it('refuses a request without a token', async () => {
      expect(errorCode(await api.gql(ME))).toBe('UNAUTHENTICATED');
    });

    it('refuses an expired token', async () => {
      const now = Math.floor(Date.now() / 1000);
      const expired = signJwt(
        { ...claimsOf(agency.accessToken), iat: now - 1000, exp: now - 100 },
        api.env.AUTH_JWT_SECRET!,
      );
      expect(errorCode(await api.gql(ME, {}, { token: expired }))).toBe('UNAUTHENTICATED');
    });

    it('refuses a tampered token', async () => {
      const [header, , signature] = agency.accessToken.split('.');
      const claims = { ...claimsOf(agency.accessToken), role: 'ADMIN', sub: '00000000-0000-4000-8000-000000000000' };
      const tampered = `${header}.${base64url(claims)}.${signature}`;
      expect(errorCode(await api.gql(ME, {}, { token: tampered }))).toBe('UNAUTHENTICATED');
    });

    it('refuses an unsigned token (alg: none)', async () => {
      const unsigned = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claimsOf(agency.accessToken))}.`;
      expect(errorCode(await api.gql(ME, {}, { token: unsigned }))).toBe('UNAUTHENTICATED');
    });

    it('refuses a token for another audience, or from another issuer', async () => {
      const claims = claimsOf(agency.accessToken);
      const secret = api.env.AUTH_JWT_SECRET!;
      const otherAudience = signJwt({ ...claims, aud: 'another-api' }, secret);
      const otherIssuer = signJwt({ ...claims, iss: 'someone-else' }, secret);
      expect(errorCode(await api.gql(ME, {}, { token: otherAudience }))).toBe('UNAUTHENTICATED');
      expect(errorCode(await api.gql(ME, {}, { token: otherIssuer }))).toBe('UNAUTHENTICATED');
    });

    it('refuses a token signed with another secret', async () => {
      const forged = signJwt(claimsOf(agency.accessToken), 'a-different-secret-that-is-long-enough-1234');
      expect(errorCode(await api.gql(ME, {}, { token: forged }))).toBe('UNAUTHENTICATED');
    });
  });

  describe('refresh tokens', () => {
    it('rotates: each refresh token works once and yields a new pair', async () => {
      const session = await login(api, agency.slug, agency.adminEmail, PASSWORD);
      const first = session.data!.login.refreshToken;
      const rotated = await api.gql(REFRESH, { token: first });
      expect(rotated.data!.refreshSession.refreshToken).not.toBe(first);
      const me = await api.gql(ME, {}, { token: rotated.data!.refreshSession.accessToken });
      expect(me.data!.me.id).toBe(agency.adminId);
    });

    it('revokes the whole family when a rotated token is presented again', async () => {
      const session = await login(api, agency.slug, agency.adminEmail, PASSWORD);
      const stolen = session.data!.login.refreshToken;
      const legitimate = (await api.gql(REFRESH, { token: stolen })).data!.refreshSession;

      const replay = await api.gql(REFRESH, { token: stolen });
      expect(errorCode(replay)).toBe('UNAUTHENTICATED');

      // Everything descended from the stolen token is dead: the newest refresh token and its access token.
      expect(errorCode(await api.gql(REFRESH, { token: legitimate.refreshToken }))).toBe('UNAUTHENTICATED');
      expect(errorCode(await api.gql(ME, {}, { token: legitimate.accessToken }))).toBe('UNAUTHENTICATED');
      // Other sessions of the same user live on.
      expect((await api.gql(ME, {}, { token: agency.accessToken })).data!.me.id).toBe(agency.adminId);
    });

    it('refuses garbage and unknown tokens', async () => {
      expect(errorCode(await api.gql(REFRESH, { token: 'nonsense' }))).toBe('UNAUTHENTICATED');
      const unknown = `${agency.agencyId}.00000000-0000-4000-8000-000000000000.${'a'.repeat(43)}`;
      expect(errorCode(await api.gql(REFRESH, { token: unknown }))).toBe('UNAUTHENTICATED');
    });

    it('stores only a hash of each refresh token', async () => {
      const session = await login(api, agency.slug, agency.adminEmail, PASSWORD);
      const secret = session.data!.login.refreshToken.split('.')[2];
      const stored = await withOwner(api.db.ownerUrl, (client) =>
        client.query(`SELECT encode(token_hash, 'escape') AS hash FROM refresh_tokens`),
      );
      expect(stored.rows.length).toBeGreaterThan(0);
      expect(stored.rows.some((row: { hash: string }) => row.hash.includes(secret))).toBe(false);
    });
  });

  describe('logout', () => {
    it('ends the session: its access token and refresh token stop working at once', async () => {
      const session = (await login(api, agency.slug, agency.adminEmail, PASSWORD)).data!.login;
      const loggedOut = await api.gql(`mutation { logout }`, {}, { token: session.accessToken });
      expect(loggedOut.data!.logout).toBe(true);

      expect(errorCode(await api.gql(ME, {}, { token: session.accessToken }))).toBe('UNAUTHENTICATED');
      expect(errorCode(await api.gql(REFRESH, { token: session.refreshToken }))).toBe('UNAUTHENTICATED');
    });
  });

  describe('passwords', () => {
    it('stores argon2id hashes', async () => {
      const stored = await withOwner(api.db.ownerUrl, (client) => client.query(`SELECT password_hash FROM users`));
      expect(stored.rows.length).toBeGreaterThan(0);
      for (const row of stored.rows) expect(row.password_hash.startsWith('$argon2id$')).toBe(true);
    });

    it('refuses a wrong password, an unknown e-mail and an unknown agency with the same answer', async () => {
      const wrongPassword = await login(api, agency.slug, agency.adminEmail, 'not the password at all', '10.9.0.1');
      const unknownEmail = await login(api, agency.slug, 'nobody@agency.test', PASSWORD, '10.9.0.2');
      const unknownAgency = await login(api, 'no-such-agency', agency.adminEmail, PASSWORD, '10.9.0.3');
      for (const response of [wrongPassword, unknownEmail, unknownAgency]) {
        expect(errorCode(response)).toBe('UNAUTHENTICATED');
        expect(response.errors![0].message).toBe('Invalid agency, e-mail or password');
      }
    });

    it('signs in case-insensitively on the e-mail address', async () => {
      const response = await login(api, agency.slug.toUpperCase(), agency.adminEmail.toUpperCase(), PASSWORD);
      expect(response.data!.login.user.id).toBe(agency.adminId);
    });
  });

  describe('sign-up input', () => {
    it('names every offending field and writes nothing', async () => {
      const response = await api.gql(
        `mutation SignUp($input: SignUpAgencyInput!) { signUpAgency(input: $input) { accessToken } }`,
        {
          input: {
            agencyName: 'Half Written',
            timezone: 'Mars/Olympus',
            country: 'XX',
            adminName: 'A',
            adminEmail: 'not-an-email',
            adminPassword: 'short',
          },
        },
      );
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      const fields = (response.errors![0].extensions.fields as { field: string }[]).map((problem) => problem.field);
      expect(fields).toEqual(expect.arrayContaining(['timezone', 'country', 'adminEmail', 'adminPassword']));
      const agencies = await withOwner(api.db.ownerUrl, (client) =>
        client.query(`SELECT 1 FROM agencies WHERE name = 'Half Written'`),
      );
      expect(agencies.rowCount).toBe(0);
    });
  });
});
