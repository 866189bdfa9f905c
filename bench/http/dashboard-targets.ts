import { BenchCounselor } from './bench-counselor';
import { DASHBOARD_QUERY, DashboardResponse, dashboardVariables } from './dashboard-shape';
import { failureOf } from './graphql-client';

/** One side of the dashboard benchmark: the request a client sends for the counselor's dashboard. */
export interface DashboardTarget {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  failureOf(status: number, body: string): string | undefined;
}

/**
 * A cheap check of a 95 kB answer, made for every response of a load: the
 * status, and no GraphQL error (which Mercurius sends under HTTP 200).
 */
function dashboardFailure(status: number, body: string): string | undefined {
  if (status === 200 && body.startsWith('{"data":{"candidates":') && !body.includes('"errors":[')) return undefined;
  return failureOf(status, body) ?? 'unexpected answer';
}

export function productDashboard(apiUrl: string, counselor: BenchCounselor, token: string): DashboardTarget {
  return {
    url: `${apiUrl}/graphql`,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: DASHBOARD_QUERY, variables: dashboardVariables(counselor.userId) }),
    failureOf: dashboardFailure,
  };
}

export function baselineDashboard(rawUrl: string, counselor: BenchCounselor): DashboardTarget {
  const query = new URLSearchParams({ agencyId: counselor.agencyId, counselorId: counselor.userId });
  return { url: `${rawUrl}/dashboard?${query}`, method: 'GET', headers: {}, failureOf: dashboardFailure };
}

/** One request, outside any load: the answer, parsed. */
export async function fetchDashboard(target: DashboardTarget): Promise<DashboardResponse> {
  const response = await fetch(target.url, {
    method: target.method,
    headers: target.headers,
    body: target.body,
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  const failure = target.failureOf(response.status, text);
  if (failure) throw new Error(`${target.url} failed (${failure}): ${text.slice(0, 500)}`);
  return JSON.parse(text) as DashboardResponse;
}
