import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { errorCode, startTestApi, TestApi } from '../support/api';
import { withOwner } from '../support/database';
import { everyOperation } from '../support/operations';
import { AUTH_PAYLOAD, login, setUpApplication, signUpAgency, SignedUpAgency } from '../support/factories';

/** What a candidate may call: their portal, and the sign-in operations everyone has. */
const CANDIDATE_OPERATIONS = new Set([
  'me',
  'logout',
  'myApplications',
  'myApplication',
  'logMyFollowUp',
  'requestDebrief',
  'myReferences',
  'addMyReference',
  'removeMyReference',
  'exportMyData',
  'requestErasure',
]);
const PUBLIC_OPERATIONS = new Set(['signUpAgency', 'login', 'refreshSession', 'acceptInvitation']);

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
  let tokenB1: string;

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
    tokenB1 = await portalAccount(agencyB, b1.candidate);
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
    // A candidate of another agency gets NOT_FOUND for A1's records, on queries and mutations alike.
    const asB1 = (query: string, variables: Record<string, unknown>) => api.gql(query, variables, { token: tokenB1 });
    expect(errorCode(await asB1(MY_APPLICATION, { id: a1.application }))).toBe('NOT_FOUND');
    const interviewId = (
      await asA(`query($id: ID!) { application(id: $id) { interviews { id } } }`, { id: a1.application })
    ).data!.application.interviews[0].id;
    const foreignCalls: [string, Record<string, unknown>][] = [
      [
        `mutation($input: LogMyFollowUpInput!) { logMyFollowUp(input: $input) { __typename } }`,
        {
          input: {
            applicationId: a1.application,
            contactId: a1.hr,
            channel: 'EMAIL',
            purpose: 'STATUS_CHECK',
            outcome: 'REACHED',
            occurredAt: new Date(Date.now() - 1000).toISOString(),
          },
        },
      ],
      [
        `mutation($input: RequestDebriefInput!) { requestDebrief(input: $input) { dueAt } }`,
        { input: { interviewId, preferredTimes: [new Date(Date.now() + 86_400_000).toISOString()] } },
      ],
      [`mutation($id: ID!) { removeMyReference(id: $id) }`, { id: a1.candidate }],
    ];
    for (const [query, variables] of foreignCalls) {
      for (const token of [tokenB1, tokenA2]) {
        expect(errorCode(await api.gql(query, variables, { token }))).toBe('NOT_FOUND');
      }
    }
    expect(
      (await asB1(MY_APPLICATIONS, {})).data!.myApplications.edges.map((e: { node: { id: string } }) => e.node.id),
    ).toEqual([b1.application]);
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

  it('answers FORBIDDEN to a candidate on every operation of the schema that is not theirs or public', async () => {
    const operations = everyOperation().filter(
      (operation) => !CANDIDATE_OPERATIONS.has(operation.name) && !PUBLIC_OPERATIONS.has(operation.name),
    );
    expect(operations.length).toBeGreaterThanOrEqual(30);
    for (const operation of operations) {
      const code = errorCode(await asA1(operation.document, operation.variables));
      expect({ operation: operation.name, code }).toEqual({ operation: operation.name, code: 'FORBIDDEN' });
    }
  });

  describe("the candidate's own part", () => {
    const LOG_MINE = `mutation($input: LogMyFollowUpInput!) {
      logMyFollowUp(input: $input) { __typename ... on FollowUp { id purpose } ... on FollowUpTooSoon { nextAllowedAt reason } }
    }`;
    const mine = (overrides: Record<string, unknown>) => ({
      applicationId: a1.application,
      contactId: a1.manager,
      channel: 'EMAIL',
      purpose: 'THANK_YOU',
      outcome: 'REACHED',
      occurredAt: new Date(Date.now() - 30_000).toISOString(),
      ...overrides,
    });

    it('logs their own follow-ups under the same stalker guard, replans, and tells the counselor', async () => {
      const thanks = await asA1(LOG_MINE, { input: mine({}) });
      expect(thanks.data!.logMyFollowUp).toMatchObject({ __typename: 'FollowUp', purpose: 'THANK_YOU' });
      const after = (await asA1(MY_APPLICATION, { id: a1.application })).data!.myApplication;
      expect(after.nextStep.action).not.toBe('SEND_THANK_YOU');
      expect(after.followUps).toHaveLength(2);

      const check = mine({
        purpose: 'STATUS_CHECK',
        contactId: a1.hr,
        occurredAt: new Date(Date.now() - 20_000).toISOString(),
      });
      expect((await asA1(LOG_MINE, { input: check })).data!.logMyFollowUp.__typename).toBe('FollowUp');
      const tooSoon = (
        await asA1(LOG_MINE, { input: { ...check, occurredAt: new Date(Date.now() - 10_000).toISOString() } })
      ).data!.logMyFollowUp;
      expect(tooSoon.__typename).toBe('FollowUpTooSoon');
      expect(new Date(tooSoon.nextAllowedAt).getTime()).toBeGreaterThan(Date.now());
      const overridden = await asA1(LOG_MINE, {
        input: {
          ...check,
          occurredAt: new Date(Date.now() - 5_000).toISOString(),
          override: { reason: 'HR asked me to call back' },
        },
      });
      expect(overridden.data!.logMyFollowUp.__typename).toBe('FollowUp');

      const notices = await withOwner(
        api.db.ownerUrl,
        async (client) =>
          (await client.query(`SELECT target FROM notifications WHERE kind = 'candidate.follow_up_logged'`)).rows,
      );
      expect(notices).toHaveLength(3);
      expect(notices.every((row: { target: string }) => row.target === agencyA.adminEmail)).toBe(true);
      expect(errorCode(await asA1(LOG_MINE, { input: mine({ applicationId: a2.application }) }))).toBe('NOT_FOUND');
    });

    it('asks for a debrief once per interview, which becomes the counselor’s task', async () => {
      const REQUEST = `mutation($input: RequestDebriefInput!) { requestDebrief(input: $input) { interviewId dueAt } }`;
      const interview = (await asA1(MY_APPLICATION, { id: a1.application })).data!.myApplication.interviews[0];
      const soon = new Date(Date.now() + 2 * 86_400_000).toISOString();
      const later = new Date(Date.now() + 3 * 86_400_000).toISOString();
      const interviewId = (
        await asA(`query($id: ID!) { application(id: $id) { interviews { id } } }`, { id: a1.application })
      ).data!.application.interviews[0].id;
      expect(interview).toBeDefined();
      const requested = await asA1(REQUEST, { input: { interviewId, preferredTimes: [later, soon] } });
      expect(requested.data!.requestDebrief).toEqual({ interviewId, dueAt: soon });
      expect(errorCode(await asA1(REQUEST, { input: { interviewId, preferredTimes: [soon] } }))).toBe('BAD_USER_INPUT');
      const past = new Date(Date.now() - 86_400_000).toISOString();
      expect(
        errorCode(await api.gql(REQUEST, { input: { interviewId, preferredTimes: [soon] } }, { token: tokenA2 })),
      ).toBe('NOT_FOUND');
      expect(errorCode(await asA1(REQUEST, { input: { interviewId: b1.application, preferredTimes: [past] } }))).toBe(
        'NOT_FOUND',
      );
      const tasks = (
        await asA(`query($id: ID!) { application(id: $id) { tasks { kind title dueAt } } }`, { id: a1.application })
      ).data!.application.tasks;
      expect(tasks).toEqual([expect.objectContaining({ kind: 'HOLD_DEBRIEF', dueAt: soon })]);
    });

    it('keeps their references, with when each referee was told, and removes them', async () => {
      const ADD = `mutation($input: AddMyReferenceInput!) { addMyReference(input: $input) { id fullName informedAt } }`;
      const LIST = `{ myReferences { id fullName email informedAt } }`;
      const informedAt = new Date(Date.now() - 86_400_000).toISOString();
      const added = await asA1(ADD, { input: { fullName: 'Grace Hopper', email: 'grace@navy.test', informedAt } });
      const referenceId = added.data!.addMyReference.id;
      expect((await asA1(LIST)).data!.myReferences).toEqual([
        { id: referenceId, fullName: 'Grace Hopper', email: 'grace@navy.test', informedAt },
      ]);
      expect((await api.gql(LIST, {}, { token: tokenA2 })).data!.myReferences).toEqual([]);
      const future = new Date(Date.now() + 86_400_000).toISOString();
      const bad = await asA1(ADD, { input: { fullName: 'Someone', informedAt: future } });
      expect(errorCode(bad)).toBe('BAD_USER_INPUT');
      const REMOVE = `mutation($id: ID!) { removeMyReference(id: $id) }`;
      expect(errorCode(await api.gql(REMOVE, { id: referenceId }, { token: tokenA2 }))).toBe('NOT_FOUND');
      expect((await asA1(REMOVE, { id: referenceId })).data!.removeMyReference).toBe(true);
      expect((await asA1(LIST)).data!.myReferences).toEqual([]);
      expect(errorCode(await asA1(REMOVE, { id: referenceId }))).toBe('NOT_FOUND');
    });
  });

  it('exports every record held about the candidate as JSON, and nothing of anyone else', async () => {
    const interviewId = (
      await asA(`query($id: ID!) { application(id: $id) { interviews { id } } }`, { id: a1.application })
    ).data!.application.interviews[0].id;
    await asA(`mutation($input: RecordDebriefInput!) { recordDebrief(input: $input) { id } }`, {
      input: {
        interviewId,
        heldAt: new Date(Date.now() - 1000).toISOString(),
        rating: 4,
        askedAboutNextSteps: true,
        strengths: ['SQL'],
      },
    });
    await asA(`mutation($input: RecordReferenceSignalInput!) { recordReferenceSignal(input: $input) { id } }`, {
      input: {
        applicationId: a1.application,
        kind: 'REFERENCES_REQUESTED',
        occurredAt: new Date(Date.now() - 500).toISOString(),
      },
    });
    await asA1(`mutation($input: AddMyReferenceInput!) { addMyReference(input: $input) { id } }`, {
      input: {
        fullName: 'Ada Referee',
        phone: '+44 20 7946 0000',
        informedAt: new Date(Date.now() - 1000).toISOString(),
      },
    });
    const exported = JSON.parse((await asA1(`{ exportMyData }`)).data!.exportMyData);
    expect(exported).toMatchObject({ format: 'recruiting-followup.candidate-export', version: 1 });
    const { records } = exported as { records: Record<string, Record<string, unknown>[]> };
    const held = await withOwner(api.db.ownerUrl, async (client) => {
      const count = async (sql: string) => Number((await client.query(sql, [a1.application])).rows[0].n);
      return {
        follow_ups: await count(`SELECT count(*) AS n FROM follow_ups WHERE application_id = $1`),
        interviews: await count(`SELECT count(*) AS n FROM interviews WHERE application_id = $1`),
        debriefs: await count(`SELECT count(*) AS n FROM debriefs WHERE application_id = $1`),
        reference_signals: await count(`SELECT count(*) AS n FROM reference_signals WHERE application_id = $1`),
        tasks: await count(`SELECT count(*) AS n FROM tasks WHERE application_id = $1`),
        application_stage_changes: await count(
          `SELECT count(*) AS n FROM application_stage_changes WHERE application_id = $1`,
        ),
      };
    });
    for (const [table, count] of Object.entries(held)) {
      expect({ table, exported: records[table]!.length }).toEqual({ table, exported: count });
      expect(count).toBeGreaterThan(0);
    }
    expect(records.candidates!.map((row) => row.id)).toEqual([a1.candidate]);
    expect(records.applications!.map((row) => row.id)).toEqual([a1.application]);
    expect(records.candidate_references!.map((row) => row.full_name)).toEqual(['Ada Referee']);
    expect(records.application_next_steps).toHaveLength(1);
    expect(records.users).toHaveLength(1);
    const text = JSON.stringify(exported);
    for (const foreign of [a2.candidate, a2.application, b1.candidate, 'a2@candidates.test', 'password_hash']) {
      expect(text).not.toContain(foreign);
    }
  });

  it("records an erasure request once, to be carried out after the agency's review period", async () => {
    const ERASE = `mutation { requestErasure { requestedAt eraseAfter completedAt } }`;
    const first = (await api.gql(ERASE, {}, { token: tokenA2 })).data!.requestErasure;
    const days = (new Date(first.eraseAfter).getTime() - new Date(first.requestedAt).getTime()) / 86_400_000;
    expect(days).toBe(30);
    expect(first.completedAt).toBeNull();
    expect((await api.gql(ERASE, {}, { token: tokenA2 })).data!.requestErasure).toEqual(first);
    expect(errorCode(await asA(ERASE))).toBe('FORBIDDEN');
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
