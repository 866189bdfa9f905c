import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { withOwner } from '../support/database';
import { errorCode, startTestApi, TestApi } from '../support/api';
import { AUTH_PAYLOAD, signUpAgency, SignedUpAgency } from '../support/factories';

const CREATE_EMPLOYER = `mutation($input: CreateEmployerInput!) { createEmployer(input: $input) { id name timezone isLocal } }`;
const ADD_CONTACT = `mutation($input: AddEmployerContactInput!) { addEmployerContact(input: $input) { id role isDesignatedContact } }`;
const CREATE_POSITION = `mutation($input: CreatePositionInput!) { createPosition(input: $input) { id title employer { id } } }`;
const CREATE_CANDIDATE = `mutation($input: CreateCandidateInput!) { createCandidate(input: $input) { id fullName email counselor { id } } }`;
const SUBMIT = `mutation($input: SubmitCandidateInput!) { submitCandidate(input: $input) { id stage interestLevel } }`;
const CHANGE_STAGE = `mutation($input: ChangeStageInput!) {
  changeStage(input: $input) {
    __typename
    ... on Application { id stage stageHistory { fromStage toStage reason } }
    ... on StageChangeNotAllowed { from to allowed }
  }
}`;
const APPLICATION = `query($id: ID!) { application(id: $id) { id stage candidate { id } position { id employer { id } } stageHistory { toStage } } }`;
const CANDIDATES = `query($filter: CandidateFilter, $first: Int) {
  candidates(first: $first, filter: $filter) { totalCount edges { node { id fullName } } }
}`;

