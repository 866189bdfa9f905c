import { createHmac } from 'node:crypto';
import { withOwner } from '../support/database';
import { errorCode, GraphqlError, GraphqlResponse, startTestApi, TestApi } from '../support/api';
import { AUTH_PAYLOAD, login, PASSWORD, signUpAgency, SignedUpAgency } from '../support/factories';

/*
 * Issue 9, item 4: authentication attacks. The foundation's cases are in
 * authentication.e2e.spec.ts (forged, expired, unsigned, tampered and foreign
 * tokens; refresh rotation and reuse; logout; one answer for a wrong agency,
 * e-mail or password; argon2id; only hashes stored), the throttle's limits one
 * request at a time in login-throttle.e2e.spec.ts, single use and expiry of
 * invitations in invitations-and-roles.e2e.spec.ts, and every operation called
 * with another agency's ids (deactivateUser and reactivateUser included) in
 * isolation-matrix.e2e.spec.ts. This file adds what an attacker tries next.
 */

const ME = `{ me { id role } }`;
const REFRESH = `mutation Refresh($token: String!) { refreshSession(refreshToken: $token) { ${AUTH_PAYLOAD} } }`;
const INVITE = `mutation Invite($input: InviteUserInput!) { inviteUser(input: $input) { id token role } }`;
const ACCEPT = `mutation Accept($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { ${AUTH_PAYLOAD} } }`;
const DEACTIVATE = `mutation Deactivate($id: ID!) { deactivateUser(userId: $id) { id role deactivatedAt } }`;
const REACTIVATE = `mutation Reactivate($id: ID!) { reactivateUser(userId: $id) { id role deactivatedAt } }`;
const WRONG_CREDENTIALS = 'Invalid agency, e-mail or password';
const STAFF_PASSWORD = 'a staff member password';

function base64url(value: object | string): string {
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
}

