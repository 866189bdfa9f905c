import { isDeepStrictEqual } from 'node:util';
import { DASHBOARD_PAGE_SIZE, DashboardResponse } from './dashboard-shape';

/** Where two answers first differ, as a JSON path; undefined when they are equal. */
function firstDifference(product: unknown, baseline: unknown, path = '$'): string | undefined {
  if (isDeepStrictEqual(product, baseline)) return undefined;
  if (typeof product !== 'object' || typeof baseline !== 'object' || product === null || baseline === null) {
    return `${path}: product ${JSON.stringify(product)}, baseline ${JSON.stringify(baseline)}`;
  }
  const keys = new Set([...Object.keys(product), ...Object.keys(baseline)]);
  for (const key of keys) {
    const found = firstDifference(
      (product as Record<string, unknown>)[key],
      (baseline as Record<string, unknown>)[key],
      `${path}.${key}`,
    );
    if (found) return found;
  }
  return `${path}: differs`;
}

/**
 * Throws unless the product's and the baseline's answers are the same data
 * (same candidates, applications, next steps, escalations, in the same
 * order) and a full page: the two sides must never be compared on unequal work.
 */
export function assertSameDashboard(product: DashboardResponse, baseline: DashboardResponse): void {
  const difference = firstDifference(product, baseline);
  if (difference) throw new Error(`The raw baseline and the GraphQL query answer differently: ${difference}`);
  const edges = product.data.candidates.edges;
  if (edges.length !== DASHBOARD_PAGE_SIZE) {
    throw new Error(`The dashboard holds ${edges.length} candidates, not ${DASHBOARD_PAGE_SIZE}`);
  }
}

/** What one dashboard holds, for the notes. */
export function dashboardSize(dashboard: DashboardResponse) {
  const applications = dashboard.data.candidates.edges.flatMap((edge) => edge.node.applications);
  return {
    candidates: dashboard.data.candidates.edges.length,
    applications: applications.length,
    nextSteps: applications.filter((application) => application.nextStep).length,
    openEscalations: applications.reduce((sum, application) => sum + application.escalations.length, 0),
  };
}