describe('counselor records: candidates, employers, positions, applications', () => {
  let api: TestApi;
  let agencyA: SignedUpAgency;
  let agencyB: SignedUpAgency;
  let counselorId: string;
  let counselorToken: string;
  let employerId: string;
  let positionId: string;
  let candidateId: string;
  let applicationId: string;

  const asA = (query: string, variables: Record<string, unknown> = {}) =>
    api.gql(query, variables, { token: agencyA.accessToken });
  const asB = (query: string, variables: Record<string, unknown> = {}) =>
    api.gql(query, variables, { token: agencyB.accessToken });

  beforeAll(async () => {
    api = await startTestApi();
    agencyA = await signUpAgency(api);
    agencyB = await signUpAgency(api);
    const invitation = await asA(`mutation($input: InviteUserInput!) { inviteUser(input: $input) { token } }`, {
      input: { email: 'counselor@a.test', name: 'Casey Counselor', role: 'COUNSELOR' },
    });
    const accepted = await api.gql(
      `mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { ${AUTH_PAYLOAD} } }`,
      { input: { token: invitation.data!.inviteUser.token, password: 'counselor password 1' } },
    );
    counselorId = accepted.data!.acceptInvitation.user.id;
    counselorToken = accepted.data!.acceptInvitation.accessToken;

    employerId = (await asA(CREATE_EMPLOYER, { input: { name: 'Globex', timezone: 'America/Chicago', isLocal: true } }))
      .data!.createEmployer.id;
    positionId = (await asA(CREATE_POSITION, { input: { employerId, title: 'Data Analyst' } })).data!.createPosition.id;
    const candidate = await api.gql(
      CREATE_CANDIDATE,
      { input: { fullName: 'Zoë Ångström', email: 'Zoe@Example.test', phone: '+44 20 7946 0958' } },
      { token: counselorToken },
    );
    candidateId = candidate.data!.createCandidate.id;
    applicationId = (await asA(SUBMIT, { input: { candidateId, positionId, interestLevel: 5 } })).data!.submitCandidate
      .id;
  });

  afterAll(() => api.close());

  describe('creating records', () => {
    it("gives a counselor's new candidate to that counselor, with a normalised e-mail", async () => {
      const candidate = await asA(`query($id: ID!) { candidate(id: $id) { email counselor { id } } }`, {
        id: candidateId,
      });
      expect(candidate.data!.candidate).toEqual({ email: 'zoe@example.test', counselor: { id: counselorId } });
    });

    it('keeps one designated contact per employer', async () => {
      const first = await asA(ADD_CONTACT, {
        input: { employerId, fullName: 'Hana HR', role: 'HR', email: 'hana@globex.test', isDesignatedContact: true },
      });
      expect(first.data!.addEmployerContact.isDesignatedContact).toBe(true);
      await asA(ADD_CONTACT, {
        input: {
          employerId,
          fullName: 'Max Manager',
          role: 'HIRING_MANAGER',
          bestWayToReach: 'Direct line before 9',
          isDesignatedContact: true,
        },
      });
      const employer = await asA(
        `query($id: ID!) { employer(id: $id) { contacts { fullName isDesignatedContact } positions { title } } }`,
        {
          id: employerId,
        },
      );
      expect(employer.data!.employer.contacts).toEqual([
        { fullName: 'Hana HR', isDesignatedContact: false },
        { fullName: 'Max Manager', isDesignatedContact: true },
      ]);
      expect(employer.data!.employer.positions).toEqual([{ title: 'Data Analyst' }]);
    });

    it('refuses to submit the same candidate twice for one position', async () => {
      const again = await asA(SUBMIT, { input: { candidateId, positionId, interestLevel: 3 } });
      expect(errorCode(again)).toBe('BAD_USER_INPUT');
      expect(again.errors![0].extensions.fields).toEqual([expect.objectContaining({ field: 'positionId' })]);
    });

    it('names every bad field and writes nothing', async () => {
      const before = await countRows('candidates');
      const response = await asA(CREATE_CANDIDATE, { input: { fullName: '', email: 'nope', phone: '12' } });
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      const fields = (response.errors![0].extensions.fields as { field: string }[]).map((problem) => problem.field);
      expect(fields).toEqual(expect.arrayContaining(['fullName', 'email', 'phone']));
      expect(await countRows('candidates')).toBe(before);

      const employer = await asA(CREATE_EMPLOYER, { input: { name: 'X', timezone: 'Nowhere/City', isLocal: false } });
      expect(employer.errors![0].extensions.fields).toEqual([expect.objectContaining({ field: 'timezone' })]);
      const interest = await asA(SUBMIT, { input: { candidateId, positionId, interestLevel: 9 } });
      expect(interest.errors![0].extensions.fields).toEqual([expect.objectContaining({ field: 'interestLevel' })]);
    });

    it('refuses a counselor who is not staff of the agency', async () => {
      const foreign = await asA(CREATE_CANDIDATE, {
        input: { fullName: 'Someone', email: 'someone@x.test', counselorId: agencyB.adminId },
      });
      expect(errorCode(foreign)).toBe('NOT_FOUND');
    });
  });

  describe('the pipeline', () => {
    it('moves an application along an allowed path and keeps who, when and why', async () => {
      const moved = await asA(CHANGE_STAGE, {
        input: { applicationId, stage: 'INTERVIEWING', reason: 'First interview booked' },
      });
      expect(moved.data!.changeStage).toEqual({
        __typename: 'Application',
        id: applicationId,
        stage: 'INTERVIEWING',
        stageHistory: [
          { fromStage: null, toStage: 'SUBMITTED', reason: 'Submitted' },
          { fromStage: 'SUBMITTED', toStage: 'INTERVIEWING', reason: 'First interview booked' },
        ],
      });
    });

    it('answers a move the pipeline does not allow with the allowed ones, and changes nothing', async () => {
      const refused = await asA(CHANGE_STAGE, { input: { applicationId, stage: 'PLACED' } });
      expect(refused.data!.changeStage.__typename).toBe('StageChangeNotAllowed');
      expect(refused.data!.changeStage.from).toBe('INTERVIEWING');
      expect(refused.data!.changeStage.to).toBe('PLACED');
      expect(refused.data!.changeStage.allowed).toEqual(
        expect.arrayContaining(['AWAITING_DECISION', 'OFFER_WRITTEN', 'REJECTED']),
      );
      expect(refused.data!.changeStage.allowed).not.toContain('PLACED');
      const application = await asA(APPLICATION, { id: applicationId });
      expect(application.data!.application.stage).toBe('INTERVIEWING');
      expect(application.data!.application.stageHistory).toHaveLength(2);
    });
  });

  describe('finding candidates', () => {
    it('searches names and e-mails ignoring case and accents', async () => {
      await asA(CREATE_CANDIDATE, { input: { fullName: 'Bob Builder', email: 'bob@example.test' } });
      const byName = await asA(CANDIDATES, { filter: { search: 'zoe angs' } });
      expect(byName.data!.candidates.edges.map((edge: any) => edge.node.id)).toEqual([candidateId]);
      const byEmail = await asA(CANDIDATES, { filter: { search: 'ZOE@EXAMPLE' } });
      expect(byEmail.data!.candidates.totalCount).toBe(1);
      const wildcard = await asA(CANDIDATES, { filter: { search: '%' } });
      expect(wildcard.data!.candidates.totalCount).toBe(0);
    });

    it('filters by counselor and by stage', async () => {
      const mine = await asA(CANDIDATES, { filter: { counselorId } });
      expect(mine.data!.candidates.edges.map((edge: any) => edge.node.id)).toEqual([candidateId]);
      const interviewing = await asA(CANDIDATES, { filter: { stage: 'INTERVIEWING' } });
      expect(interviewing.data!.candidates.edges.map((edge: any) => edge.node.id)).toEqual([candidateId]);
      const placed = await asA(CANDIDATES, { filter: { stage: 'PLACED' } });
      expect(placed.data!.candidates.totalCount).toBe(0);
    });
  });

  describe('isolation between agencies', () => {
    it("answers NOT_FOUND to every query for another agency's records", async () => {
      expect(errorCode(await asB(`query($id: ID!) { candidate(id: $id) { id } }`, { id: candidateId }))).toBe(
        'NOT_FOUND',
      );
      expect(errorCode(await asB(`query($id: ID!) { employer(id: $id) { id } }`, { id: employerId }))).toBe(
        'NOT_FOUND',
      );
      expect(errorCode(await asB(APPLICATION, { id: applicationId }))).toBe('NOT_FOUND');
      expect((await asB(CANDIDATES, {})).data!.candidates.totalCount).toBe(0);
      expect((await asB(`{ employers { totalCount } }`)).data!.employers.totalCount).toBe(0);
    });

    it("answers NOT_FOUND to every mutation on another agency's records, and changes nothing", async () => {
      const auditBefore = await countRows('audit_entries');
      expect(errorCode(await asB(ADD_CONTACT, { input: { employerId, fullName: 'Intruder', role: 'HR' } }))).toBe(
        'NOT_FOUND',
      );
      expect(errorCode(await asB(CREATE_POSITION, { input: { employerId, title: 'Planted' } }))).toBe('NOT_FOUND');
      expect(errorCode(await asB(SUBMIT, { input: { candidateId, positionId, interestLevel: 1 } }))).toBe('NOT_FOUND');
      expect(errorCode(await asB(CHANGE_STAGE, { input: { applicationId, stage: 'REJECTED' } }))).toBe('NOT_FOUND');
      expect(errorCode(await asB(CREATE_CANDIDATE, { input: { fullName: 'X', email: 'x@b.test', counselorId } }))).toBe(
        'NOT_FOUND',
      );

      expect((await asA(APPLICATION, { id: applicationId })).data!.application.stage).toBe('INTERVIEWING');
      expect(await countRows('audit_entries')).toBe(auditBefore);
      expect(await countRows('employer_contacts', `full_name = 'Intruder'`)).toBe(0);
      expect(await countRows('positions', `title = 'Planted'`)).toBe(0);
    });
  });

  it('audits every mutation with who, what and which record', async () => {
    const entries = await withOwner(
      api.db.ownerUrl,
      async (client) =>
        (
          await client.query(
            `SELECT action, record_type, actor_user_id FROM audit_entries WHERE agency_id = $1 ORDER BY occurred_at, action`,
            [agencyA.agencyId],
          )
        ).rows,
    );
    const actions = entries.map((entry: { action: string }) => entry.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'employer.created',
        'position.created',
        'candidate.created',
        'application.submitted',
        'employer_contact.added',
        'application.stage_changed',
      ]),
    );
    expect(entries.find((entry: { action: string }) => entry.action === 'candidate.created')).toEqual({
      action: 'candidate.created',
      record_type: 'candidate',
      actor_user_id: counselorId,
    });
  });

  it('lists the audit trail to admins only', async () => {
    const query = `query($filter: AuditFilter) { auditEntries(first: 100, filter: $filter) { totalCount edges { node { action recordId details } } } }`;
    const forApplication = await asA(query, { filter: { recordId: applicationId } });
    expect(forApplication.data!.auditEntries.edges.map((edge: any) => edge.node.action)).toEqual([
      'application.submitted',
      'application.stage_changed',
    ]);
    expect(forApplication.data!.auditEntries.edges[1].node.details).toEqual({ from: 'SUBMITTED', to: 'INTERVIEWING' });
    expect(errorCode(await api.gql(query, {}, { token: counselorToken }))).toBe('FORBIDDEN');
    expect((await asB(query, {})).data!.auditEntries.totalCount).toBe(0);
  });

  it('loads a page of candidates with their applications, positions, employers, next steps and escalations in a fixed number of statements', async () => {
    for (let index = 0; index < 50; index++) {
      const candidate = await asA(CREATE_CANDIDATE, {
        input: { fullName: `Bulk ${index}`, email: `bulk${index}@example.test` },
      });
      await asA(SUBMIT, { input: { candidateId: candidate.data!.createCandidate.id, positionId, interestLevel: 2 } });
    }
    const page = `query($first: Int) { candidates(first: $first) { edges { node { id counselor { id } applications {
      stage position { title employer { name } } stageHistory { toStage } lastFollowUp { id } timeline { kind }
      nextStep { action dueAt reason contact { id } } temperature { score reasons { points text } }
      escalations { id level contact { id } assignee { id } } } } } } }`;
    const statementsFor = async (first: number) => {
      const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query');
      try {
        const response = await asA(page, { first });
        expect(response.data!.candidates.edges).toHaveLength(first);
        return spy.mock.calls.length;
      } finally {
        spy.mockRestore();
      }
    };
    const five = await statementsFor(5);
    const fifty = await statementsFor(50);
    expect(fifty).toBe(five);
    expect(fifty).toBeLessThanOrEqual(18);
  });

  function countRows(table: string, where = 'true'): Promise<number> {
    return withOwner(api.db.ownerUrl, async (client) =>
      Number((await client.query(`SELECT count(*) AS n FROM ${table} WHERE ${where}`)).rows[0].n),
    );
  }
});