/** An HS256 token over exactly the claims given. */
function signJwt(claims: object, secret: string): string {
  const unsigned = `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url(claims)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
}

/** A document of aliased `login`s, `a0`..`a<n-1>`, with these passwords in turn. */
function aliasedLogins(agencySlug: string, email: string, passwords: string[]): string {
  const fields = passwords.map(
    (password, index) =>
      `a${index}: login(input: { agencySlug: ${JSON.stringify(agencySlug)}, email: ${JSON.stringify(email)}, ` +
      `password: ${JSON.stringify(password)} }) { accessToken }`,
  );
  return `mutation { ${fields.join(' ')} }`;
}

const wrongPasswords = (count: number, label: string) =>
  Array.from({ length: count }, (_, index) => `wrong ${label} ${index}`);

/** Whether any access or refresh token is anywhere in the answer. */
const carriesToken = (response: GraphqlResponse<unknown>) =>
  /accessToken|refreshToken|eyJ/.test(JSON.stringify(response));

/** The throttle's verdicts on a set of answers: how many had their password checked, how many were refused first. */
function verdicts(responses: GraphqlResponse<unknown>[]) {
  const codes = responses.map(errorCode);
  return {
    checked: codes.filter((code) => code === 'UNAUTHENTICATED').length,
    refused: codes.filter((code) => code === 'TOO_MANY_REQUESTS').length,
    other: codes.filter((code) => code !== 'UNAUTHENTICATED' && code !== 'TOO_MANY_REQUESTS'),
  };
}

/** A staff member invited by the agency's admin, signed in: tokens and credentials. */
async function inviteStaff(api: TestApi, agency: SignedUpAgency, role: 'ADMIN' | 'COUNSELOR', email: string) {
  const invitation = await api.gql(
    INVITE,
    { input: { email, name: `${role} ${email}`, role } },
    { token: agency.accessToken },
  );
  const accepted = await api.gql(ACCEPT, {
    input: { token: invitation.data!.inviteUser.token, password: STAFF_PASSWORD },
  });
  const payload = accepted.data!.acceptInvitation;
  return {
    id: payload.user.id as string,
    email,
    accessToken: payload.accessToken as string,
    refreshToken: payload.refreshToken as string,
  };
}

/** A candidate with a portal account, signed in. */
async function inviteCandidateAccount(api: TestApi, agency: SignedUpAgency, email: string) {
  const candidateId = (
    await api.gql(
      `mutation($input: CreateCandidateInput!) { createCandidate(input: $input) { id } }`,
      { input: { fullName: `Candidate ${email}`, email } },
      { token: agency.accessToken },
    )
  ).data!.createCandidate.id as string;
  const invitation = await api.gql(
    `mutation($id: ID!) { inviteCandidate(candidateId: $id) { token } }`,
    { id: candidateId },
    { token: agency.accessToken },
  );
  const accepted = await api.gql(ACCEPT, {
    input: { token: invitation.data!.inviteCandidate.token, password: STAFF_PASSWORD },
  });
  const payload = accepted.data!.acceptInvitation;
  return { candidateId, id: payload.user.id as string, email, accessToken: payload.accessToken as string };
}

describe('brute force through aliases, batches and parallel requests', () => {
  /** Low limits, so that each one is reached in a few attempts; every test has its own victim and addresses. */
  const MAX_CONSECUTIVE = 6;
  const MAX_PER_ACCOUNT = 20;
  const MAX_PER_ADDRESS = 20;
  /** Consecutive failures that cost nothing; the next one holds a 1 s wait (login-throttle.service.ts). */
  const FREE_FAILURES = 4;
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({
      AUTH_LOGIN_MAX_CONSECUTIVE_FAILURES: String(MAX_CONSECUTIVE),
      AUTH_LOGIN_MAX_FAILURES_PER_ACCOUNT: String(MAX_PER_ACCOUNT),
      AUTH_LOGIN_MAX_FAILURES_PER_ADDRESS: String(MAX_PER_ADDRESS),
    });
  });

  afterAll(() => api.close());

  describe('aliases: one document, many login fields', () => {
    it('counts each alias that runs as one attempt: the first failure ends the document, so it is one guess', async () => {
      const victim = await signUpAgency(api);
      const attacker = '10.20.0.1';
      // Fifteen guesses (the alias limit), the right password last: were they all tried, it would sign in.
      const document = aliasedLogins(victim.slug, victim.adminEmail, [...wrongPasswords(14, 'alias'), PASSWORD]);

      for (let attempt = 1; attempt <= FREE_FAILURES; attempt++) {
        const response = await api.gql(document, {}, { clientAddress: attacker });
        // `login` is non-null: its failure nulls the whole mutation and the fields after it never run.
        expect(response.data ?? null).toBeNull();
        const failures = response.errors!.map((error) => ({
          path: (error as GraphqlError & { path?: string[] }).path,
          code: error.extensions.code,
        }));
        expect(failures).toEqual([{ path: ['a0'], code: 'UNAUTHENTICATED' }]);
        expect(carriesToken(response)).toBe(false);
      }
      // Had a document counted all of its fifteen aliases, the second would have met the block already
      // (6 consecutive); had it counted none, this one would not be slowed down.
      const slowed = await api.gql(document, {}, { clientAddress: attacker });
      expect(errorCode(slowed)).toBe('TOO_MANY_REQUESTS');
      expect(slowed.errors![0].extensions.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    });

    it('refuses, while the throttle holds, the right password in the first alias or after a wrong one', async () => {
      const victim = await signUpAgency(api);
      const attacker = '10.21.0.1';
      for (let attempt = 1; attempt <= FREE_FAILURES; attempt++) {
        await api.gql(
          aliasedLogins(victim.slug, victim.adminEmail, ['wrong password!']),
          {},
          { clientAddress: attacker },
        );
      }
      for (const passwords of [[PASSWORD], ['wrong again!', PASSWORD], [PASSWORD, PASSWORD]]) {
        const response = await api.gql(
          aliasedLogins(victim.slug, victim.adminEmail, passwords),
          {},
          {
            clientAddress: attacker,
          },
        );
        expect(errorCode(response)).toBe('TOO_MANY_REQUESTS');
        expect(response.data ?? null).toBeNull();
        expect(carriesToken(response)).toBe(false);
      }
    });

    it('refuses the right password in any alias once the account is blocked, from any address', async () => {
      const victim = await signUpAgency(api);
      // Failures spread over many addresses, one document each: the per-account cap, not the per-address one.
      for (let attempt = 1; attempt <= MAX_PER_ACCOUNT; attempt++) {
        const response = await api.gql(
          aliasedLogins(victim.slug, victim.adminEmail, wrongPasswords(15, 'spread')),
          {},
          {
            clientAddress: `10.22.${attempt}.1`,
          },
        );
        expect(errorCode(response)).toBe('UNAUTHENTICATED');
      }
      const blocked = await api.gql(
        aliasedLogins(victim.slug, victim.adminEmail, ['wrong once more', PASSWORD]),
        {},
        {
          clientAddress: '10.22.200.1',
        },
      );
      expect(errorCode(blocked)).toBe('TOO_MANY_REQUESTS');
      expect(blocked.errors![0].extensions.retryAfterSeconds).toBeGreaterThan(60);
      const rightFirst = await api.gql(
        aliasedLogins(victim.slug, victim.adminEmail, [PASSWORD]),
        {},
        {
          clientAddress: '10.22.201.1',
        },
      );
      expect(errorCode(rightFirst)).toBe('TOO_MANY_REQUESTS');
      expect(carriesToken(rightFirst)).toBe(false);
    });

    it('refuses a document over the alias limit before running any of it, so nothing is counted', async () => {
      const victim = await signUpAgency(api);
      const attacker = '10.23.0.1';
      const tooMany = aliasedLogins(victim.slug, victim.adminEmail, wrongPasswords(16, 'over'));
      for (let attempt = 1; attempt <= 2 * MAX_CONSECUTIVE; attempt++) {
        const response = await api.gql(tooMany, {}, { clientAddress: attacker });
        expect(response.status).toBe(400);
        expect(errorCode(response)).toBe('GRAPHQL_VALIDATION_FAILED');
        expect(response.errors![0].message).toMatch(/alias/i);
      }
      // Twelve refused documents of sixteen guesses counted nothing: the owner signs in from that very address.
      const owner = await login(api, victim.slug, victim.adminEmail, PASSWORD, attacker);
      expect(owner.data!.login.user.id).toBe(victim.adminId);
    });
  });

  describe('batches: a JSON array of operations', () => {
    it('refuses a batch of logins before running any of them (batching is off), so nothing is counted', async () => {
      // hostile-input.e2e.spec.ts refuses a 1,000-operation array in general; here, that no login of one counts.
      const victim = await signUpAgency(api);
      const attacker = '10.24.0.1';
      const batch = [...wrongPasswords(10, 'batch'), PASSWORD].map((password) => ({
        query: `mutation($input: LoginInput!) { login(input: $input) { accessToken } }`,
        variables: { input: { agencySlug: victim.slug, email: victim.adminEmail, password } },
      }));
      for (let attempt = 1; attempt <= MAX_CONSECUTIVE; attempt++) {
        const response = await fetch(`${api.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': attacker },
          body: JSON.stringify(batch),
        });
        expect(response.status).toBe(400);
        expect(await response.text()).not.toMatch(/accessToken|eyJ/);
      }
      // Sixty-six batched guesses counted nothing: a failure now is the first, and the owner then signs in.
      expect(errorCode(await login(api, victim.slug, victim.adminEmail, 'a first wrong one', attacker))).toBe(
        'UNAUTHENTICATED',
      );
      const owner = await login(api, victim.slug, victim.adminEmail, PASSWORD, attacker);
      expect(owner.data!.login.user.id).toBe(victim.adminId);
    });
  });

  describe('parallel requests: attempts in flight together', () => {
    // Before the fix, the throttle read its counts, checked the password, then counted the failure: every request
    // in flight at once passed on the same count (30 parallel guesses from one address: 30 checked, 0 refused).

    it('checks at most the consecutive limit from one address, whatever arrives at once, then refuses the owner', async () => {
      const victim = await signUpAgency(api);
      const attacker = '10.25.0.1';
      const responses = await Promise.all(
        wrongPasswords(40, 'parallel').map((password) =>
          login(api, victim.slug, victim.adminEmail, password, attacker),
        ),
      );
      const { checked, refused, other } = verdicts(responses);
      expect(other).toEqual([]);
      expect(checked).toBeGreaterThanOrEqual(1);
      expect(checked).toBeLessThanOrEqual(MAX_CONSECUTIVE);
      expect(refused).toBe(40 - checked);
      const owner = await login(api, victim.slug, victim.adminEmail, PASSWORD, attacker);
      expect(errorCode(owner)).toBe('TOO_MANY_REQUESTS');
    });

    it('checks at most the per-account cap when the guesses come at once from many addresses', async () => {
      const victim = await signUpAgency(api);
      const responses = await Promise.all(
        wrongPasswords(2 * MAX_PER_ACCOUNT, 'spray').map((password, index) =>
          login(api, victim.slug, victim.adminEmail, password, `10.26.${index}.1`),
        ),
      );
      const { checked, other } = verdicts(responses);
      expect(other).toEqual([]);
      expect(checked).toBe(MAX_PER_ACCOUNT);
      const owner = await login(api, victim.slug, victim.adminEmail, PASSWORD, '10.26.250.1');
      expect(errorCode(owner)).toBe('TOO_MANY_REQUESTS');
    });

    it('checks at most the per-address cap when one address sprays many accounts at once', async () => {
      const agency = await signUpAgency(api);
      const attacker = '10.27.0.1';
      const responses = await Promise.all(
        Array.from({ length: 2 * MAX_PER_ADDRESS }, (_, index) =>
          login(api, agency.slug, `someone-${index}@agency.test`, 'a sprayed password', attacker),
        ),
      );
      const { checked, other } = verdicts(responses);
      expect(other).toEqual([]);
      expect(checked).toBe(MAX_PER_ADDRESS);
    });

    it('gives successful attempts back: a user signing in a few times at once, again and again, is not throttled', async () => {
      // An attempt counts while its password is checked. A few at once (a double click, two tabs) all pass; far more
      // than the consecutive limit at once from one account and address is what the test above refuses.
      const agency = await signUpAgency(api);
      const address = '10.28.0.1';
      for (let round = 1; round <= 8; round++) {
        const together = await Promise.all(
          Array.from({ length: 3 }, () => login(api, agency.slug, agency.adminEmail, PASSWORD, address)),
        );
        expect(together.map(errorCode).filter(Boolean)).toEqual([]);
      }
      // Twenty-four sign-ins, over the per-address cap (20) and the consecutive limit (6): none stayed counted.
      expect(errorCode(await login(api, agency.slug, agency.adminEmail, 'one wrong one', address))).toBe(
        'UNAUTHENTICATED',
      );
      const later = await login(api, agency.slug, agency.adminEmail, PASSWORD, address);
      expect(later.data!.login.user.id).toBe(agency.adminId);
    });
  });
});

