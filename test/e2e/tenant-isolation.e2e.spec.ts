import { startTestApi, errorCode, TestApi } from '../support/api';
import { signUpAgency, SignedUpAgency } from '../support/factories';

const USERS = `{ users(first: 50) { totalCount edges { node { id email role } } } }`;
const USER = `query User($id: ID!) { user(id: $id) { id email } }`;
const INVITE = `mutation Invite($input: InviteUserInput!) { inviteUser(input: $input) { id token expiresAt role } }`;

describe('tenant isolation over the API', () => {
  let api: TestApi;
  let agencyA: SignedUpAgency;
  let agencyB: SignedUpAgency;

  beforeAll(async () => {
    api = await startTestApi();
    agencyA = await signUpAgency(api);
    agencyB = await signUpAgency(api);
    // Give A a second user, so "only its own" is not a one-row coincidence.
    const invited = await api.gql(
      INVITE,
      { input: { email: 'second@a.test', name: 'Second', role: 'COUNSELOR' } },
      { token: agencyA.accessToken },
    );
    const accepted = await api.gql(
      `mutation Accept($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { user { id } } }`,
      { input: { token: invited.data!.inviteUser.token, password: 'another long password' } },
    );
    expect(accepted.errors).toBeUndefined();
  });

  afterAll(() => api.close());

  it("shows each admin only their own agency's users", async () => {
    const seenByA = await api.gql(USERS, {}, { token: agencyA.accessToken });
    const seenByB = await api.gql(USERS, {}, { token: agencyB.accessToken });

    const emailsA = seenByA.data!.users.edges.map((edge: any) => edge.node.email).sort();
    const emailsB = seenByB.data!.users.edges.map((edge: any) => edge.node.email);
    expect(emailsA).toEqual([agencyA.adminEmail, 'second@a.test'].sort());
    expect(seenByA.data!.users.totalCount).toBe(2);
    expect(emailsB).toEqual([agencyB.adminEmail]);
  });

  it("answers NOT_FOUND for another agency's id, exactly as for an id that does not exist", async () => {
    const foreign = await api.gql(USER, { id: agencyB.adminId }, { token: agencyA.accessToken });
    const missing = await api.gql(USER, { id: '00000000-0000-4000-8000-000000000000' }, { token: agencyA.accessToken });
    const malformed = await api.gql(USER, { id: 'not-an-id' }, { token: agencyA.accessToken });

    expect(errorCode(foreign)).toBe('NOT_FOUND');
    expect(foreign.errors![0].message).toBe(missing.errors![0].message);
    expect(errorCode(missing)).toBe('NOT_FOUND');
    expect(errorCode(malformed)).toBe('NOT_FOUND');

    const own = await api.gql(USER, { id: agencyA.adminId }, { token: agencyA.accessToken });
    expect(own.data!.user.email).toBe(agencyA.adminEmail);
  });

  it('puts the signed-in user and their own agency in `me`', async () => {
    const me = await api.gql(`{ me { id role agency { id slug } } }`, {}, { token: agencyB.accessToken });
    expect(me.data!.me).toEqual({
      id: agencyB.adminId,
      role: 'ADMIN',
      agency: { id: agencyB.agencyId, slug: agencyB.slug },
    });
  });
});
