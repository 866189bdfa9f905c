import { withOwner } from '../support/database';
import { errorCode, startTestApi, TestApi } from '../support/api';
import { signUpAgency, SignedUpAgency } from '../support/factories';

const LIST = `{ webhooks { id url createdAt } }`;
const ADD = `mutation($input: AddWebhookInput!) { addWebhook(input: $input) { webhook { id url createdAt } secret } }`;
const REMOVE = `mutation($id: ID!) { removeWebhook(id: $id) }`;

describe('the webhooks admin API', () => {
  let api: TestApi;
  let agencyA: SignedUpAgency;
  let agencyB: SignedUpAgency;

  const asA = (query: string, variables: Record<string, unknown> = {}) =>
    api.gql(query, variables, { token: agencyA.accessToken });
  const asB = (query: string, variables: Record<string, unknown> = {}) =>
    api.gql(query, variables, { token: agencyB.accessToken });

  beforeAll(async () => {
    api = await startTestApi();
    agencyA = await signUpAgency(api);
    agencyB = await signUpAgency(api);
  });

  afterAll(() => api.close());

  it('lets an admin add, list and remove webhooks; the secret is shown once and never listed', async () => {
    const added = await asA(ADD, { input: { url: 'https://hooks.agency-a.test/recruiting' } });
    const { webhook, secret } = added.data!.addWebhook;
    expect(webhook).toEqual({
      id: expect.any(String),
      url: 'https://hooks.agency-a.test/recruiting',
      createdAt: expect.any(String),
    });
    expect(secret).toMatch(/^whsec_/);
    expect(Buffer.from(secret.slice('whsec_'.length), 'base64')).toHaveLength(32);
    await asA(ADD, { input: { url: 'http://10.0.0.7:8080/hook' } });

    const listed = await asA(LIST);
    expect(listed.data!.webhooks.map((row: { url: string }) => row.url)).toEqual([
      'https://hooks.agency-a.test/recruiting',
      'http://10.0.0.7:8080/hook',
    ]);
    expect(JSON.stringify(listed)).not.toContain(secret);
    const secretField = await asA(`{ webhooks { id secret } }`);
    expect(errorCode(secretField)).toBe('GRAPHQL_VALIDATION_FAILED');

    expect((await asA(REMOVE, { id: webhook.id })).data!.removeWebhook).toBe(true);
    expect((await asA(LIST)).data!.webhooks.map((row: { id: string }) => row.id)).not.toContain(webhook.id);
    expect(errorCode(await asA(REMOVE, { id: webhook.id }))).toBe('NOT_FOUND');

    const audit = await withOwner(api.db.ownerUrl, (client) =>
      client.query(
        `SELECT action FROM audit_entries WHERE agency_id = $1 AND record_id = $2 ORDER BY occurred_at, action`,
        [agencyA.agencyId, webhook.id],
      ),
    );
    expect(audit.rows.map((row) => row.action).sort()).toEqual(['webhook.added', 'webhook.removed']);
  });

  it('refuses a URL that is not http(s), or one the agency already has, naming the field', async () => {
    for (const url of ['ftp://hooks.test/x', 'not a url', 'https://user:pass@hooks.test/x', 'javascript:alert(1)']) {
      const response = await asA(ADD, { input: { url } });
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      expect(response.errors![0]!.extensions.fields).toEqual([expect.objectContaining({ field: 'url' })]);
    }
    await asA(ADD, { input: { url: 'https://hooks.agency-a.test/twice' } });
    const duplicate = await asA(ADD, { input: { url: 'https://hooks.agency-a.test/twice' } });
    expect(errorCode(duplicate)).toBe('BAD_USER_INPUT');
    expect(duplicate.errors![0]!.extensions.fields).toEqual([expect.objectContaining({ field: 'url' })]);
    // Another agency may use the same URL.
    expect((await asB(ADD, { input: { url: 'https://hooks.agency-a.test/twice' } })).data!.addWebhook.webhook.url).toBe(
      'https://hooks.agency-a.test/twice',
    );
  });

  it("is for admins only, and another agency's webhook is not found", async () => {
    const invitation = await asA(`mutation($input: InviteUserInput!) { inviteUser(input: $input) { token } }`, {
      input: { email: 'counselor@webhooks.test', name: 'C', role: 'COUNSELOR' },
    });
    const accepted = await api.gql(
      `mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { accessToken } }`,
      { input: { token: invitation.data!.inviteUser.token, password: 'counselor password 9' } },
    );
    const token = accepted.data!.acceptInvitation.accessToken;
    expect(errorCode(await api.gql(LIST, {}, { token }))).toBe('FORBIDDEN');
    expect(errorCode(await api.gql(ADD, { input: { url: 'https://counselor.test/x' } }, { token }))).toBe('FORBIDDEN');

    const mine = (await asA(ADD, { input: { url: 'https://hooks.agency-a.test/kept' } })).data!.addWebhook.webhook;
    expect(errorCode(await api.gql(REMOVE, { id: mine.id }, { token }))).toBe('FORBIDDEN');
    expect(errorCode(await asB(REMOVE, { id: mine.id }))).toBe('NOT_FOUND');
    expect(errorCode(await asB(REMOVE, { id: 'not-an-id' }))).toBe('NOT_FOUND');
    expect((await asA(LIST)).data!.webhooks.map((row: { id: string }) => row.id)).toContain(mine.id);
    expect((await asB(LIST)).data!.webhooks.map((row: { id: string }) => row.id)).not.toContain(mine.id);
  });
});
