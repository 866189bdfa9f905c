import { errorCode, startTestApi, TestApi } from '../support/api';
import { setUpApplication, signUpAgency, SignedUpAgency } from '../support/factories';

const POLICY = `{ agencyPolicy { minimumGapWorkingDays statusCheckEveryWorkingDays contactDays contactWindows { start end }
  leaveMessageWithGatekeeper escalateToHiringManagerAfterWorkingDays holidays { country region extraDates } } }`;
const UPDATE = `mutation($input: UpdateAgencyPolicyInput!) { updateAgencyPolicy(input: $input) { minimumGapWorkingDays holidays { country region extraDates } } }`;
const LOG = `mutation($input: LogFollowUpInput!) { logFollowUp(input: $input) { __typename ... on FollowUpTooSoon { nextAllowedAt } } }`;

describe('the agency policy', () => {
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
    agencyB = await signUpAgency(api, { country: 'DE', timezone: 'Europe/Berlin' });
  });

  afterAll(() => api.close());

  it("starts from the articles' defaults and the agency's country", async () => {
    const policy = await asB(POLICY);
    expect(policy.data!.agencyPolicy).toEqual({
      minimumGapWorkingDays: 5,
      statusCheckEveryWorkingDays: 7,
      contactDays: ['TUESDAY', 'WEDNESDAY', 'THURSDAY'],
      contactWindows: [
        { start: '08:00', end: '09:30' },
        { start: '12:00', end: '13:00' },
        { start: '17:00', end: '18:00' },
      ],
      leaveMessageWithGatekeeper: false,
      escalateToHiringManagerAfterWorkingDays: 10,
      holidays: { country: 'DE', region: null, extraDates: [] },
    });
  });

  it('lets an admin change some rules, keeps the others, and the stalker guard follows', async () => {
    const a = await setUpApplication(api, agencyA, 'policy');
    const contact = (occurredAt: string) => ({
      applicationId: a.application,
      contactId: a.hr,
      channel: 'EMAIL',
      purpose: 'STATUS_CHECK',
      outcome: 'REACHED',
      occurredAt,
    });
    await asA(LOG, { input: contact('2026-10-05T10:00:00-05:00') });
    expect((await asA(LOG, { input: contact('2026-10-08T10:00:00-05:00') })).data!.logFollowUp.__typename).toBe(
      'FollowUpTooSoon',
    );

    const updated = await asA(UPDATE, { input: { minimumGapWorkingDays: 2 } });
    expect(updated.data!.updateAgencyPolicy.minimumGapWorkingDays).toBe(2);
    expect((await asA(POLICY)).data!.agencyPolicy.statusCheckEveryWorkingDays).toBe(7);
    expect((await asA(LOG, { input: contact('2026-10-08T10:00:00-05:00') })).data!.logFollowUp.__typename).toBe(
      'FollowUp',
    );

    // An extra day off pushes the next allowed contact: Thursday 8 Oct + 2 working days, with Monday 12 off = Tuesday 13.
    await asA(UPDATE, { input: { holidays: { country: 'GB', region: 'ENG', extraDates: ['2026-10-12'] } } });
    expect((await asA(POLICY)).data!.agencyPolicy.holidays).toEqual({
      country: 'GB',
      region: 'ENG',
      extraDates: ['2026-10-12'],
    });
    const tooSoon = await asA(LOG, { input: contact('2026-10-12T10:00:00-05:00') });
    expect(tooSoon.data!.logFollowUp.nextAllowedAt).toBe('2026-10-13T05:00:00.000Z');
  });

  it('names the offending fields of a bad policy and changes nothing', async () => {
    const before = (await asA(POLICY)).data!.agencyPolicy;
    const window = await asA(UPDATE, { input: { contactWindows: [{ start: '10:00', end: '09:00' }] } });
    expect(window.errors![0].extensions.fields).toEqual([expect.objectContaining({ field: 'contactWindows.0' })]);
    const region = await asA(UPDATE, { input: { holidays: { country: 'GB', region: 'XX' } } });
    expect(region.errors![0].extensions.fields).toEqual([expect.objectContaining({ field: 'holidays.region' })]);
    const range = await asA(UPDATE, { input: { minimumGapWorkingDays: 0 } });
    expect(errorCode(range)).toBe('BAD_USER_INPUT');
    expect((await asA(POLICY)).data!.agencyPolicy).toEqual(before);
  });

  it('is changed by admins only, and each agency has its own', async () => {
    expect((await asB(POLICY)).data!.agencyPolicy.minimumGapWorkingDays).toBe(5);
    const invitation = await asA(`mutation($input: InviteUserInput!) { inviteUser(input: $input) { token } }`, {
      input: { email: 'c@policy.test', name: 'C', role: 'COUNSELOR' },
    });
    const counselor = await api.gql(
      `mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { accessToken } }`,
      { input: { token: invitation.data!.inviteUser.token, password: 'counselor password 9' } },
    );
    const token = counselor.data!.acceptInvitation.accessToken;
    expect((await api.gql(POLICY, {}, { token })).data!.agencyPolicy.minimumGapWorkingDays).toBe(2);
    expect(errorCode(await api.gql(UPDATE, { input: { minimumGapWorkingDays: 9 } }, { token }))).toBe('FORBIDDEN');
  });
});
