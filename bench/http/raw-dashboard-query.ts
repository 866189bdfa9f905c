import { ClientBase } from 'pg';
import {
  creationCursor,
  DASHBOARD_PAGE_SIZE,
  DashboardApplication,
  DashboardEscalation,
  DashboardResponse,
} from './dashboard-shape';

/** How the baseline's connections name themselves to PostgreSQL, for the bench to find their backends. */
export const RAW_APPLICATION_NAME = 'bench-raw-dashboard';

/**
 * The dashboard by hand: three statements (the page of candidates with their
 * count, their applications with everything one-to-one, their open
 * escalations) and the JSON assembled in a loop. The product's orders and
 * tie-breaks, so that both sides answer with the same rows in the same order.
 */
const CANDIDATES = `
  SELECT id, full_name, email, phone, created_at, count(*) OVER () AS total
    FROM candidates
   WHERE agency_id = $1 AND counselor_id = $2
   ORDER BY created_at, id
   LIMIT $3`;

const APPLICATIONS = `
  SELECT a.id, a.candidate_id, a.stage, a.stage_changed_at, a.interest_level,
         p.id AS position_id, p.title, e.id AS employer_id, e.name AS employer_name,
         f.id AS follow_up_id, f.occurred_at, f.channel, f.purpose, f.direction, f.outcome,
         n.application_id IS NOT NULL AS planned, n.action, n.due_at, n.reason, n.temperature_score,
         k.id AS contact_id, k.full_name AS contact_name
    FROM applications a
    JOIN positions p ON p.agency_id = a.agency_id AND p.id = a.position_id
    JOIN employers e ON e.agency_id = p.agency_id AND e.id = p.employer_id
    LEFT JOIN application_next_steps n ON n.agency_id = a.agency_id AND n.application_id = a.id
    LEFT JOIN employer_contacts k ON k.agency_id = n.agency_id AND k.id = n.contact_id
    LEFT JOIN LATERAL (
      SELECT id, occurred_at, channel, purpose, direction, outcome
        FROM follow_ups
       WHERE agency_id = a.agency_id AND application_id = a.id
       ORDER BY occurred_at DESC, id DESC
       LIMIT 1) f ON true
   WHERE a.agency_id = $1 AND a.candidate_id = ANY($2::uuid[])
   ORDER BY a.created_at, a.id`;

const OPEN_ESCALATIONS = `
  SELECT id, application_id, level, reason, recommended_action, due_at, raised_at
    FROM escalations
   WHERE agency_id = $1 AND application_id = ANY($2::uuid[]) AND resolved_at IS NULL
   ORDER BY raised_at, id`;

interface CandidateRow {
  id: string;
  full_name: string;
  email: string;
  phone: string | null;
  created_at: Date;
  total: string;
}

interface ApplicationRow {
  id: string;
  candidate_id: string;
  stage: string;
  stage_changed_at: Date;
  interest_level: number;
  position_id: string;
  title: string;
  employer_id: string;
  employer_name: string;
  follow_up_id: string | null;
  occurred_at: Date | null;
  channel: string | null;
  purpose: string | null;
  direction: string | null;
  outcome: string | null;
  planned: boolean;
  action: string | null;
  due_at: Date | null;
  reason: string | null;
  temperature_score: number | null;
  contact_id: string | null;
  contact_name: string | null;
}

interface EscalationRow {
  id: string;
  application_id: string;
  level: string;
  reason: string;
  recommended_action: string;
  due_at: Date;
  raised_at: Date;
}

function toApplication(row: ApplicationRow, escalations: DashboardEscalation[]): DashboardApplication {
  return {
    id: row.id,
    stage: row.stage,
    stageChangedAt: row.stage_changed_at.toISOString(),
    interestLevel: row.interest_level,
    position: { id: row.position_id, title: row.title, employer: { id: row.employer_id, name: row.employer_name } },
    lastFollowUp: row.follow_up_id
      ? {
          id: row.follow_up_id,
          occurredAt: row.occurred_at!.toISOString(),
          channel: row.channel!,
          purpose: row.purpose!,
          direction: row.direction!,
          outcome: row.outcome!,
        }
      : null,
    nextStep: row.planned
      ? {
          action: row.action!,
          dueAt: row.due_at?.toISOString() ?? null,
          reason: row.reason!,
          contact: row.contact_id ? { id: row.contact_id, fullName: row.contact_name! } : null,
        }
      : null,
    temperature: row.planned ? { score: row.temperature_score! } : null,
    escalations,
  };
}

function escalationsByApplication(rows: EscalationRow[]): Map<string, DashboardEscalation[]> {
  const byApplication = new Map<string, DashboardEscalation[]>();
  for (const row of rows) {
    const list = byApplication.get(row.application_id) ?? [];
    list.push({
      id: row.id,
      level: row.level,
      reason: row.reason,
      recommendedAction: row.recommended_action,
      dueAt: row.due_at.toISOString(),
      raisedAt: row.raised_at.toISOString(),
    });
    byApplication.set(row.application_id, list);
  }
  return byApplication;
}

/**
 * Named prepared statements, as the product's hot statements are (libs/database
 * preparedSql): each connection plans them once, so neither side pays
 * PostgreSQL's planning under row-level security on every request.
 */
const prepared = (name: string, text: string, values: unknown[]) => ({ name, text, values });

/** Runs in the caller's transaction, whose tenant settings row-level security reads. */
export async function rawDashboard(client: ClientBase, agencyId: string, counselorId: string) {
  const candidates = (
    await client.query<CandidateRow>(
      prepared('raw_candidates', CANDIDATES, [agencyId, counselorId, DASHBOARD_PAGE_SIZE + 1]),
    )
  ).rows;
  const page = candidates.slice(0, DASHBOARD_PAGE_SIZE);
  const candidateIds = page.map((candidate) => candidate.id);
  const applications = (
    await client.query<ApplicationRow>(prepared('raw_applications', APPLICATIONS, [agencyId, candidateIds]))
  ).rows;
  const escalations = escalationsByApplication(
    (
      await client.query<EscalationRow>(
        prepared('raw_open_escalations', OPEN_ESCALATIONS, [agencyId, applications.map((row) => row.id)]),
      )
    ).rows,
  );
  const byCandidate = new Map<string, DashboardApplication[]>(candidateIds.map((id) => [id, []]));
  for (const row of applications)
    byCandidate.get(row.candidate_id)!.push(toApplication(row, escalations.get(row.id) ?? []));
  const last = page.at(-1);
  const response: DashboardResponse = {
    data: {
      candidates: {
        totalCount: Number(candidates[0]?.total ?? 0),
        pageInfo: {
          hasNextPage: candidates.length > DASHBOARD_PAGE_SIZE,
          endCursor: last ? creationCursor(last.created_at, last.id) : null,
        },
        edges: page.map((candidate) => ({
          node: {
            id: candidate.id,
            fullName: candidate.full_name,
            email: candidate.email,
            phone: candidate.phone,
            applications: byCandidate.get(candidate.id)!,
          },
        })),
      },
    },
  };
  return response;
}
