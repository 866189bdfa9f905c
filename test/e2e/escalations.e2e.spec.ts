import { DateTime } from 'luxon';
import { withOwner } from '../support/database';
import { errorCode, startTestApi, TestApi } from '../support/api';
import { inviteCounselor, setUpApplication, signUpAgency, SignedUpAgency } from '../support/factories';

const PLAN = `query($id: ID!) { application(id: $id) {
  stage
  nextStep { action dueAt reason contact { id } }
  temperature { score reasons { points text } }
  escalations { id level reason recommendedAction dueAt raisedAt resolvedAt assignee { id } contact { id } application { id } }
} }`;
const SWEEP = `mutation { runEscalationSweep { raised } }`;
const ESCALATIONS = `query($filter: EscalationFilter, $first: Int, $after: String) {
  escalations(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id level resolvedAt application { id } } }
  }
}`;
const RESOLVE = `mutation($input: ResolveEscalationInput!) {
  resolveEscalation(input: $input) { id resolution resolutionNotes resolvedAt }
}`;
const LOG = `mutation($input: LogFollowUpInput!) { logFollowUp(input: $input) { __typename } }`;
const APPLICATIONS = `query($filter: ApplicationFilter, $orderBy: PipelineOrder, $first: Int, $after: String) {
  applications(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id temperature { score } nextStep { dueAt } } }
  }
}`;
const CANDIDATES = `query($filter: CandidateFilter, $orderBy: PipelineOrder) {
  candidates(filter: $filter, orderBy: $orderBy, first: 50) { edges { node { id } } }
}`;