describe('a deactivated user', () => {
  let api: TestApi;
  let agency: SignedUpAgency;
  let serial = 0;
  const address = () => `10.30.${Math.floor(++serial / 250)}.${(serial % 250) + 1}`;
  const asAdmin = (query: string, variables: Record<string, unknown> = {}) =>
    api.gql(query, variables, { token: agency.accessToken });

  beforeAll(async () => {
    api = await startTestApi();
    agency = await signUpAgency(api);
  });

  afterAll(() => api.close());

  it('loses every session at once: access token, refresh token, REST routes; and signs in no more', async () => {
    const counselor = await inviteStaff(api, agency, 'COUNSELOR', 'leaving@agency.test');
    const second = (await login(api, agency.slug, counselor.email, STAFF_PASSWORD, address())).data!.login;
    expect((await api.gql(ME, {}, { token: counselor.accessToken })).data!.me.id).toBe(counselor.id);

    const deactivated = await asAdmin(DEACTIVATE, { id: counselor.id });
    expect(deactivated.data!.deactivateUser).toMatchObject({ id: counselor.id, role: 'COUNSELOR' });
    expect(Date.parse(deactivated.data!.deactivateUser.deactivatedAt)).toBeLessThanOrEqual(Date.now());

    for (const token of [counselor.accessToken, second.accessToken]) {
      expect(errorCode(await api.gql(ME, {}, { token }))).toBe('UNAUTHENTICATED');
    }
    for (const token of [counselor.refreshToken, second.refreshToken]) {
      expect(errorCode(await api.gql(REFRESH, { token }))).toBe('UNAUTHENTICATED');
    }
    const imported = await fetch(`${api.url}/candidates/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${counselor.accessToken}`, 'content-type': 'text/csv' },
      body: 'name,email\nLate Import,late-import@example.test\n',
    });
    expect(imported.status).toBe(401);
  });

  it('is refused at sign-in with the very answer of a wrong password, and the right password is not told apart', async () => {
    const counselor = await inviteStaff(api, agency, 'COUNSELOR', 'gone@agency.test');
    await asAdmin(DEACTIVATE, { id: counselor.id });
    const rightPassword = await login(api, agency.slug, counselor.email, STAFF_PASSWORD, address());
    const wrongPassword = await login(api, agency.slug, counselor.email, 'not the password', address());
    const unknownEmail = await login(api, agency.slug, 'nobody-at-all@agency.test', STAFF_PASSWORD, address());
    const strip = (response: GraphqlResponse<unknown>) => ({
      ...response,
      errors: response.errors?.map(({ message, extensions }) => ({ message, extensions })),
    });
    expect(strip(rightPassword)).toEqual(strip(wrongPassword));
    expect(strip(rightPassword)).toEqual(strip(unknownEmail));
    expect(rightPassword.errors![0].message).toBe(WRONG_CREDENTIALS);
  });

  it('comes back with reactivateUser: signs in afresh, while the old sessions stay ended', async () => {
    const counselor = await inviteStaff(api, agency, 'COUNSELOR', 'back@agency.test');
    await asAdmin(DEACTIVATE, { id: counselor.id });
    const reactivated = await asAdmin(REACTIVATE, { id: counselor.id });
    expect(reactivated.data!.reactivateUser).toEqual({ id: counselor.id, role: 'COUNSELOR', deactivatedAt: null });

    expect(errorCode(await api.gql(ME, {}, { token: counselor.accessToken }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await api.gql(REFRESH, { token: counselor.refreshToken }))).toBe('UNAUTHENTICATED');
    const fresh = await login(api, agency.slug, counselor.email, STAFF_PASSWORD, address());
    expect((await api.gql(ME, {}, { token: fresh.data!.login.accessToken })).data!.me).toEqual({
      id: counselor.id,
      role: 'COUNSELOR',
    });
  });

  it('stays in the users list with deactivatedAt, and both changes are in the audit trail', async () => {
    const counselor = await inviteStaff(api, agency, 'COUNSELOR', 'listed@agency.test');
    await asAdmin(DEACTIVATE, { id: counselor.id });
    // Twice changes nothing more: the first date stays, one audit entry.
    const again = await asAdmin(DEACTIVATE, { id: counselor.id });
    const users = await asAdmin(`{ users(first: 100) { edges { node { id deactivatedAt } } } }`);
    const listed = users.data!.users.edges.find((edge: { node: { id: string } }) => edge.node.id === counselor.id);
    expect(listed.node.deactivatedAt).toBe(again.data!.deactivateUser.deactivatedAt);
    await asAdmin(REACTIVATE, { id: counselor.id });

    interface Entry {
      action: string;
      actorUserId: string | null;
      details: Record<string, unknown>;
    }
    const audit = await asAdmin(
      `query($filter: AuditFilter) { auditEntries(first: 10, filter: $filter) {
         edges { node { action actorUserId details } } } }`,
      { filter: { recordType: 'user', recordId: counselor.id } },
    );
    const entries: Entry[] = audit.data!.auditEntries.edges.map((edge: { node: Entry }) => edge.node);
    expect(entries.map((entry) => entry.action).sort()).toEqual(['user.deactivated', 'user.reactivated']);
    for (const entry of entries) expect(entry.actorUserId).toBe(agency.adminId);
    const deactivation = entries.find((entry) => entry.action === 'user.deactivated')!;
    expect(deactivation.details).toEqual({ role: 'COUNSELOR', sessionsRevoked: 1, invitationsWithdrawn: 0 });
  });

  it('cannot be oneself: an admin deactivating their own account is refused', async () => {
    const own = await asAdmin(DEACTIVATE, { id: agency.adminId });
    expect(errorCode(own)).toBe('BAD_USER_INPUT');
    expect(own.errors![0].extensions.fields).toEqual([{ field: 'userId', message: expect.stringMatching(/own/) }]);
    expect((await asAdmin(ME)).data!.me.id).toBe(agency.adminId);
  });

  it('leaves the agency an active admin when two admins deactivate each other at the same moment', async () => {
    for (let round = 1; round <= 5; round++) {
      const pair = await signUpAgency(api);
      const other = await inviteStaff(api, pair, 'ADMIN', `second-admin-${round}@agency.test`);
      const [first, second] = await Promise.all([
        api.gql(DEACTIVATE, { id: other.id }, { token: pair.accessToken }),
        api.gql(DEACTIVATE, { id: pair.adminId }, { token: other.accessToken }),
      ]);
      const outcomes = [first, second].map((response) => errorCode(response) ?? 'SUCCEEDED');
      // The loser either waited for the winner's lock (then no other admin is left) or came after its commit
      // (then its own session had ended). Both happen, depending on timing.
      expect(outcomes.filter((outcome) => outcome === 'SUCCEEDED')).toHaveLength(1);
      expect(outcomes.find((outcome) => outcome !== 'SUCCEEDED')).toMatch(/^(BAD_USER_INPUT|UNAUTHENTICATED)$/);
      const active = await withOwner(api.db.ownerUrl, (client) =>
        client.query(
          `SELECT count(*)::int AS n FROM users WHERE agency_id = $1 AND role = 'ADMIN' AND deactivated_at IS NULL`,
          [pair.agencyId],
        ),
      );
      expect(active.rows[0].n).toBe(1);
    }
  });

  it('may be a second admin, deactivated by the first; a deactivated admin then holds no rights', async () => {
    const other = await inviteStaff(api, agency, 'ADMIN', 'other-admin@agency.test');
    expect(errorCode(await asAdmin(DEACTIVATE, { id: other.id }))).toBeUndefined();
    expect(errorCode(await api.gql(REACTIVATE, { id: other.id }, { token: other.accessToken }))).toBe(
      'UNAUTHENTICATED',
    );
    await asAdmin(REACTIVATE, { id: other.id });
  });

  it('may be a candidate: their portal access ends the same way, and a new invitation is no way back', async () => {
    const candidate = await inviteCandidateAccount(api, agency, 'portal-user@candidates.test');
    expect(
      (await api.gql(`{ myApplications { totalCount } }`, {}, { token: candidate.accessToken })).data,
    ).toBeTruthy();

    const deactivated = await asAdmin(DEACTIVATE, { id: candidate.id });
    expect(deactivated.data!.deactivateUser.role).toBe('CANDIDATE');
    expect(errorCode(await api.gql(ME, {}, { token: candidate.accessToken }))).toBe('UNAUTHENTICATED');
    const signIn = await login(api, agency.slug, candidate.email, STAFF_PASSWORD, address());
    expect(signIn.errors![0].message).toBe(WRONG_CREDENTIALS);
    const reinvited = await asAdmin(`mutation($id: ID!) { inviteCandidate(candidateId: $id) { token } }`, {
      id: candidate.candidateId,
    });
    expect(errorCode(reinvited)).toBe('BAD_USER_INPUT');
  });

  it('may not be deactivated or reactivated by a counselor or a candidate', async () => {
    const counselor = await inviteStaff(api, agency, 'COUNSELOR', 'not-an-admin@agency.test');
    const candidate = await inviteCandidateAccount(api, agency, 'not-staff@candidates.test');
    for (const token of [counselor.accessToken, candidate.accessToken]) {
      for (const operation of [DEACTIVATE, REACTIVATE]) {
        expect(errorCode(await api.gql(operation, { id: agency.adminId }, { token }))).toBe('FORBIDDEN');
      }
    }
  });

  it('is refused on the next request even when a session outlived the deactivation', async () => {
    // A sign-in that started before the deactivation committed inserts its session after the revocation. The
    // request check reads the user with the session, so such a session is refused too; simulated by deactivating
    // in SQL without revoking anything.
    const counselor = await inviteStaff(api, agency, 'COUNSELOR', 'raced@agency.test');
    await withOwner(api.db.ownerUrl, (client) =>
      client.query(`UPDATE users SET deactivated_at = now() WHERE id = $1`, [counselor.id]),
    );
    expect(errorCode(await api.gql(ME, {}, { token: counselor.accessToken }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await api.gql(REFRESH, { token: counselor.refreshToken }))).toBe('UNAUTHENTICATED');
  });
});

