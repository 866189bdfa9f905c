import { withOwner } from '../support/database';
import { startTestApi, TestApi } from '../support/api';
import { setUpApplication, signUpAgency, SignedUpAgency } from '../support/factories';

const FIELDS = `id
  nextStep { action dueAt reason contact { id fullName role email } }
  temperature { score reasons { points text } }
  lastFollowUp { id occurredAt channel purpose direction outcome notes contact { id } response { kind } }`;
/** A page of candidates reads its applications' next steps and last follow-ups joined to the applications. */
const PAGE = `query { candidates(first: 50) { edges { node { id applications { ${FIELDS} } } } } }`;
/** One application by id reads them with their own loaders. */
const ONE = `query($id: ID!) { application(id: $id) { ${FIELDS} } }`;
const LOG = `mutation($input: LogFollowUpInput!) { logFollowUp(input: $input) { __typename ... on FollowUp { id } } }`;

interface ApplicationFields {
  id: string;
  nextStep: { contact: { id: string } | null } | null;
  lastFollowUp: { id: string } | null;
}

/**
 * The counselor's dashboard reads each application's next step (with its
 * contact), temperature and last follow-up in the applications' own statement
 * (joinsAhead); a single application reads them with the loaders of their
 * own. Both ways must give the same answer, in every case the join meets:
 * no follow-up, follow-ups tied on their time, a plan naming a contact.
 */
