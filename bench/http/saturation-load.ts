import autocannon from 'autocannon';

export interface SaturationOptions {
  url: string;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** The same body for every request... */
  body?: string;
  /** ...or the next request's body, called once per request. */
  nextBody?: () => string;
  connections: number;
  durationSeconds: number;
  /** Why a response is a failure, or undefined when it is a success. */
  failureOf(status: number, body: string): string | undefined;
}

export interface SaturationResult {
  /** Successful responses per second. */
  rps: number;
  succeeded: number;
  /** Failures by reason: refusals, errors, non-2xx answers, timeouts and broken connections. */
  failures: Map<string, number>;
  /** Milliseconds, over every answered request. */
  p50: number;
  p99: number;
  durationSeconds: number;
  /**
   * Sent but never answered: in flight when autocannon stopped at the end of
   * the duration, or timed out. The server may still have carried them out.
   */
  unanswered: number;
}

/**
 * autocannon from this process (never from a server's): `connections`
 * closed-loop clients, each sending its next request as soon as the last is
 * answered, for the duration. Every response body is read, so that a GraphQL
 * error under an HTTP 200 counts as a failure, never as throughput.
 */
export async function saturate(options: SaturationOptions): Promise<SaturationResult> {
  let succeeded = 0;
  let answered = 0;
  const failures = new Map<string, number>();
  const fail = (reason: string, count = 1) => count > 0 && failures.set(reason, (failures.get(reason) ?? 0) + count);
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.durationSeconds,
    requests: [
      {
        method: options.method,
        headers: options.headers,
        body: options.body,
        ...(options.nextBody
          ? { setupRequest: (request: autocannon.Request) => ({ ...request, body: options.nextBody!() }) }
          : {}),
        onResponse: (status: number, body: string) => {
          answered += 1;
          const failure = options.failureOf(status, body);
          if (failure) fail(failure);
          else succeeded += 1;
        },
      },
    ],
  });
  // Requests that never got an answer are not seen by onResponse.
  fail('timeout (no answer in 10 s)', result.timeouts);
  fail('connection error', result.errors - result.timeouts);
  return {
    rps: succeeded / result.duration,
    succeeded,
    failures,
    p50: result.latency.p50,
    p99: result.latency.p99,
    durationSeconds: result.duration,
    unanswered: Math.max(0, result.requests.sent - answered),
  };
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/**
 * Several saturated runs of one side as one: requests per second over their
 * whole time, counts summed, and each latency percentile the median of the
 * runs' (autocannon keeps no samples to merge).
 */
export function combineSaturation(runs: readonly SaturationResult[]): SaturationResult {
  const failures = new Map<string, number>();
  for (const run of runs)
    for (const [reason, count] of run.failures) failures.set(reason, (failures.get(reason) ?? 0) + count);
  const succeeded = runs.reduce((sum, run) => sum + run.succeeded, 0);
  const durationSeconds = runs.reduce((sum, run) => sum + run.durationSeconds, 0);
  return {
    rps: succeeded / Math.max(durationSeconds, Number.EPSILON),
    succeeded,
    failures,
    p50: median(runs.map((run) => run.p50)),
    p99: median(runs.map((run) => run.p99)),
    durationSeconds,
    unanswered: runs.reduce((sum, run) => sum + run.unanswered, 0),
  };
}
