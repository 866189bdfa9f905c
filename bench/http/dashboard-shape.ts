/**
 * The counselor's dashboard: the query their client opens with, and the JSON
 * both sides of the benchmark answer it with (the GraphQL response's shape,
 * which the raw baseline builds by hand).
 */

export const DASHBOARD_PAGE_SIZE = 50;

/**
 * The page size travels as a variable, as clients send it (and as the e2e
 * tests do): graphql-armor's cost limit multiplies by a literal `first` only,
 * and prices this document at about 16,000 with `first: 50` written in,
 * over the default limit of 5,000, but at about 320 with the variable.
 */
export const DASHBOARD_QUERY = `query Dashboard($first: Int!, $counselorId: ID!) {
  candidates(first: $first, filter: { counselorId: $counselorId }) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node {
      id fullName email phone
      applications {
        id stage stageChangedAt interestLevel
        position { id title employer { id name } }
        lastFollowUp { id occurredAt channel purpose direction outcome }
        nextStep { action dueAt reason contact { id fullName } }
        temperature { score }
        escalations { id level reason recommendedAction dueAt raisedAt }
      }
    } }
  }
}`;

export const dashboardVariables = (counselorId: string) => ({ first: DASHBOARD_PAGE_SIZE, counselorId });

export interface DashboardFollowUp {
  id: string;
  occurredAt: string;
  channel: string;
  purpose: string;
  direction: string;
  outcome: string;
}

export interface DashboardNextStep {
  action: string;
  dueAt: string | null;
  reason: string;
  contact: { id: string; fullName: string } | null;
}

export interface DashboardEscalation {
  id: string;
  level: string;
  reason: string;
  recommendedAction: string;
  dueAt: string;
  raisedAt: string;
}

export interface DashboardApplication {
  id: string;
  stage: string;
  stageChangedAt: string;
  interestLevel: number;
  position: { id: string; title: string; employer: { id: string; name: string } };
  lastFollowUp: DashboardFollowUp | null;
  nextStep: DashboardNextStep | null;
  temperature: { score: number } | null;
  escalations: DashboardEscalation[];
}

export interface DashboardCandidate {
  id: string;
  fullName: string;
  email: string;
  phone: string | null;
  applications: DashboardApplication[];
}

export interface DashboardResponse {
  data: {
    candidates: {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      edges: { node: DashboardCandidate }[];
    };
  };
}

/** The product's cursor (libs/graphql paginateByCreation): the sort key and id of a page's last row. */
export const creationCursor = (createdAt: Date, id: string): string =>
  Buffer.from(JSON.stringify([createdAt.toISOString(), id])).toString('base64url');
