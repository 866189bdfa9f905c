import { errorCode, startTestApi, TestApi } from '../support/api';
import { setUpApplication, signUpAgency, SignedUpAgency } from '../support/factories';

const RECORD_INTERVIEW = `mutation($input: RecordInterviewInput!) { recordInterview(input: $input) { id } }`;
const RECORD_DEBRIEF = `mutation($input: RecordDebriefInput!) {
  recordDebrief(input: $input) {
    id rating askedAboutNextSteps promisedDecisionAt designatedContactId strengths observations
    callPermission { slotAt bestWayToReach }
  }
}`;
const SIGNAL = `mutation($input: RecordReferenceSignalInput!) { recordReferenceSignal(input: $input) { id kind } }`;
const APPLICATION = `query($id: ID!) {
  application(id: $id) {
    stage
    interviews { id debrief { id rating } }
    referenceSignals { kind }
    tasks { id kind title dueAt completedAt }
  }
}`;

describe('debriefs, reference-check signals and tasks', () => {
  let api: TestApi;
  let agencyA: SignedUpAgency;
  let agencyB: SignedUpAgency;
  let a: Awaited<ReturnType<typeof setUpApplication>>;
  let interviewId: string;

  const asA = (query: string, variables: Record<string, unknown>) =>
    api.gql(query, variables, { token: agencyA.accessToken });
  const asB = (query: string, variables: Record<string, unknown>) =>
    api.gql(query, variables, { token: agencyB.accessToken });

  beforeAll(async () => {
    api = await startTestApi();
    agencyA = await signUpAgency(api);
    agencyB = await signUpAgency(api);
    a = await setUpApplication(api, agencyA, 'debrief');
    interviewId = (
      await asA(RECORD_INTERVIEW, {
        input: {
          applicationId: a.application,
          occurredAt: '2026-11-02T10:00:00-06:00',
          interviewerContactIds: [a.manager],
          arrangedByAgency: true,
        },
      })
    ).data!.recordInterview.id;
  });

  afterAll(() => api.close());

  it('records every field of a debrief, designates the contact and awaits the promised decision', async () => {
    const debrief = await asA(RECORD_DEBRIEF, {
      input: {
        interviewId,
        heldAt: '2026-11-02T17:00:00-06:00',
        rating: 4,
        askedAboutNextSteps: true,
        promisedDecisionAt: '2026-11-13T17:00:00-06:00',
        promisedByContactId: a.manager,
        designatedContactId: a.hr,
        callPermission: {
          slotAt: '2026-11-10T08:30:00-06:00',
          bestWayToReach: 'Direct line, before the receptionist arrives',
        },
        strengths: ['SQL', 'stakeholder reporting', 'retail analytics'],
        observations: 'Open-plan office, team of six, new BI platform',
        notes: 'Candidate nervous about salary talk',
      },
    });
    expect(debrief.data!.recordDebrief).toEqual(
      expect.objectContaining({
        rating: 4,
        askedAboutNextSteps: true,
        promisedDecisionAt: '2026-11-13T23:00:00.000Z',
        designatedContactId: a.hr,
        strengths: ['SQL', 'stakeholder reporting', 'retail analytics'],
        callPermission: {
          slotAt: '2026-11-10T14:30:00.000Z',
          bestWayToReach: 'Direct line, before the receptionist arrives',
        },
      }),
    );
    const application = await asA(APPLICATION, { id: a.application });
    expect(application.data!.application.stage).toBe('AWAITING_DECISION');
    expect(application.data!.application.interviews[0].debrief.rating).toBe(4);
    const employer = await asA(`query($id: ID!) { employer(id: $id) { contacts { id isDesignatedContact } } }`, {
      id: a.employer,
    });
    expect(employer.data!.employer.contacts).toEqual(
      expect.arrayContaining([
        { id: a.hr, isDesignatedContact: true },
        { id: a.manager, isDesignatedContact: false },
      ]),
    );
  });

  it('keeps one debrief per interview', async () => {
    const again = await asA(RECORD_DEBRIEF, {
      input: { interviewId, heldAt: '2026-11-03T09:00:00Z', rating: 2, askedAboutNextSteps: false, strengths: [] },
    });
    expect(again.errors![0].extensions.fields).toEqual([expect.objectContaining({ field: 'interviewId' })]);
  });

  it('moves to REFERENCE_CHECK on a request for references and opens a task due by the end of the next working day', async () => {
    // Friday 6 November 2026 in Chicago: due when Tuesday 10 November starts there.
    const signal = await asA(SIGNAL, {
      input: { applicationId: a.application, kind: 'REFERENCES_REQUESTED', occurredAt: '2026-11-06T11:00:00-06:00' },
    });
    expect(signal.data!.recordReferenceSignal.kind).toBe('REFERENCES_REQUESTED');
    const application = (await asA(APPLICATION, { id: a.application })).data!.application;
    expect(application.stage).toBe('REFERENCE_CHECK');
    expect(application.referenceSignals).toEqual([{ kind: 'REFERENCES_REQUESTED' }]);
    expect(application.tasks).toEqual([
      expect.objectContaining({ kind: 'SEND_REFERENCES', dueAt: '2026-11-10T06:00:00.000Z', completedAt: null }),
    ]);
    expect(application.tasks[0].title).toMatch(/Send references to Employer debrief/);
  });

  it('records later signals without opening more tasks, and completes the task', async () => {
    await asA(SIGNAL, {
      input: { applicationId: a.application, kind: 'REFERENCE_CONTACTED', occurredAt: '2026-11-09T10:00:00-06:00' },
    });
    const before = (await asA(APPLICATION, { id: a.application })).data!.application;
    expect(before.tasks).toHaveLength(1);
    const done = await asA(`mutation($id: ID!) { completeTask(taskId: $id) { completedAt } }`, {
      id: before.tasks[0].id,
    });
    expect(done.data!.completeTask.completedAt).not.toBeNull();
  });

  it('names a signal in the future, and does not find an unknown reference', async () => {
    const future = await asA(SIGNAL, {
      input: { applicationId: a.application, kind: 'REFERENCE_CONTACTED', occurredAt: '2099-01-01T00:00:00Z' },
    });
    expect(future.errors![0].extensions.fields).toEqual([expect.objectContaining({ field: 'occurredAt' })]);
    const stranger = await asA(SIGNAL, {
      input: {
        applicationId: a.application,
        kind: 'REFERENCE_CONTACTED',
        occurredAt: '2026-11-09T10:00:00Z',
        referenceId: '00000000-0000-4000-8000-000000000000',
      },
    });
    expect(errorCode(stranger)).toBe('NOT_FOUND');
  });

  it('tells the whole story in the timeline, oldest first', async () => {
    const timeline = await asA(`query($id: ID!) { application(id: $id) { timeline { kind summary } } }`, {
      id: a.application,
    });
    const events = timeline.data!.application.timeline.map(
      (event: { kind: string; summary: string }) => `${event.kind}: ${event.summary}`,
    );
    expect(events).toEqual([
      'STAGE_CHANGED: Submitted',
      'INTERVIEW: Interview arranged by the agency',
      'STAGE_CHANGED: Moved from submitted to interviewing: Interview recorded',
      'DEBRIEF: Debrief: the interview went 4/5',
      'STAGE_CHANGED: Moved from interviewing to awaiting decision: Decision date promised at the interview',
      'REFERENCE_SIGNAL: Reference check: references requested',
      'STAGE_CHANGED: Moved from awaiting decision to reference check: References requested',
      'REFERENCE_SIGNAL: Reference check: reference contacted',
      // Events are dated when they happened; the task when the system opened it, which is now.
      'TASK: Task opened: Send references to Employer debrief',
    ]);
  });

  it("answers NOT_FOUND to another agency's interview, application and task, and changes nothing", async () => {
    const before = (await asA(APPLICATION, { id: a.application })).data!.application;
    expect(
      errorCode(
        await asB(RECORD_DEBRIEF, {
          input: { interviewId, heldAt: '2026-11-03T09:00:00Z', rating: 1, askedAboutNextSteps: false, strengths: [] },
        }),
      ),
    ).toBe('NOT_FOUND');
    expect(
      errorCode(
        await asB(SIGNAL, {
          input: { applicationId: a.application, kind: 'REFERENCES_REQUESTED', occurredAt: '2026-11-09T10:00:00Z' },
        }),
      ),
    ).toBe('NOT_FOUND');
    expect(
      errorCode(await asB(`mutation($id: ID!) { completeTask(taskId: $id) { id } }`, { id: before.tasks[0].id })),
    ).toBe('NOT_FOUND');
    expect((await asA(APPLICATION, { id: a.application })).data!.application).toEqual(before);
  });
});
