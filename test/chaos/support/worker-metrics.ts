const OPS_USER = 'ops';

/** What a worker needs to serve its own /metrics: a port and the operators' credentials. */
export function workerMetricsEnv(port: number, password: string): Record<string, string> {
  return { WORKER_METRICS_PORT: String(port), OPS_USER, OPS_PASSWORD: password };
}

/**
 * The job runs a worker saw, by job name, from its Prometheus metrics (`job_duration_seconds_count`), those
 * with the given status ("completed" or "failed") or all of them.
 */
export async function jobRuns(port: number, password: string, status?: string): Promise<Record<string, number>> {
  const response = await fetch(`http://127.0.0.1:${port}/metrics`, {
    headers: { authorization: `Basic ${Buffer.from(`${OPS_USER}:${password}`).toString('base64')}` },
  });
  if (response.status !== 200) throw new Error(`The worker's /metrics answered ${response.status}`);
  const runs: Record<string, number> = {};
  for (const match of (await response.text()).matchAll(
    /^job_duration_seconds_count\{[^}]*name="([^"]+)"[^}]*status="([^"]+)"[^}]*\} (\d+)$/gm,
  )) {
    if (status !== undefined && match[2] !== status) continue;
    runs[match[1]!] = (runs[match[1]!] ?? 0) + Number(match[3]);
  }
  return runs;
}

/** The job runs a worker saw fail, by job name: what an outage made fail, which retries must then have made good. */
export function failedJobRuns(port: number, password: string): Promise<Record<string, number>> {
  return jobRuns(port, password, 'failed');
}
