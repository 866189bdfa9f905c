import { errorCode, startTestApi, TestApi } from '../support/api';
import { setUpApplication, signUpAgency, SignedUpAgency } from '../support/factories';

const RECORD_INTERVIEW = `mutation($input: RecordInterviewInput!) {
  recordInterview(input: $input) { id occurredAt arrangedByAgency interviewers { id } }
}`;
const LOG = `mutation($input: LogFollowUpInput!) {
  logFollowUp(input: $input) {
    __typename
    ... on FollowUp { id purpose direction overrideReason response { kind resumeAt } contact { id } }
    ... on FollowUpTooSoon { nextAllowedAt reason }
  }
}`;
const STAGE = `query($id: ID!) { application(id: $id) { stage interviews { id } followUps { purpose } } }`;

describe('interviews and follow-ups', () => {
  let api: TestApi;
  let agencyA: SignedUpAgency;
  let agencyB: SignedUpAgency;
  let a: Awaited<ReturnType<typeof setUpApplication>>;

  const asA = (query: string, variables: Record<string, unknown>) =>
    api.gql(query, variables, { token: agencyA.accessToken });
  const asB = (query: string, variables: Record<string, unknown>) =>
    api.gql(query, variables, { token: agencyB.accessToken });
  const followUp = (overrides: Record<string, unknown>) => ({
    applicationId: a.application,
    contactId: a.hr,
    channel: 'EMAIL',
    purpose: 'STATUS_CHECK',
    outcome: 'REACHED',
    ...overrides,
  });

  beforeAll(async () => {
    api = await startTestApi();
    agencyA = await signUpAgency(api);
    agencyB = await signUpAgency(api);
    a = await setUpApplication(api, agencyA, 'a');
  });

  afterAll(() => api.close());

  describe('recordInterview', () => {
    it('records the round with its interviewers and moves the application to INTERVIEWING', async () => {
      const interview = await asA(RECORD_INTERVIEW, {
        input: {
          applicationId: a.application,
          occurredAt: '2026-10-05T10:00:00-05:00',
          interviewerContactIds: [a.manager],
          arrangedByAgency: true,
        },
      });
      expect(interview.data!.recordInterview.interviewers).toEqual([{ id: a.manager }]);
      const application = await asA(STAGE, { id: a.application });
      expect(application.data!.application.stage).toBe('INTERVIEWING');
      expect(application.data!.application.interviews).toHaveLength(1);
    });

    it('refuses an interview in the future, or with an interviewer from elsewhere', async () => {
      const future = await asA(RECORD_INTERVIEW, {
        input: {
          applicationId: a.application,
          occurredAt: '2099-01-01T10:00:00Z',
          interviewerContactIds: [],
          arrangedByAgency: true,
        },
      });
      expect(future.errors![0].extensions.fields).toEqual([expect.objectContaining({ field: 'occurredAt' })]);
      const other = await setUpApplication(api, agencyA, 'other');
      const stranger = await asA(RECORD_INTERVIEW, {
        input: {
          applicationId: a.application,
          occurredAt: '2026-10-05T10:00:00Z',
          interviewerContactIds: [other.hr],
          arrangedByAgency: true,
        },
      });
      expect(stranger.errors![0].extensions.fields).toEqual([
        expect.objectContaining({ field: 'interviewerContactIds' }),
      ]);
    });
  });

  describe('the stalker guard', () => {
    it('lets the thank-you through and starts no gap with it, so the status e-mail two working days later goes too', async () => {
      const thanks = await asA(LOG, {
        input: followUp({ contactId: a.manager, purpose: 'THANK_YOU', occurredAt: '2026-10-05T16:00:00-05:00' }),
      });
      expect(thanks.data!.logFollowUp.__typename).toBe('FollowUp');
      const status = await asA(LOG, { input: followUp({ occurredAt: '2026-10-07T08:30:00-05:00' }) });
      expect(status.data!.logFollowUp.__typename).toBe('FollowUp');
    });

    it('answers FollowUpTooSoon inside the gap, with when the next contact is allowed, and writes nothing', async () => {
      const tooSoon = await asA(LOG, { input: followUp({ occurredAt: '2026-10-09T12:00:00-05:00' }) });
      expect(tooSoon.data!.logFollowUp.__typename).toBe('FollowUpTooSoon');
      // Five working days after Wednesday 7 October, in Chicago: Wednesday 14 October.
      expect(tooSoon.data!.logFollowUp.nextAllowedAt).toBe('2026-10-14T05:00:00.000Z');
      expect(tooSoon.data!.logFollowUp.reason).toMatch(/working days/);
      const application = await asA(STAGE, { id: a.application });
      expect(application.data!.application.followUps.map((f: { purpose: string }) => f.purpose)).toEqual([
        'THANK_YOU',
        'STATUS_CHECK',
      ]);
    });

    it('never blocks the employer reaching in', async () => {
      const reply = await asA(LOG, {
        input: followUp({ direction: 'INBOUND', outcome: 'REPLIED', occurredAt: '2026-10-08T09:00:00-05:00' }),
      });
      expect(reply.data!.logFollowUp.direction).toBe('INBOUND');
    });

    it('logs a contact inside the gap when overridden, and keeps why', async () => {
      const overridden = await asA(LOG, {
        input: followUp({
          occurredAt: '2026-10-09T12:00:00-05:00',
          override: { reason: 'HR asked us to call back Friday' },
        }),
      });
      expect(overridden.data!.logFollowUp.overrideReason).toBe('HR asked us to call back Friday');
    });

    it('lets one of two contacts logged at the same moment through, never both', async () => {
      const fresh = await setUpApplication(api, agencyA, 'race');
      const input = {
        applicationId: fresh.application,
        contactId: fresh.hr,
        channel: 'PHONE',
        purpose: 'STATUS_CHECK',
        outcome: 'NO_ANSWER',
        occurredAt: '2026-10-20T09:00:00-05:00',
      };
      const results = await Promise.all([asA(LOG, { input }), asA(LOG, { input }), asA(LOG, { input })]);
      const kinds = results.map((result) => result.data!.logFollowUp.__typename).sort();
      expect(kinds).toEqual(['FollowUp', 'FollowUpTooSoon', 'FollowUpTooSoon']);
    });
  });

  describe("the employer's answers", () => {
    it('moves to REFERENCE_CHECK when references are requested, and opens the task to send them', async () => {
      await asA(LOG, {
        input: followUp({
          direction: 'INBOUND',
          outcome: 'REPLIED',
          occurredAt: '2026-10-15T10:00:00-05:00',
          response: { kind: 'REFERENCES_REQUESTED' },
        }),
      });
      expect((await asA(STAGE, { id: a.application })).data!.application.stage).toBe('REFERENCE_CHECK');
      const tasks = await asA(`query($id: ID!) { application(id: $id) { tasks { kind dueAt } } }`, {
        id: a.application,
      });
      // Requested on Thursday 15 October 2026 in Chicago: due by the end of Friday, when Monday 19 October starts.
      expect(tasks.data!.application.tasks).toEqual([{ kind: 'SEND_REFERENCES', dueAt: '2026-10-19T05:00:00.000Z' }]);
    });

    it('puts the application ON_HOLD when the employer announces a delay with a resume date', async () => {
      const delayed = await asA(LOG, {
        input: followUp({
          direction: 'INBOUND',
          outcome: 'REPLIED',
          occurredAt: '2026-10-16T10:00:00-05:00',
          response: { kind: 'DELAYED', delayReason: 'BUDGET', resumeAt: '2027-01-11T09:00:00-06:00' },
        }),
      });
      expect(delayed.data!.logFollowUp.response).toEqual({ kind: 'DELAYED', resumeAt: '2027-01-11T15:00:00.000Z' });
      expect((await asA(STAGE, { id: a.application })).data!.application.stage).toBe('ON_HOLD');
    });

    it('names the missing or misplaced answer fields', async () => {
      const pending = await asA(LOG, {
        input: followUp({
          direction: 'INBOUND',
          occurredAt: '2026-10-16T11:00:00-05:00',
          response: { kind: 'DECISION_PENDING', delayReason: 'BUDGET' },
        }),
      });
      expect(errorCode(pending)).toBe('BAD_USER_INPUT');
      expect((pending.errors![0].extensions.fields as { field: string }[]).map((f) => f.field).sort()).toEqual([
        'response.delayReason',
        'response.newDecisionAt',
      ]);
    });

    it('refuses a contact who is not at the employer', async () => {
      const other = await setUpApplication(api, agencyA, 'elsewhere');
      const response = await asA(LOG, {
        input: followUp({ contactId: other.hr, occurredAt: '2026-10-21T10:00:00-05:00' }),
      });
      expect(response.errors![0].extensions.fields).toEqual([expect.objectContaining({ field: 'contactId' })]);
    });
  });

  it('lists applications by stage, employer and counselor, each with its last follow-up', async () => {
    const query = `query($filter: ApplicationFilter) {
      applications(first: 50, filter: $filter) { totalCount edges { node { id stage lastFollowUp { purpose occurredAt } } } }
    }`;
    const atEmployer = await asA(query, { filter: { employerId: a.employer } });
    expect(atEmployer.data!.applications.edges.map((edge: any) => edge.node.id)).toEqual([a.application]);
    expect(atEmployer.data!.applications.edges[0].node.lastFollowUp.occurredAt).toBe('2026-10-16T15:00:00.000Z');
    const onHold = await asA(query, { filter: { stage: 'ON_HOLD' } });
    expect(onHold.data!.applications.edges.map((edge: any) => edge.node.id)).toEqual([a.application]);
    const all = await asA(query, { filter: { counselorId: agencyA.adminId } });
    expect(all.data!.applications.totalCount).toBeGreaterThanOrEqual(3);
    expect((await asB(query, { filter: { employerId: a.employer } })).data!.applications.totalCount).toBe(0);
  });

  it("answers NOT_FOUND to another agency's contact as interviewer or follow-up contact", async () => {
    const b = await setUpApplication(api, agencyB, 'b');
    const interview = await asA(RECORD_INTERVIEW, {
      input: {
        applicationId: a.application,
        occurredAt: '2026-10-05T10:00:00Z',
        interviewerContactIds: [b.hr],
        arrangedByAgency: true,
      },
    });
    expect(errorCode(interview)).toBe('NOT_FOUND');
    const logged = await asA(LOG, { input: followUp({ contactId: b.hr, occurredAt: '2026-10-30T10:00:00-05:00' }) });
    expect(errorCode(logged)).toBe('NOT_FOUND');
  });

  it("answers NOT_FOUND to another agency logging on this agency's application, and changes nothing", async () => {
    const before = (await asA(STAGE, { id: a.application })).data!.application;
    const interview = await asB(RECORD_INTERVIEW, {
      input: {
        applicationId: a.application,
        occurredAt: '2026-10-05T10:00:00Z',
        interviewerContactIds: [],
        arrangedByAgency: false,
      },
    });
    expect(errorCode(interview)).toBe('NOT_FOUND');
    const logged = await asB(LOG, { input: followUp({ occurredAt: '2026-10-30T10:00:00-05:00' }) });
    expect(errorCode(logged)).toBe('NOT_FOUND');
    expect((await asA(STAGE, { id: a.application })).data!.application).toEqual(before);
  });
});