describe('escalation of role', () => {
  let api: TestApi;
  let agency: SignedUpAgency;
  let other: SignedUpAgency;

  beforeAll(async () => {
    api = await startTestApi();
    [agency, other] = await Promise.all([signUpAgency(api), signUpAgency(api)]);
  });

  afterAll(() => api.close());

  const invitationsOf = async (agencyId: string) =>
    (
      await withOwner(api.db.ownerUrl, (client) =>
        client.query(`SELECT count(*)::int AS n FROM invitations WHERE agency_id = $1`, [agencyId]),
      )
    ).rows[0].n as number;

  it('lets no counselor and no candidate invite staff, of any role, and writes no invitation', async () => {
    // invitations-and-roles.e2e.spec.ts has the counselor inviting an ADMIN; here every role, and candidates.
    const counselor = await inviteStaff(api, agency, 'COUNSELOR', 'counselor@escalation.test');
    const candidate = await inviteCandidateAccount(api, agency, 'candidate@escalation.test');
    const before = await invitationsOf(agency.agencyId);
    for (const token of [counselor.accessToken, candidate.accessToken]) {
      for (const role of ['ADMIN', 'COUNSELOR']) {
        const response = await api.gql(
          INVITE,
          { input: { email: `promoted-${role.toLowerCase()}@escalation.test`, name: 'Promoted', role } },
          { token },
        );
        expect(errorCode(response)).toBe('FORBIDDEN');
      }
    }
    expect(await invitationsOf(agency.agencyId)).toBe(before);
  });

  it('opens the invited role only: a role sent along with the acceptance is refused and spends nothing', async () => {
    const invitation = (
      await api.gql(
        INVITE,
        { input: { email: 'wants-admin@escalation.test', name: 'Wants Admin', role: 'COUNSELOR' } },
        { token: agency.accessToken },
      )
    ).data!.inviteUser;
    const withRoleVariable = await api.gql(ACCEPT, {
      input: { token: invitation.token, password: STAFF_PASSWORD, role: 'ADMIN' },
    });
    expect(errorCode(withRoleVariable)).toMatch(/^(BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED)$/);
    const withRoleLiteral = await api.gql(
      `mutation { acceptInvitation(input: { token: ${JSON.stringify(invitation.token)},
         password: ${JSON.stringify(STAFF_PASSWORD)}, role: ADMIN }) { user { role } } }`,
    );
    expect(errorCode(withRoleLiteral)).toBe('GRAPHQL_VALIDATION_FAILED');

    const accepted = await api.gql(ACCEPT, { input: { token: invitation.token, password: STAFF_PASSWORD } });
    expect(accepted.data!.acceptInvitation.user.role).toBe('COUNSELOR');
  });

  it('refuses a token spliced from two invitations: a counselor secret under an admin invitation id', async () => {
    const invite = async (role: string, email: string) =>
      (
        await api.gql(INVITE, { input: { email, name: role, role } }, { token: agency.accessToken })
      ).data!.inviteUser.token.split('.') as [string, string, string];
    const [agencyPart, , counselorSecret] = await invite('COUNSELOR', 'splice-counselor@escalation.test');
    const [, adminId] = await invite('ADMIN', 'splice-admin@escalation.test');
    const spliced = await api.gql(ACCEPT, {
      input: { token: [agencyPart, adminId, counselorSecret].join('.'), password: STAFF_PASSWORD },
    });
    expect(errorCode(spliced)).toBe('BAD_USER_INPUT');
    expect(carriesToken(spliced)).toBe(false);
  });

  it("does not accept agency A's invitation into agency B, and A's invitation still works afterwards", async () => {
    // The isolation matrix makes the same call for every actor; here the invitation also survives the attempt.
    const invitation = (
      await api.gql(
        INVITE,
        { input: { email: 'crossing@escalation.test', name: 'Crossing', role: 'ADMIN' } },
        { token: agency.accessToken },
      )
    ).data!.inviteUser;
    const [, id, secret] = invitation.token.split('.');
    const intoOther = await api.gql(ACCEPT, {
      input: { token: [other.agencyId, id, secret].join('.'), password: STAFF_PASSWORD },
    });
    expect(errorCode(intoOther)).toBe('BAD_USER_INPUT');
    const users = await withOwner(api.db.ownerUrl, (client) =>
      client.query(`SELECT agency_id FROM users WHERE email = 'crossing@escalation.test'`),
    );
    expect(users.rowCount).toBe(0);
    const accepted = await api.gql(ACCEPT, { input: { token: invitation.token, password: STAFF_PASSWORD } });
    expect(accepted.data!.acceptInvitation.agency.id).toBe(agency.agencyId);
  });

  it('refuses a role claim forged with a wrong key, and even one signed with the real key that the user lacks', async () => {
    const counselor = await inviteStaff(api, agency, 'COUNSELOR', 'forger@escalation.test');
    const promoted = { ...claimsOf(counselor.accessToken), role: 'ADMIN' };
    const wrongKey = signJwt(promoted, 'not-the-server-secret-but-long-enough-0123456789');
    // As if the signing secret had leaked: the session check reads the user's role and does not believe the token.
    const leakedKey = signJwt(promoted, api.env.AUTH_JWT_SECRET!);
    for (const token of [wrongKey, leakedKey]) {
      expect(errorCode(await api.gql(`{ users { totalCount } }`, {}, { token }))).toBe('UNAUTHENTICATED');
    }
    expect(errorCode(await api.gql(`{ users { totalCount } }`, {}, { token: counselor.accessToken }))).toBe(
      'FORBIDDEN',
    );
  });

  it("holds a token to its user's current role: after a change the old token is refused, the refreshed one has the new rights", async () => {
    // There is no operation that changes a role today; a direct update stands for one (or for an admin's demotion
    // by a future operation). A token signed before it must not keep the old rights for its remaining 15 minutes.
    const admin = await inviteStaff(api, agency, 'ADMIN', 'demoted@escalation.test');
    expect(errorCode(await api.gql(`{ users { totalCount } }`, {}, { token: admin.accessToken }))).toBeUndefined();
    await withOwner(api.db.ownerUrl, (client) =>
      client.query(`UPDATE users SET role = 'COUNSELOR' WHERE id = $1`, [admin.id]),
    );
    expect(errorCode(await api.gql(`{ users { totalCount } }`, {}, { token: admin.accessToken }))).toBe(
      'UNAUTHENTICATED',
    );
    const refreshed = (await api.gql(REFRESH, { token: admin.refreshToken })).data!.refreshSession;
    expect(refreshed.user.role).toBe('COUNSELOR');
    expect(claimsOf(refreshed.accessToken).role).toBe('COUNSELOR');
    expect(errorCode(await api.gql(`{ users { totalCount } }`, {}, { token: refreshed.accessToken }))).toBe(
      'FORBIDDEN',
    );
    expect((await api.gql(ME, {}, { token: refreshed.accessToken })).data!.me.role).toBe('COUNSELOR');
  });
});
