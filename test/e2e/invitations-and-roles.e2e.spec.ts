import { errorCode, startTestApi, TestApi } from '../support/api';
import { AUTH_PAYLOAD, login, signUpAgency, SignedUpAgency } from '../support/factories';

const INVITE = `mutation Invite($input: InviteUserInput!) { inviteUser(input: $input) { id token expiresAt role email } }`;
const ACCEPT = `mutation Accept($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { ${AUTH_PAYLOAD} } }`;
const COUNSELOR_PASSWORD = 'counselor password 123';
const DEACTIVATE = `mutation Deactivate($id: ID!) { deactivateUser(userId: $id) { id deactivatedAt } }`;

describe('invitations and roles', () => {
  let api: TestApi;
  let agency: SignedUpAgency;
  let counselorToken: string;

  beforeAll(async () => {
    api = await startTestApi();
    agency = await signUpAgency(api);
    const invitation = await api.gql(
      INVITE,
      { input: { email: 'Casey@Agency.test', name: 'Casey', role: 'COUNSELOR' } },
      { token: agency.accessToken },
    );
    const accepted = await api.gql(ACCEPT, {
      input: { token: invitation.data!.inviteUser.token, password: COUNSELOR_PASSWORD },
    });
    counselorToken = accepted.data!.acceptInvitation.accessToken;
  });

  afterAll(() => api.close());

  it('creates the invited user with the invited role, who can then sign in', async () => {
    const response = await login(api, agency.slug, 'casey@agency.test', COUNSELOR_PASSWORD);
    expect(response.data!.login.user.role).toBe('COUNSELOR');
  });

  it('records who invited whom into which role in the audit trail', async () => {
    const audit = await api.gql(
      `{ auditEntries(first: 50, filter: { recordType: "invitation" }) { edges { node { action actorUserId details } } } }`,
      {},
      { token: agency.accessToken },
    );
    expect(audit.data!.auditEntries.edges.map((edge: { node: unknown }) => edge.node)).toContainEqual({
      action: 'user.invited',
      actorUserId: agency.adminId,
      details: { role: 'COUNSELOR' },
    });
  });

  it('accepts an invitation once only', async () => {
    const invitation = await api.gql(
      INVITE,
      { input: { email: 'once@agency.test', name: 'Once', role: 'ADMIN' } },
      { token: agency.accessToken },
    );
    const token = invitation.data!.inviteUser.token;
    expect(
      (await api.gql(ACCEPT, { input: { token, password: 'first use password' } })).data!.acceptInvitation.user.role,
    ).toBe('ADMIN');
    const second = await api.gql(ACCEPT, { input: { token, password: 'second use password' } });
    expect(errorCode(second)).toBe('BAD_USER_INPUT');
  });

  it('expires invitations', async () => {
    const invitation = await api.gql(
      INVITE,
      { input: { email: 'late@agency.test', name: 'Late', role: 'COUNSELOR' } },
      { token: agency.accessToken },
    );
    const { withOwner } = await import('../support/database');
    await withOwner(api.db.ownerUrl, (client) =>
      client.query(`UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE id = $1`, [
        invitation.data!.inviteUser.id,
      ]),
    );
    const late = await api.gql(ACCEPT, {
      input: { token: invitation.data!.inviteUser.token, password: 'too late password' },
    });
    expect(errorCode(late)).toBe('BAD_USER_INPUT');
  });

  it('refuses to invite someone who already has an account', async () => {
    const again = await api.gql(
      INVITE,
      { input: { email: 'casey@agency.test', name: 'Casey', role: 'COUNSELOR' } },
      { token: agency.accessToken },
    );
    expect(errorCode(again)).toBe('BAD_USER_INPUT');
  });

  it('lets only admins invite staff and list users', async () => {
    const invite = await api.gql(
      INVITE,
      { input: { email: 'x@agency.test', name: 'X', role: 'ADMIN' } },
      { token: counselorToken },
    );
    expect(errorCode(invite)).toBe('FORBIDDEN');
    expect(errorCode(await api.gql(`{ users { totalCount } }`, {}, { token: counselorToken }))).toBe('FORBIDDEN');
    expect((await api.gql(`{ me { role } }`, {}, { token: counselorToken })).data!.me.role).toBe('COUNSELOR');
  });

  describe('deactivated accounts', () => {
    const invite = (email: string, role: string, token = agency.accessToken) =>
      api.gql(INVITE, { input: { email, name: email, role } }, { token });
    const accept = (token: string, password = COUNSELOR_PASSWORD) => api.gql(ACCEPT, { input: { token, password } });

    it('does not come back through a second invitation to the same address, nor get a new one', async () => {
      // Two invitations to one address can be pending at once; accepting the first leaves the second.
      const first = (await invite('twice@agency.test', 'COUNSELOR')).data!.inviteUser.token;
      const second = (await invite('twice@agency.test', 'ADMIN')).data!.inviteUser.token;
      const user = (await accept(first)).data!.acceptInvitation.user;
      await api.gql(DEACTIVATE, { id: user.id }, { token: agency.accessToken });

      expect(errorCode(await accept(second, 'a brand new password'))).toBe('BAD_USER_INPUT');
      expect(errorCode(await login(api, agency.slug, 'twice@agency.test', 'a brand new password'))).toBe(
        'UNAUTHENTICATED',
      );
      expect(errorCode(await login(api, agency.slug, 'twice@agency.test', COUNSELOR_PASSWORD))).toBe('UNAUTHENTICATED');
      // The admin brings the account back with reactivateUser, not with a new invitation.
      expect(errorCode(await invite('twice@agency.test', 'COUNSELOR'))).toBe('BAD_USER_INPUT');
    });

    it('withdraws the invitations a deactivated user issued: they saw the tokens, so those are no way back', async () => {
      const leaving = (await accept((await invite('leaving-admin@agency.test', 'ADMIN')).data!.inviteUser.token)).data!
        .acceptInvitation;
      const planted = (await invite('a-friend@elsewhere.test', 'ADMIN', leaving.accessToken)).data!.inviteUser.token;
      const deactivated = await api.gql(DEACTIVATE, { id: leaving.user.id }, { token: agency.accessToken });
      expect(deactivated.data!.deactivateUser.deactivatedAt).toBeTruthy();

      expect(errorCode(await accept(planted))).toBe('BAD_USER_INPUT');
      // Reactivation gives the account back, not the invitations.
      await api.gql(
        `mutation($id: ID!) { reactivateUser(userId: $id) { id } }`,
        { id: leaving.user.id },
        { token: agency.accessToken },
      );
      expect(errorCode(await accept(planted))).toBe('BAD_USER_INPUT');
    });
  });

  it('does not invite candidates through inviteUser', async () => {
    const response = await api.gql(
      INVITE,
      { input: { email: 'c@agency.test', name: 'C', role: 'CANDIDATE' } },
      { token: agency.accessToken },
    );
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
  });
});