describe('the follow-up engine over GraphQL: next steps, temperature, escalations', () => {
  let api: TestApi;
  let agencyA: SignedUpAgency;
  let agencyB: SignedUpAgency;
  let counselor: { id: string; token: string };
  let silent: Awaited<ReturnType<typeof setUpApplication>>;
  let quiet: Awaited<ReturnType<typeof setUpApplication>>;
  let fresh: { candidate: string; application: string };
  let other: Awaited<ReturnType<typeof setUpApplication>>;

  const asA = (query: string, variables: Record<string, unknown> = {}) =>
    api.gql(query, variables, { token: agencyA.accessToken });
  const asB = (query: string, variables: Record<string, unknown> = {}) =>
    api.gql(query, variables, { token: agencyB.accessToken });
  const escalationRows = (agencyId = agencyA.agencyId) =>
    withOwner(
      api.db.ownerUrl,
      async (client) =>
        (await client.query(`SELECT * FROM escalations WHERE agency_id = $1 ORDER BY id`, [agencyId])).rows,
    );

  beforeAll(async () => {
    api = await startTestApi();
    agencyA = await signUpAgency(api);
    agencyB = await signUpAgency(api);
    counselor = await inviteCounselor(api, agencyA, 'counselor@escalations.test');
    silent = await setUpApplication(api, agencyA, 'silent');
    quiet = await setUpApplication(api, agencyA, 'quiet');
    other = await setUpApplication(api, agencyB, 'other');
    // Interviewed four weeks ago (a Monday, in the employer's zone), thanked the same day, then nothing: every rung
    // up to the hiring manager is due (10 working days), and not yet out of the running (30 more). Relative to
    // today, as the API's clock is: a fixed date would, weeks later, have fallen out of the running.
    const interviewDay = DateTime.now()
      .setZone('America/Chicago')
      .minus({ weeks: 4 })
      .set({ weekday: 1, hour: 10, minute: 0, second: 0, millisecond: 0 });
    await asA(`mutation($input: RecordInterviewInput!) { recordInterview(input: $input) { id } }`, {
      input: {
        applicationId: silent.application,
        occurredAt: interviewDay.toISO(),
        interviewerContactIds: [silent.manager],
        arrangedByAgency: true,
      },
    });
    await asA(LOG, {
      input: {
        applicationId: silent.application,
        contactId: silent.manager,
        channel: 'EMAIL',
        purpose: 'THANK_YOU',
        outcome: 'REACHED',
        occurredAt: interviewDay.set({ hour: 15 }).toISO(),
      },
    });
    const candidate = (
      await asA(`mutation($input: CreateCandidateInput!) { createCandidate(input: $input) { id } }`, {
        input: { fullName: 'Fresh Face', email: 'fresh@candidates.test' },
      })
    ).data!.createCandidate.id;
    const application = (
      await asA(`mutation($input: SubmitCandidateInput!) { submitCandidate(input: $input) { id } }`, {
        input: { candidateId: candidate, positionId: quiet.position, interestLevel: 3 },
      })
    ).data!.submitCandidate.id;
    fresh = { candidate, application };
  });

  afterAll(() => api.close());

  it("shows each application's next step, with its contact and reason, and its temperature with reasons", async () => {
    const plan = (await asA(PLAN, { id: silent.application })).data!.application;
    expect(plan.nextStep).toMatchObject({ action: 'EMAIL_HR_STATUS', contact: { id: silent.hr } });
    expect(plan.nextStep.reason).toMatch(/HR/);
    expect(plan.temperature.score).toBeGreaterThanOrEqual(0);
    expect(plan.temperature.score).toBeLessThanOrEqual(100);
    expect(plan.temperature.reasons.length).toBeGreaterThan(0);
    const submitted = (await asA(PLAN, { id: fresh.application })).data!.application;
    expect(submitted.nextStep.action).toBe('STATUS_CHECK');
    expect(new Date(submitted.nextStep.dueAt).getTime()).toBeGreaterThan(Date.now());
  });

  it('lets only admins run the sweep, which raises each due rung once and assigns it to the counselor', async () => {
    expect(errorCode(await api.gql(SWEEP, {}, { token: counselor.token }))).toBe('FORBIDDEN');
    expect(errorCode(await api.gql(SWEEP))).toBe('UNAUTHENTICATED');
    const first = (await asA(SWEEP)).data!.runEscalationSweep.raised;
    expect(first).toBeGreaterThanOrEqual(2);
    expect((await asA(SWEEP)).data!.runEscalationSweep.raised).toBe(0);

    const plan = (await asA(PLAN, { id: silent.application })).data!.application;
    const levels = plan.escalations.map((escalation: { level: string }) => escalation.level);
    expect(levels).toEqual(expect.arrayContaining(['NEXT_STEP_OVERDUE', 'HIRING_MANAGER']));
    const hiringManager = plan.escalations.find(
      (escalation: { level: string }) => escalation.level === 'HIRING_MANAGER',
    );
    expect(hiringManager).toMatchObject({
      assignee: { id: agencyA.adminId },
      contact: { id: silent.manager },
      application: { id: silent.application },
      resolvedAt: null,
    });
    expect(hiringManager.reason).toMatch(/working days/);
    expect(plan.nextStep.action).toBe('ESCALATE_TO_HIRING_MANAGER');
    expect((await asA(PLAN, { id: fresh.application })).data!.application.escalations).toEqual([]);
  });

  it('lists escalations by open state and assignee, page by page', async () => {
    const open = (await asA(ESCALATIONS, { filter: { open: true } })).data!.escalations;
    expect(open.totalCount).toBe((await escalationRows()).length);
    expect(open.totalCount).toBeGreaterThanOrEqual(3);
    const mine = (await asA(ESCALATIONS, { filter: { assigneeId: agencyA.adminId } })).data!.escalations;
    expect(mine.totalCount).toBe(open.totalCount);
    expect((await asA(ESCALATIONS, { filter: { assigneeId: counselor.id } })).data!.escalations.totalCount).toBe(0);
    const page1 = (await asA(ESCALATIONS, { first: 1 })).data!.escalations;
    const page2 = (await asA(ESCALATIONS, { first: 1, after: page1.pageInfo.endCursor })).data!.escalations;
    expect(page1.pageInfo.hasNextPage).toBe(true);
    expect(page2.edges[0].node.id).not.toBe(page1.edges[0].node.id);
  });

  it('filters candidates and applications by open escalation and overdue next step', async () => {
    const ids = (response: { data?: Record<string, { edges: { node: { id: string } }[] }> | null }, field: string) =>
      response.data![field]!.edges.map((edge) => edge.node.id);
    const escalated = ids(await asA(CANDIDATES, { filter: { hasOpenEscalation: true } }), 'candidates');
    expect(escalated).toEqual(expect.arrayContaining([silent.candidate, quiet.candidate]));
    expect(escalated).not.toContain(fresh.candidate);
    expect(ids(await asA(CANDIDATES, { filter: { hasOpenEscalation: false } }), 'candidates')).toEqual([
      fresh.candidate,
    ]);
    // The status check of the quiet one is weeks overdue; the fresh one's first check lies ahead. The silent one's
    // next step is now the escalation, due at the next contact slot: later today or on a coming day, or this very
    // moment when the sweep ran inside a slot (the API's clock is the real one), and overdue from then on.
    const silentDueAt = new Date((await asA(PLAN, { id: silent.application })).data!.application.nextStep.dueAt);
    const before = Date.now();
    const overdue = ids(await asA(APPLICATIONS, { filter: { hasOverdueNextStep: true } }), 'applications');
    const notOverdue = ids(await asA(APPLICATIONS, { filter: { hasOverdueNextStep: false } }), 'applications');
    const after = Date.now();
    expect(overdue).toContain(quiet.application);
    expect(notOverdue).toContain(fresh.application);
    // Unless it fell due while the two queries ran, the silent one is on the side its due time says.
    if (silentDueAt.getTime() <= before || silentDueAt.getTime() > after) {
      const silentOverdue = silentDueAt.getTime() <= before;
      expect(overdue.sort()).toEqual([quiet.application, ...(silentOverdue ? [silent.application] : [])].sort());
      expect(notOverdue.sort()).toEqual([fresh.application, ...(silentOverdue ? [] : [silent.application])].sort());
    }
  });

  it('sorts by temperature (hottest first) and by due time (soonest first), with cursors', async () => {
    const all = async (orderBy: string) => {
      const nodes: { id: string; temperature: { score: number }; nextStep: { dueAt: string } }[] = [];
      let after: string | undefined;
      for (;;) {
        const page = (await asA(APPLICATIONS, { orderBy, first: 1, after })).data!.applications;
        nodes.push(...page.edges.map((edge: { node: (typeof nodes)[number] }) => edge.node));
        if (!page.pageInfo.hasNextPage) return nodes;
        after = page.pageInfo.endCursor;
      }
    };
    const byTemperature = await all('TEMPERATURE');
    expect(byTemperature).toHaveLength(3);
    const scores = byTemperature.map((node) => node.temperature.score);
    expect(scores).toEqual([...scores].sort((x, y) => y - x));
    const byDue = await all('DUE_AT');
    const dues = byDue.map((node) => new Date(node.nextStep.dueAt).getTime());
    expect(dues).toEqual([...dues].sort((x, y) => x - y));
    expect(byDue.at(-1)!.id).toBe(fresh.application);
    expect(errorCode(await asA(APPLICATIONS, { orderBy: 'DUE_AT', after: 'not-a-cursor' }))).toBe('BAD_USER_INPUT');
  });

  it("keeps agency B out: it sees none of A's escalations and cannot resolve them", async () => {
    const [target] = (await asA(ESCALATIONS, { filter: { open: true } })).data!.escalations.edges;
    const before = await escalationRows();
    expect(errorCode(await asB(RESOLVE, { input: { escalationId: target.node.id, resolution: 'DONE' } }))).toBe(
      'NOT_FOUND',
    );
    // B's sweep raises B's own overdue status check, and touches nothing of A's.
    expect((await asB(SWEEP)).data!.runEscalationSweep.raised).toBe(1);
    expect(await escalationRows()).toEqual(before);
    const seenByB = (await asB(ESCALATIONS)).data!.escalations.edges;
    expect(seenByB.map((edge: { node: { application: { id: string } } }) => edge.node.application.id)).toEqual([
      other.application,
    ]);
    expect((await escalationRows(agencyB.agencyId)).map((row) => row.application_id)).toEqual([other.application]);
    expect(errorCode(await asB(PLAN, { id: silent.application }))).toBe('NOT_FOUND');
    expect(errorCode(await asB(ESCALATIONS, { filter: { applicationId: silent.application } }))).toBeUndefined();
    expect(
      (await asB(ESCALATIONS, { filter: { applicationId: silent.application } })).data!.escalations.totalCount,
    ).toBe(0);
  });

  it('lets a counselor resolve an escalation once, with notes, and refuses bad input', async () => {
    const open = (await asA(ESCALATIONS, { filter: { open: true } })).data!.escalations.edges;
    const target = open.find(
      (edge: { node: { application: { id: string } } }) => edge.node.application.id === quiet.application,
    ).node;
    const resolved = await api.gql(
      RESOLVE,
      { input: { escalationId: target.id, resolution: 'DISMISSED', notes: 'Spoke to HR at a fair' } },
      { token: counselor.token },
    );
    expect(resolved.data!.resolveEscalation).toMatchObject({
      id: target.id,
      resolution: 'DISMISSED',
      resolutionNotes: 'Spoke to HR at a fair',
    });
    const again = await asA(RESOLVE, { input: { escalationId: target.id, resolution: 'DONE' } });
    expect(errorCode(again)).toBe('BAD_USER_INPUT');
    expect(again.errors![0]!.extensions.fields).toEqual([expect.objectContaining({ field: 'escalationId' })]);
    expect(errorCode(await asA(RESOLVE, { input: { escalationId: 'nope', resolution: 'DONE' } }))).toBe(
      'BAD_USER_INPUT',
    );
    const row = (await escalationRows()).find((escalation) => escalation.id === target.id);
    expect(row).toMatchObject({ resolution: 'DISMISSED', resolved_by_user_id: counselor.id });
  });

  it("closes the application's open escalations when the employer answers", async () => {
    const reply = await asA(LOG, {
      input: {
        applicationId: silent.application,
        contactId: silent.hr,
        channel: 'PHONE',
        purpose: 'STATUS_CHECK',
        outcome: 'REPLIED',
        direction: 'INBOUND',
        occurredAt: new Date(Date.now() - 60_000).toISOString(),
        response: { kind: 'STILL_INTERVIEWING' },
      },
    });
    expect(reply.data!.logFollowUp.__typename).toBe('FollowUp');
    const plan = (await asA(PLAN, { id: silent.application })).data!.application;
    expect(plan.escalations).toEqual([]);
    const rows = (await escalationRows()).filter((escalation) => escalation.application_id === silent.application);
    expect(rows.every((escalation) => escalation.resolution === 'EMPLOYER_ANSWERED')).toBe(true);
    expect(plan.nextStep.action).toBe('STATUS_CHECK');
  });
});
