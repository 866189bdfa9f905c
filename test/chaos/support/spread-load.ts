import { ServingApi } from './api-load';
import { ActiveAgency, ActiveApplication } from './active-agencies';
import { SeededRandom } from './seeded-random';

type Operation = 'logFollowUp' | 'createCandidate' | 'applications' | 'me';

interface LoadRequest {
  operation: Operation;
  agency: number;
  variables: Record<string, unknown>;
  /** The API that must serve it (copies of one write sent to different processes); any API otherwise. */
  api?: number;
}

/** Requests sent at the same moment: the copies of one write, or a single request. */
type Batch = LoadRequest[];

const DOCUMENTS: Record<Operation, string> = {
  logFollowUp: `mutation($input: LogFollowUpInput!) { logFollowUp(input: $input) { __typename } }`,
  createCandidate: `mutation($input: CreateCandidateInput!) { createCandidate(input: $input) { __typename } }`,
  applications: `{ applications(first: 10) { totalCount } }`,
  me: `{ me { id } }`,
};
const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { accessToken } }`;

const MINUTE = 60 * 1000;

export interface LoadShape {
  /** Candidates each agency's admin creates during the first phase. */
  candidatesPerAgency: number;
  /** Reads (a page of applications, who am I) per application in each phase. */
  readsPerApplication: number;
  /** Requests in flight at once. */
  lanes: number;
}

function followUp(application: ActiveApplication, at: Date, direction: 'OUTBOUND' | 'INBOUND') {
  return {
    input: {
      applicationId: application.id,
      contactId: application.hrId,
      channel: 'EMAIL',
      purpose: 'STATUS_CHECK',
      direction,
      outcome: direction === 'INBOUND' ? 'REPLIED' : 'REACHED',
      occurredAt: at.toISOString(),
    },
  };
}

/**
 * The load, in three phases whose outcome does not depend on the order of the requests inside a phase, nor on
 * which process serves each one, so that it can be held against the same load on another number of APIs:
 *  1. every application's status check to the employer, sent twice at once to two different APIs (the stalker
 *     guard must let exactly one through, whichever process answers), and new candidates;
 *  2. every employer's reply (never blocked);
 *  3. a second status check inside the minimum gap (refused, because phase 1's is stored).
 * Each phase also reads. Times derive from the interview time, never from the clock.
 */
export function planLoad(agencies: ActiveAgency[], interviewedAt: Date, shape: LoadShape): Batch[][] {
  const at = (minutes: number) => new Date(interviewedAt.getTime() + minutes * MINUTE);
  const reads = (agency: number): Batch[] =>
    Array.from({ length: shape.readsPerApplication }, (_, i) => [
      { operation: i % 2 === 0 ? 'applications' : 'me', agency, variables: {} },
    ]);
  /** Each application's requests of a phase, and its share of the reads. */
  const phase = (make: (application: ActiveApplication, agency: number, n: number) => Batch) =>
    agencies.flatMap((agency, index) =>
      agency.applications.flatMap((application, n) => [make(application, index, n), ...reads(index)]),
    );
  const newCandidates = agencies.flatMap((agency, index) =>
    Array.from({ length: shape.candidatesPerAgency }, (_, i) => [
      {
        operation: 'createCandidate' as const,
        agency: index,
        variables: { input: { fullName: `New Candidate ${i + 1}`, email: `new-${i + 1}@${agency.slug}.test` } },
      },
    ]),
  );
  const log = (application: ActiveApplication, agency: number, minutes: number, direction: 'OUTBOUND' | 'INBOUND') => ({
    operation: 'logFollowUp' as const,
    agency,
    variables: followUp(application, at(minutes), direction),
  });
  return [
    [
      ...phase((application, agency, n) =>
        [0, 1].map((copy) => ({ ...log(application, agency, 30, 'OUTBOUND'), api: n + copy })),
      ),
      ...newCandidates,
    ],
    phase((application, agency) => [log(application, agency, 60, 'INBOUND')]),
    phase((application, agency) => [log(application, agency, 90, 'OUTBOUND')]),
  ];
}

/** What one load run did: requests per API, and the answers counted by operation (what must match between runs). */
export interface LoadTally {
  perApi: number[];
  answers: Record<string, number>;
  requests: number;
}

/** The answer as comparable text: the result's type, or the error's code. */
function answerOf(
  operation: Operation,
  status: number,
  body: {
    data?: Record<string, { __typename?: string }> | null;
    errors?: Array<{ extensions?: { code?: string }; message: string }>;
  },
): string {
  // Errors never happen in a sound run: their message is kept, to say what went wrong.
  if (body.errors?.length) return `error ${body.errors[0]!.extensions?.code ?? ''} ${body.errors[0]!.message}`;
  if (status !== 200) return `HTTP ${status}`;
  const typename = body.data?.[operation]?.__typename;
  return typename ?? 'ok';
}

/**
 * Signs every agency's admin in (each through a different API, as a load balancer would), then runs the
 * phases in turn, each with `lanes` batches in flight, in an order and spread over the APIs drawn from
 * `random`; the requests of a batch leave together.
 */
export async function runLoad(
  apis: ServingApi[],
  agencies: ActiveAgency[],
  password: string,
  phases: Batch[][],
  lanes: number,
  random: SeededRandom,
): Promise<LoadTally> {
  const tally: LoadTally = { perApi: apis.map(() => 0), answers: {}, requests: 0 };
  const count = (api: number, key: string) => {
    tally.perApi[api]! += 1;
    tally.requests += 1;
    tally.answers[key] = (tally.answers[key] ?? 0) + 1;
  };
  const tokens: string[] = [];
  for (const [index, agency] of agencies.entries()) {
    const api = index % apis.length;
    const response = await apis[api]!.gql<{ login: { accessToken: string } }>(LOGIN, {
      input: { agencySlug: agency.slug, email: agency.adminEmail, password },
    });
    if (!response.data) throw new Error(`Sign-in failed: ${JSON.stringify(response.errors)}`);
    count(api, 'login');
    tokens.push(response.data.login.accessToken);
  }
  const send = async (request: LoadRequest & { api: number }) => {
    const response = await apis[request.api]!.gql<Record<string, { __typename?: string }>>(
      DOCUMENTS[request.operation],
      request.variables,
      { token: tokens[request.agency]! },
    ).catch((error: Error) => ({
      status: 0,
      errors: [{ message: error.name === 'TimeoutError' ? 'no answer' : error.message }],
    }));
    count(request.api, `${request.operation}: ${answerOf(request.operation, response.status, response)}`);
  };
  for (const phase of phases) {
    const queue = shuffled(phase, random).map((batch) =>
      batch.map((request) => ({
        ...request,
        api: request.api === undefined ? random.between(0, apis.length - 1) : request.api % apis.length,
      })),
    );
    const lane = async () => {
      for (let batch = queue.shift(); batch; batch = queue.shift()) await Promise.all(batch.map(send));
    };
    await Promise.all(Array.from({ length: lanes }, lane));
  }
  return tally;
}

function shuffled<T>(items: T[], random: SeededRandom): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = random.between(0, i);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}