describe('application fields joined to a page of applications', () => {
  let api: TestApi;
  let agency: SignedUpAgency;
  let other: SignedUpAgency;
  let logged: Awaited<ReturnType<typeof setUpApplication>>;
  let tied: Awaited<ReturnType<typeof setUpApplication>>;
  let silent: Awaited<ReturnType<typeof setUpApplication>>;
  let tiedIds: string[];

  const as = (who: SignedUpAgency, query: string, variables: Record<string, unknown> = {}) =>
    api.gql(query, variables, { token: who.accessToken });

  beforeAll(async () => {
    api = await startTestApi();
    agency = await signUpAgency(api);
    other = await signUpAgency(api);
    logged = await setUpApplication(api, agency, 'logged');
    tied = await setUpApplication(api, agency, 'tied');
    silent = await setUpApplication(api, agency, 'silent');
    await setUpApplication(api, other, 'elsewhere');
    const statusCheck = (application: typeof logged, occurredAt: string) =>
      as(agency, LOG, {
        input: {
          applicationId: application.application,
          contactId: application.hr,
          channel: 'EMAIL',
          purpose: 'STATUS_CHECK',
          outcome: 'NO_ANSWER',
          occurredAt,
        },
      });
    await statusCheck(logged, '2026-10-01T15:00:00Z');
    const first = await statusCheck(tied, '2026-10-01T15:00:00Z');
    // A second contact at the very same instant, as an import could write: the latest is then the greater id.
    tiedIds = await withOwner(api.db.ownerUrl, async (client) => {
      const copy = await client.query<{ id: string }>(
        `INSERT INTO follow_ups (agency_id, id, application_id, candidate_id, employer_id, contact_id, channel, purpose,
                                 outcome, direction, occurred_at, starts_gap, logged_by_user_id, created_at)
         SELECT agency_id, gen_random_uuid(), application_id, candidate_id, employer_id, contact_id, 'PHONE', purpose,
                outcome, direction, occurred_at, starts_gap, logged_by_user_id, created_at
           FROM follow_ups WHERE agency_id = $1 AND id = $2
         RETURNING id`,
        [agency.agencyId, first.data!.logFollowUp.id],
      );
      return [first.data!.logFollowUp.id as string, copy.rows[0]!.id];
    });
  });

  afterAll(() => api?.close());

  it('answers each application of the page as it answers the application alone', async () => {
    const page = await as(agency, PAGE);
    expect(page.errors).toBeUndefined();
    const applications: ApplicationFields[] = page.data!.candidates.edges.flatMap(
      (edge: { node: { applications: ApplicationFields[] } }) => edge.node.applications,
    );
    expect(applications.map((application) => application.id).sort()).toEqual(
      [logged.application, tied.application, silent.application].sort(),
    );
    for (const application of applications) {
      const alone = await as(agency, ONE, { id: application.id });
      expect(alone.errors).toBeUndefined();
      expect(application).toEqual(alone.data!.application);
    }
    // The cases the joins had to meet were all there.
    const byId = new Map(applications.map((application) => [application.id, application]));
    expect(byId.get(silent.application)!.lastFollowUp).toBeNull();
    expect(byId.get(logged.application)!.lastFollowUp).not.toBeNull();
    expect(byId.get(tied.application)!.lastFollowUp!.id).toBe([...tiedIds].sort().at(-1));
    expect(applications.some((application) => application.nextStep?.contact)).toBe(true);
  });

  it('reads summaries for the page, and whole rows for the fields that ask for more in the same request', async () => {
    await withOwner(api.db.ownerUrl, (client) =>
      client.query(`UPDATE follow_ups SET notes = 'Left a voicemail' WHERE agency_id = $1 AND application_id = $2`, [
        agency.agencyId,
        logged.application,
      ]),
    );
    // What the dashboard asks: summaries of the follow-up, the plan, the position, its employer and the contact.
    const summary = `lastFollowUp { id occurredAt channel purpose direction outcome } temperature { score }
      position { id title employer { id name } } nextStep { action contact { id fullName } }`;
    const everything = `id lastFollowUp { id notes contact { id } } temperature { score reasons { points text } }
      position { id employer { id name timezone isLocal createdAt } }
      nextStep { action contact { id fullName role email phone isDesignatedContact } }`;
    // The page settles its summaries first; the candidate's applications asked again below read them afterwards.
    const answer = await as(
      agency,
      `query { candidates(first: 5) { edges { node { applications { id ${summary}
        candidate { applications { ${everything} } }
      } } } } }`,
    );
    expect(answer.errors).toBeUndefined();
    type Listed = Record<string, any> & { id: string; candidate: { applications: Array<Record<string, any>> } };
    const listed: Listed[] = answer.data!.candidates.edges.flatMap(
      (edge: { node: { applications: Listed[] } }) => edge.node.applications,
    );
    expect(listed).toHaveLength(3);
    for (const onPage of listed) {
      const alone = (await as(agency, `query($id: ID!) { application(id: $id) { ${everything} } }`, { id: onPage.id }))
        .data!.application;
      expect(onPage.candidate.applications).toEqual([alone]);
      const last = (await as(agency, ONE, { id: onPage.id })).data!.application.lastFollowUp;
      expect(onPage.lastFollowUp).toEqual(
        last && {
          id: last.id,
          occurredAt: last.occurredAt,
          channel: last.channel,
          purpose: last.purpose,
          direction: last.direction,
          outcome: last.outcome,
        },
      );
      expect(onPage.temperature).toEqual({ score: alone.temperature.score });
      expect(onPage.position.employer).toEqual({ id: alone.position.employer.id, name: alone.position.employer.name });
      expect(onPage.nextStep.contact).toEqual(
        alone.nextStep.contact && { id: alone.nextStep.contact.id, fullName: alone.nextStep.contact.fullName },
      );
    }
    // The whole rows were there to be told apart from the summaries.
    const alone = listed.flatMap((application) => application.candidate.applications);
    expect(alone.find((application) => application.id === logged.application)!.lastFollowUp.notes).toBe(
      'Left a voicemail',
    );
    expect(alone.some((application) => application.nextStep.contact?.role)).toBe(true);
    expect(alone.every((application) => application.temperature.reasons.length > 0)).toBe(true);
    expect(alone.every((application) => application.position.employer.timezone)).toBe(true);
  });
});
