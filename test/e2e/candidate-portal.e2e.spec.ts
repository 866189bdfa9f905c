import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { errorCode, startTestApi, TestApi } from '../support/api';
import { AUTH_PAYLOAD, login, setUpApplication, signUpAgency, SignedUpAgency } from '../support/factories';

const INVITE = `mutation($id: ID!) { inviteCandidate(candidateId: $id) { id email role token expiresAt } }`;
const ACCEPT = `mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { ${AUTH_PAYLOAD} } }`;
const MY_APPLICATIONS = `{ myApplications(first: 10) { totalCount edges { node { id stage positionTitle employerName } } } }`;
const MY_APPLICATION = `query($id: ID!) { myApplication(id: $id) {
  id stage positionTitle employerName
  nextStep { action text candidateActs dueAt }
  followUps { occurredAt channel purpose outcome direction contactRole response { kind } }
  interviews { occurredAt arrangedByAgency debrief { rating strengths } }
  referenceSignals { kind occurredAt }
} }`;

describe('the candidate portal: accounts, own applications, nothing else', () => {
  let api: TestApi;
  let agencyA: SignedUpAgency;
  let agencyB: SignedUpAgency;
  let a1: Awaited<ReturnType<typeof setUpApplication>>;
  let a2: Awaited<ReturnType<typeof setUpApplication>>;
  let b1: Awaited<ReturnType<typeof setUpApplication>>;
  let tokenA1: string;
  let tokenA2: string;

  const asA = (query: string, variables: Record<string, unknown> = {}) =>
    api.gql(query, variables, { token: agencyA.accessToken });
  const asA1 = (query: string, variables: Record<string, unknown> = {}) =>
    api.gql(query, variables, { token: tokenA1 });

  async function portalAccount(agency: SignedUpAgency, candidateId: string): Promise<string> {
    const invitation = await api.gql(INVITE, { id: candidateId }, { token: agency.accessToken });
    const accepted = await api.gql(ACCEPT, {
      input: { token: invitation.data!.inviteCandidate.token, password: 'my own portal password' },
    });
    expect(accepted.data!.acceptInvitation.user.role).toBe('CANDIDATE');
    return accepted.data!.acceptInvitation.accessToken;
  }

  beforeAll(async () => {
    api = await startTestApi();
    agencyA = await signUpAgency(api);
    agencyB = await signUpAgency(api);
    a1 = await setUpApplication(api, agencyA, 'a1');
    a2 = await setUpApplication(api, agencyA, 'a2');
    b1 = await setUpApplication(api, agencyB, 'b1');
    await asA(`mutation($input: RecordInterviewInput!) { recordInterview(input: $input) { id } }`, {
      input: {
        applicationId: a1.application,
        occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
        interviewerContactIds: [a1.manager],
        arrangedByAgency: true,
      },
    });
    await asA(`mutation($input: LogFollowUpInput!) { logFollowUp(input: $input) { __typename } }`, {
      input: {
        applicationId: a1.application,
        contactId: a1.hr,
        channel: 'PHONE',
        purpose: 'STATUS_CHECK',
        outcome: 'REPLIED',
        direction: 'INBOUND',
        occurredAt: new Date(Date.now() - 60_000).toISOString(),
        response: { kind: 'STILL_INTERVIEWING' },
        notes: 'Counselor-only: HR sounded lukewarm',
      },
    });
    tokenA1 = await portalAccount(agencyA, a1.candidate);
    tokenA2 = await portalAccount(agencyA, a2.candidate);
  });

  afterAll(() => api.close());

  it('invites a candidate of the agency once; a candidate of another agency is NOT_FOUND', async () => {
    const again = await asA(INVITE, { id: a1.candidate });
    expect(errorCode(again)).toBe('BAD_USER_INPUT');
    expect(errorCode(await asA(INVITE, { id: b1.candidate }))).toBe('NOT_FOUND');
    const candidateLogin = await login(api, agencyA.slug, 'a1@candidates.test', 'my own portal password');
    expect(candidateLogin.data!.login.user).toMatchObject({ role: 'CANDIDATE', email: 'a1@candidates.test' });
    const me = await asA1(`{ me { role email } }`);
    expect(me.data!.me).toEqual({ role: 'CANDIDATE', email: 'a1@candidates.test' });
  });

  it('lists only the candidate’s own applications, with the next step in their words', async () => {
    const mine = (await asA1(MY_APPLICATIONS)).data!.myApplications;
    expect(mine.totalCount).toBe(1);
    expect(mine.edges[0].node).toMatchObject({
      id: a1.application,
      stage: 'INTERVIEWING',
      employerName: 'Employer a1',
    });
    const application = (await asA1(MY_APPLICATION, { id: a1.application })).data!.myApplication;
    expect(application.nextStep).toMatchObject({ action: 'SEND_THANK_YOU', candidateActs: true });
    expect(application.nextStep.text).toMatch(/^Send a thank-you e-mail to HIRING_MANAGER a1/);
    expect(application.followUps).toEqual([
      expect.objectContaining({ direction: 'INBOUND', contactRole: 'HR', response: { kind: 'STILL_INTERVIEWING' } }),
    ]);
    expect(JSON.stringify(application)).not.toContain('lukewarm');
    expect(application.interviews).toHaveLength(1);
  });

  it("answers NOT_FOUND for another candidate's application, in the agency or outside it", async () => {
    for (const id of [a2.application, b1.application, '00000000-0000-4000-8000-000000000000']) {
      expect(errorCode(await asA1(MY_APPLICATION, { id }))).toBe('NOT_FOUND');
    }
    const seenByA2 = (await api.gql(MY_APPLICATIONS, {}, { token: tokenA2 })).data!.myApplications;
    expect(seenByA2.edges.map((edge: { node: { id: string } }) => edge.node.id)).toEqual([a2.application]);
  });

  it('refuses a candidate token on every counselor and admin operation with FORBIDDEN', async () => {
    const staffOperations: [string, Record<string, unknown>][] = [
      [`{ candidates(first: 5) { totalCount } }`, {}],
      [`query($id: ID!) { candidate(id: $id) { id } }`, { id: a1.candidate }],
      [`query($id: ID!) { application(id: $id) { id } }`, { id: a1.application }],
      [`{ applications(first: 5) { totalCount } }`, {}],
      [`{ employers(first: 5) { totalCount } }`, {}],
      [`{ escalations(first: 5) { totalCount } }`, {}],
      [`{ agencyPolicy { minimumGapWorkingDays } }`, {}],
      [`{ users(first: 5) { totalCount } }`, {}],
      [`{ auditEntries(first: 5) { totalCount } }`, {}],
      [INVITE, { id: a2.candidate }],
      [`mutation { runEscalationSweep { raised } }`, {}],
      [
        `mutation($input: ChangeStageInput!) { changeStage(input: $input) { __typename } }`,
        { input: { applicationId: a1.application, stage: 'WITHDRAWN' } },
      ],
    ];
    for (const [query, variables] of staffOperations) {
      expect({ query, code: errorCode(await asA1(query, variables)) }).toEqual({ query, code: 'FORBIDDEN' });
    }
    expect(errorCode(await asA(MY_APPLICATIONS))).toBe('FORBIDDEN');
  });

  it('declares no counselor-only field on any portal type of the committed schema', () => {
    const schema = readFileSync(join(__dirname, '..', '..', 'schema.gql'), 'utf8');
    const portalTypes = [...schema.matchAll(/^type (Portal\w+) \{\n([\s\S]*?)\n\}/gm)];
    expect(portalTypes.map((match) => match[1]).sort()).toEqual(
      expect.arrayContaining(['PortalApplication', 'PortalDebrief', 'PortalFollowUp', 'PortalNextStep']),
    );
    const staffOnly = ['notes', 'overrideReason', 'temperature', 'escalations', 'timeline', 'reason', 'tasks'];
    for (const [, type, body] of portalTypes) {
      const fields = body!.split('\n').map((line) => line.trim().split(/[(:]/)[0]);
      expect({ type, leaked: fields.filter((field) => staffOnly.includes(field!)) }).toEqual({ type, leaked: [] });
    }
  });
});
