import { freePort } from '@lib/local-infra';
import { GraphqlError, GraphqlResponse, TestApi } from '../../support/api';
import { setUpApplication, signUpAgency, SignedUpAgency } from '../../support/factories';
import { Fleet, FleetApp } from './fleet';
import { sleep, waitFor } from './wait';

/** Any single request that takes longer is counted as failed: the API must answer, not hang. */
const REQUEST_TIMEOUT_MS = 10000;

export interface ServingApi {
  app: FleetApp;
  url: string;
  gql: TestApi['gql'];
  health(): Promise<number>;
}

/** Starts the API as a process on a free port and waits until /health says PostgreSQL and Redis answer. */
export async function startServingApi(fleet: Fleet, env: Record<string, string>, name = 'api'): Promise<ServingApi> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const app = fleet.startApi(name, { ...env, HTTP_HOST: '127.0.0.1', HTTP_PORT: String(port) });
  const health = async () => (await fetch(`${url}/health`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) })).status;
  await waitFor(
    async () => {
      if (app.child.exitCode !== null || app.child.signalCode !== null) throw new Error('The API exited on boot');
      return (await health().catch(() => 0)) === 200;
    },
    `${name} to serve`,
    60000,
    100,
  );
  const gql = async <TData>(
    query: string,
    variables: Record<string, unknown> = {},
    options: { token?: string } = {},
  ): Promise<GraphqlResponse<TData>> => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const body = (await response.json()) as { data?: TData | null; errors?: GraphqlError[] };
    return { status: response.status, ...body };
  };
  return { app, url, gql, health };
}

export interface LoadTarget {
  agency: SignedUpAgency;
  application: string;
  contact: string;
}

/** A signed-up agency with one application whose employer's answers the load logs, through the API itself. */
export async function signUpLoadTarget(api: ServingApi): Promise<LoadTarget> {
  // The factories only call `gql`: the API over HTTP serves them as the in-process test API does.
  const asTestApi = api as unknown as TestApi;
  const agency = await signUpAgency(asTestApi);
  const { application, hr } = await setUpApplication(asTestApi, agency, 'load');
  return { agency, application, contact: hr };
}

const ME = `{ me { id } }`;
const APPLICATIONS = `{ applications(first: 10) { totalCount edges { node { id } } } }`;
const LOG_REPLY = `mutation($input: LogFollowUpInput!) { logFollowUp(input: $input) { __typename } }`;

type Operation = 'me' | 'applications' | 'logFollowUp';
const OPERATIONS: Operation[] = ['me', 'applications', 'logFollowUp'];

interface Sample {
  at: number;
  operation: Operation;
  ok: boolean;
  failure?: string;
}

function failureOf(response: GraphqlResponse<unknown>): string | undefined {
  if (response.errors?.length) return response.errors[0]!.extensions?.code ?? response.errors[0]!.message;
  if (response.status !== 200) return `HTTP ${response.status}`;
  return undefined;
}

/**
 * A few lanes of GraphQL requests as the agency's admin: who am I, a page of applications, and an employer's
 * reply logged (a write that plans the application again and moves its queued wake-up after the commit).
 * Counts the replies the API acknowledged, and those whose fate is unknown (no answer), so the rows written
 * can be held against them.
 */
export class GraphqlLoad {
  readonly samples: Sample[] = [];
  acknowledgedWrites = 0;
  unansweredWrites = 0;
  private running = false;
  private lanes: Promise<void>[] = [];

  constructor(
    private readonly api: ServingApi,
    readonly target: LoadTarget,
  ) {}

  start(lanes = 3, pauseMs = 30): void {
    this.running = true;
    this.lanes = Array.from({ length: lanes }, (_, lane) => this.lane(lane, pauseMs));
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.lanes);
  }

  /** One operation, as a probe would send it: whether it succeeded. */
  async attempt(operation: Operation): Promise<boolean> {
    const sample: Sample = { at: Date.now(), operation, ok: false };
    try {
      const response = await this.api.gql(this.queryOf(operation), this.variablesOf(operation), {
        token: this.target.agency.accessToken,
      });
      sample.failure = failureOf(response);
      sample.ok = sample.failure === undefined;
      if (operation === 'logFollowUp' && sample.ok) this.acknowledgedWrites += 1;
    } catch (error) {
      sample.failure = (error as Error).name === 'TimeoutError' ? 'no answer in 10 s' : (error as Error).message;
      if (operation === 'logFollowUp') this.unansweredWrites += 1;
    }
    this.samples.push(sample);
    return sample.ok;
  }

  /** "ok/all" and the failures seen, for requests sent in [from, to). */
  tally(from: number, to: number): string {
    const window = this.samples.filter((sample) => sample.at >= from && sample.at < to);
    const failures = new Map<string, number>();
    for (const sample of window.filter((s) => !s.ok)) {
      failures.set(sample.failure!, (failures.get(sample.failure!) ?? 0) + 1);
    }
    const ok = window.filter((sample) => sample.ok).length;
    const why = [...failures].map(([failure, count]) => `${count} x ${failure}`).join(', ');
    return `${ok}/${window.length} ok${why ? ` (${why})` : ''}`;
  }

  private async lane(lane: number, pauseMs: number): Promise<void> {
    for (let turn = lane; this.running; turn++) {
      const ok = await this.attempt(OPERATIONS[turn % OPERATIONS.length]!);
      // Failing fast during an outage must not turn the load into a flood.
      await sleep(ok ? pauseMs : pauseMs * 5);
    }
  }

  private queryOf(operation: Operation): string {
    return operation === 'me' ? ME : operation === 'applications' ? APPLICATIONS : LOG_REPLY;
  }

  private variablesOf(operation: Operation): Record<string, unknown> {
    if (operation !== 'logFollowUp') return {};
    return {
      input: {
        applicationId: this.target.application,
        contactId: this.target.contact,
        channel: 'EMAIL',
        purpose: 'STATUS_CHECK',
        direction: 'INBOUND',
        outcome: 'REPLIED',
        occurredAt: new Date(Date.now() - 1000).toISOString(),
      },
    };
  }
}

export interface Recovery {
  /** From the service being back to a simple authenticated query answering. */
  query: number;
  /** ...to /health answering 200 (the API's own view of PostgreSQL and Redis). */
  health: number;
  /** ...to a write acknowledged. */
  write: number;
}

/** How long after `backAt` the API answered each kind of request again; rejects past `limitMs`. */
export async function measureRecovery(api: ServingApi, load: GraphqlLoad, backAt: number, limitMs: number) {
  const probe = async (what: string, succeeds: () => Promise<boolean>) => {
    await waitFor(
      () => succeeds().catch(() => false),
      `the API to answer ${what} again`,
      limitMs - (Date.now() - backAt),
      200,
    );
    return Date.now() - backAt;
  };
  const [query, health, write] = await Promise.all([
    probe('a query', () => load.attempt('me')),
    probe('/health', async () => (await api.health()) === 200),
    probe('a write', () => load.attempt('logFollowUp')),
  ]);
  return { query, health, write } satisfies Recovery;
}
