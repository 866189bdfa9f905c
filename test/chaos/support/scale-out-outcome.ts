import { Client } from 'pg';
import { withOwner } from '../../support/database';

/**
 * What a run left in the database, as sorted sets of rows that two runs on fresh databases must share. Each
 * row is JSON without what legitimately differs between runs: ids drawn at random when the row was written
 * (replaced by what the row is about: an escalation's application, rung and basis; a follow-up's application,
 * direction and time; a candidate's e-mail), and the wall-clock moments of writing (`created_at`,
 * `raised_at`, `computed_at`, delivery times and attempts). Everything the product derives from the
 * history (due times, reasons, recommended actions, temperatures, message texts) stays in.
 */
export interface ScaleOutOutcome {
  escalations: string[];
  notifications: string[];
  followUps: string[];
  nextSteps: string[];
  auditEntries: string[];
  candidates: string[];
  applications: string[];
  tasks: string[];
  stageChanges: string[];
}

/** The natural key of an escalation, as the rung key `(agency, application, level, basis)` makes it unique. */
const ESCALATION_KEY = `e.application_id || '/' || e.level || '/' || to_char(e.basis_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`;
const FOLLOW_UP_KEY = `f.application_id || '/' || f.direction || '/' || to_char(f.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`;

const QUERIES: Record<keyof ScaleOutOutcome, string> = {
  escalations: `SELECT to_jsonb(e) - 'id' - 'raised_at' - 'resolved_at' AS row FROM escalations e`,
  notifications: `
    SELECT to_jsonb(n) - 'id' - 'dedupe_key' - 'payload' - 'attempts' - 'next_attempt_at' - 'last_error'
             - 'delivered_at' - 'created_at'
           || jsonb_build_object(
                'dedupe_key', coalesce(replace(n.dedupe_key, e.id::text, ${ESCALATION_KEY}), n.dedupe_key),
                'payload', n.payload #- '{timestamp}' #- '{data,escalationId}' #- '{escalationId}') AS row
      FROM notifications n
      LEFT JOIN escalations e ON e.agency_id = n.agency_id AND e.id::text = split_part(n.dedupe_key, ':', 2)`,
  followUps: `SELECT to_jsonb(f) - 'id' - 'created_at' AS row FROM follow_ups f`,
  // computed_at is when the plan was last made; the plan itself derives from the history.
  nextSteps: `SELECT to_jsonb(s) - 'computed_at' AS row FROM application_next_steps s`,
  auditEntries: `
    SELECT to_jsonb(a) - 'id' - 'occurred_at' - 'record_id'
           || jsonb_build_object('record', coalesce(${FOLLOW_UP_KEY}, c.email, a.record_id::text)) AS row
      FROM audit_entries a
      LEFT JOIN follow_ups f ON a.record_type = 'follow_up' AND f.agency_id = a.agency_id AND f.id = a.record_id
      LEFT JOIN candidates c ON a.record_type = 'candidate' AND c.agency_id = a.agency_id AND c.id = a.record_id`,
  candidates: `SELECT to_jsonb(c) - 'id' - 'created_at' AS row FROM candidates c`,
  applications: `SELECT to_jsonb(a) - 'updated_at' AS row FROM applications a`,
  tasks: `SELECT to_jsonb(t) - 'id' - 'created_at' AS row FROM tasks t`,
  stageChanges: `SELECT to_jsonb(s) - 'id' AS row FROM application_stage_changes s`,
};

async function sortedRows(client: Client, sql: string): Promise<string[]> {
  const rows = (await client.query<{ row: unknown }>(sql)).rows.map((row) => JSON.stringify(row.row));
  return rows.sort();
}

export async function readOutcome(ownerUrl: string): Promise<ScaleOutOutcome> {
  return withOwner(ownerUrl, async (client) => {
    const outcome = {} as ScaleOutOutcome;
    for (const [name, sql] of Object.entries(QUERIES) as Array<[keyof ScaleOutOutcome, string]>) {
      outcome[name] = await sortedRows(client, sql);
    }
    return outcome;
  });
}

/**
 * The plans without what the engine derives from the day it plans on (temperatures, "silent for n working days",
 * the switch to low-pressure contact, revisits): for two runs that straddle midnight in the agencies' time
 * zone, where those legitimately differ. Which applications have a plan is still compared.
 */
export function withoutDayDependentPlans(outcome: ScaleOutOutcome): ScaleOutOutcome {
  const planned = outcome.nextSteps.map((row) => {
    const { agency_id, application_id } = JSON.parse(row) as Record<string, unknown>;
    return JSON.stringify({ agency_id, application_id });
  });
  return { ...outcome, nextSteps: planned.sort() };
}

/** Rows per table: the size of what a run left, for the summary line. */
export function sizes(outcome: ScaleOutOutcome): string {
  return Object.entries(outcome)
    .map(([name, rows]) => `${(rows as string[]).length} ${name}`)
    .join(', ');
}

/** Rows that appear more than once in a set: with ids and write times left out, a duplicate is a doubled row. */
export function repeatedRows(outcome: ScaleOutOutcome): string[] {
  const repeated: string[] = [];
  for (const [name, rows] of Object.entries(outcome) as Array<[string, string[]]>) {
    // Audit entries repeat legitimately only when the same action hits the same record twice: never here.
    rows.forEach((row, index) => index > 0 && rows[index - 1] === row && repeated.push(`${name}: ${row}`));
  }
  return repeated;
}
