import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { percentile } from './percentiles';

/** An answer that takes longer counts as failed (autocannon's default timeout). */
const TIMEOUT_MS = 10_000;

export interface PacedOptions {
  url: string;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Requests per second, sent at even intervals. */
  rate: number;
  durationSeconds: number;
  /** Keep-alive connections the requests share, as autocannon's `connections`. */
  connections: number;
  /** Why a response is a failure, or undefined when it is a success. */
  failureOf(status: number, body: string): string | undefined;
}

export interface PacedResult {
  rate: number;
  sent: number;
  succeeded: number;
  /** Failures by reason. */
  failures: Map<string, number>;
  /** Successful responses per second over the phase. */
  achievedRps: number;
  /** Milliseconds, from each request's scheduled time to its response's end. */
  p50: number;
  p99: number;
  /** Every successful request's latency, ascending, for phases to be combined exactly (combinePaced). */
  latencies: number[];
  elapsedSeconds: number;
}

/**
 * An open-loop load at a fixed rate: request i is due at start + i / rate,
 * whether or not earlier ones have been answered, and its latency is counted
 * from that due time, so that a server falling behind shows in the figures
 * (no coordinated omission). autocannon's `overallRate` is not used for this:
 * it lets each connection send its share of a second back to back at the
 * start of the second, a burst as concurrent as saturation, whatever the rate.
 */
export async function pacedLoad(options: PacedOptions): Promise<PacedResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const total = Math.max(1, Math.round(options.rate * options.durationSeconds));
  const interval = 1000 / options.rate;
  const latencies: number[] = [];
  const failures = new Map<string, number>();
  const fail = (reason: string) => failures.set(reason, (failures.get(reason) ?? 0) + 1);
  const inFlight: Promise<void>[] = [];
  const start = performance.now();

  const send = (dueAt: number) =>
    new Promise<void>((done) => {
      const req = request(
        options.url,
        { method: options.method, agent, headers: options.headers, timeout: TIMEOUT_MS },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const failure = options.failureOf(res.statusCode ?? 0, Buffer.concat(chunks).toString());
            if (failure) fail(failure);
            else latencies.push(performance.now() - dueAt);
            done();
          });
          res.on('error', (error) => {
            fail(error.message);
            done();
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer in ${TIMEOUT_MS / 1000} s`)));
      req.on('error', (error) => {
        fail(error.message);
        done();
      });
      req.end(options.body);
    });

  await new Promise<void>((finished) => {
    let sent = 0;
    const tick = () => {
      const due = Math.min(total, Math.floor((performance.now() - start) / interval) + 1);
      for (; sent < due; sent++) inFlight.push(send(start + sent * interval));
      if (sent < total) setTimeout(tick, Math.max(0, start + sent * interval - performance.now()));
      else finished();
    };
    tick();
  });
  await Promise.all(inFlight);
  const elapsedSeconds = (performance.now() - start) / 1000;
  agent.destroy();

  latencies.sort((a, b) => a - b);
  return {
    rate: options.rate,
    sent: total,
    succeeded: latencies.length,
    failures,
    achievedRps: latencies.length / elapsedSeconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    latencies,
    elapsedSeconds,
  };
}

/** Several paced phases of one side at the same rate as one: every latency of them all, counts summed. */
export function combinePaced(runs: readonly PacedResult[]): PacedResult {
  const latencies = runs.flatMap((run) => run.latencies).sort((a, b) => a - b);
  const failures = new Map<string, number>();
  for (const run of runs)
    for (const [reason, count] of run.failures) failures.set(reason, (failures.get(reason) ?? 0) + count);
  const elapsedSeconds = runs.reduce((sum, run) => sum + run.elapsedSeconds, 0);
  return {
    rate: runs[0]?.rate ?? 0,
    sent: runs.reduce((sum, run) => sum + run.sent, 0),
    succeeded: latencies.length,
    failures,
    achievedRps: latencies.length / Math.max(elapsedSeconds, Number.EPSILON),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    latencies,
    elapsedSeconds,
  };
}
