import { randomUUID } from 'node:crypto';
import { Client, escapeIdentifier, PoolClient } from 'pg';

type Queryable = Client | PoolClient;

/** The one table outside tenancy that has rows per agency: it is keyed by `id`, not `agency_id` (README, "Tenancy exceptions"). */
export const CROSS_AGENCY_TABLE = 'agencies';

/** What the catalog says about one tenant table, as far as row-level-security tests need it. */
export interface TenantTable {
  name: string;
  primaryKey: string[];
  /** A column outside every key when there is one: setting it to itself changes nothing and checks no constraint. */
  updateColumn: string;
  /** The tenant tables its foreign keys point at (itself and `agencies` left out). */
  parents: string[];
  /** A tenant table points at it with a foreign key that neither cascades nor nulls, so deleting a pointed-at row fails. */
  restrictsDelete: boolean;
}

/**
 * Every tenant table, present and future: a table of schema public with an
 * `agency_id` column, `agencies` left out. Read from the catalog so a table added
 * later is found without editing a list.
 */
export async function discoverTenantTables(client: Queryable): Promise<TenantTable[]> {
  const result = await client.query<TenantTable>(
    `WITH tenant AS (
       SELECT c.oid, c.relname::text AS name
         FROM pg_class c
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND c.relname <> $1
          AND EXISTS (SELECT 1 FROM pg_attribute a
                       WHERE a.attrelid = c.oid AND a.attname = 'agency_id' AND NOT a.attisdropped))
     SELECT t.name,
            ARRAY(SELECT a.attname::text
                    FROM pg_constraint p
                    CROSS JOIN LATERAL unnest(p.conkey) WITH ORDINALITY AS k (attnum, position)
                    JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
                   WHERE p.conrelid = t.oid AND p.contype = 'p'
                   ORDER BY k.position) AS "primaryKey",
            (SELECT a.attname::text
               FROM pg_attribute a
              WHERE a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attname <> 'agency_id'
              ORDER BY EXISTS (SELECT 1 FROM pg_constraint k
                                WHERE k.conrelid = t.oid AND k.contype IN ('p', 'u', 'f') AND a.attnum = ANY (k.conkey)),
                       a.attnum
              LIMIT 1) AS "updateColumn",
            ARRAY(SELECT DISTINCT r.name
                    FROM pg_constraint f JOIN tenant r ON r.oid = f.confrelid
                   WHERE f.conrelid = t.oid AND f.contype = 'f' AND f.confrelid <> t.oid
                   ORDER BY r.name) AS parents,
            EXISTS (SELECT 1 FROM pg_constraint f JOIN tenant r ON r.oid = f.conrelid
                     WHERE f.confrelid = t.oid AND f.contype = 'f' AND f.confdeltype IN ('a', 'r')) AS "restrictsDelete"
       FROM tenant t
      ORDER BY t.name`,
    [CROSS_AGENCY_TABLE],
  );
  return result.rows;
}

/**
 * The ids of one coherent set of rows, one row per tenant table, all in one
 * agency: `ids[table]` is the row's own id and what its children point at.
 * `serial` keeps unique text (e-mails, URLs, dedupe keys) and numbers (report
 * revisions) apart between worlds of the same agency.
 */
export interface World {
  agencyId: string;
  serial: number;
  ids: Record<string, string>;
}

let lastSerial = 0;

export function newWorld(agencyId: string): World {
  return {
    agencyId,
    serial: ++lastSerial,
    ids: Object.fromEntries(TENANT_ROWS.map((row) => [row.table, randomUUID()])),
  };
}

/** The same parents as `world`, with a new id and new unique values for `table`'s row: a copy of that row, under a new key. */
export function withFreshRow(world: World, table: string): World {
  return { agencyId: world.agencyId, serial: ++lastSerial, ids: { ...world.ids, [table]: randomUUID() } };
}

interface TenantRow {
  table: string;
  /** The row's columns but agency_id; values are bound as parameters, so PostgreSQL casts them to the column types. */
  values(world: World): Record<string, unknown>;
}

const AT = new Date('2026-03-02T10:00:00Z');
const LATER = new Date('2026-04-02T10:00:00Z');

/**
 * One valid row per tenant table, in an order where every row's parents come
 * first. Hand-written rather than generated from the catalog: CHECK lists, the
 * shape of JSON columns and the keys that must stay unique are easier to read
 * here than to infer. A tenant table without a row here fails the RLS matrix's
 * catalog check, so a new table forces an entry.
 */
export const TENANT_ROWS: readonly TenantRow[] = [
  {
    table: 'users',
    values: (w) => ({
      id: w.ids.users,
      email: `counselor-${w.serial}@rls-matrix.test`,
      full_name: 'Counselor',
      role: 'COUNSELOR',
      password_hash: '$argon2id$placeholder',
      created_at: AT,
    }),
  },
  {
    table: 'auth_sessions',
    values: (w) => ({ id: w.ids.auth_sessions, user_id: w.ids.users, created_at: AT, expires_at: LATER }),
  },
  {
    table: 'refresh_tokens',
    values: (w) => ({
      id: w.ids.refresh_tokens,
      session_id: w.ids.auth_sessions,
      token_hash: Buffer.from(`token-${w.serial}`),
      created_at: AT,
      expires_at: LATER,
    }),
  },
  {
    table: 'invitations',
    values: (w) => ({
      id: w.ids.invitations,
      email: `invitee-${w.serial}@rls-matrix.test`,
      full_name: 'Invitee',
      role: 'COUNSELOR',
      token_hash: Buffer.from(`invitation-${w.serial}`),
      invited_by_user_id: w.ids.users,
      created_at: AT,
      expires_at: LATER,
    }),
  },
  {
    table: 'candidates',
    values: (w) => ({
      id: w.ids.candidates,
      full_name: 'Candidate',
      email: `candidate-${w.serial}@rls-matrix.test`,
      counselor_id: w.ids.users,
      created_at: AT,
    }),
  },
  {
    table: 'employers',
    values: (w) => ({
      id: w.ids.employers,
      name: 'Employer',
      timezone: 'Europe/London',
      is_local: true,
      created_at: AT,
    }),
  },
  {
    table: 'employer_contacts',
    values: (w) => ({
      id: w.ids.employer_contacts,
      employer_id: w.ids.employers,
      full_name: 'Hiring Manager',
      role: 'HIRING_MANAGER',
      // One designated contact per employer: a copied row must not be a second one.
      is_designated_contact: false,
      created_at: AT,
    }),
  },
  {
    table: 'positions',
    values: (w) => ({ id: w.ids.positions, employer_id: w.ids.employers, title: 'Analyst', created_at: AT }),
  },
  {
    table: 'applications',
    values: (w) => ({
      id: w.ids.applications,
      candidate_id: w.ids.candidates,
      position_id: w.ids.positions,
      interest_level: 3,
      stage: 'INTERVIEWING',
      stage_changed_at: AT,
      created_at: AT,
    }),
  },
  {
    table: 'application_stage_changes',
    values: (w) => ({
      id: w.ids.application_stage_changes,
      application_id: w.ids.applications,
      to_stage: 'INTERVIEWING',
      changed_at: AT,
    }),
  },
  {
    table: 'audit_entries',
    values: (w) => ({
      id: w.ids.audit_entries,
      action: 'candidate.created',
      record_type: 'candidate',
      record_id: w.ids.candidates,
      details: '{}',
      occurred_at: AT,
    }),
  },
  {
    table: 'interviews',
    values: (w) => ({
      id: w.ids.interviews,
      application_id: w.ids.applications,
      occurred_at: AT,
      arranged_by_agency: true,
      created_at: AT,
    }),
  },
  {
    table: 'interview_interviewers',
    values: (w) => ({ interview_id: w.ids.interviews, contact_id: w.ids.employer_contacts }),
  },
  {
    table: 'follow_ups',
    values: (w) => ({
      id: w.ids.follow_ups,
      application_id: w.ids.applications,
      candidate_id: w.ids.candidates,
      employer_id: w.ids.employers,
      contact_id: w.ids.employer_contacts,
      channel: 'EMAIL',
      purpose: 'STATUS_CHECK',
      outcome: 'REACHED',
      direction: 'OUTBOUND',
      occurred_at: AT,
      starts_gap: true,
      created_at: AT,
    }),
  },
  {
    table: 'debriefs',
    values: (w) => ({
      id: w.ids.debriefs,
      interview_id: w.ids.interviews,
      application_id: w.ids.applications,
      held_at: AT,
      rating: 4,
      asked_about_next_steps: true,
      strengths: ['listening'],
      created_at: AT,
    }),
  },
  {
    table: 'candidate_references',
    values: (w) => ({
      id: w.ids.candidate_references,
      candidate_id: w.ids.candidates,
      full_name: 'Referee',
      created_at: AT,
    }),
  },
  {
    table: 'reference_signals',
    values: (w) => ({
      id: w.ids.reference_signals,
      application_id: w.ids.applications,
      kind: 'REFERENCES_REQUESTED',
      occurred_at: AT,
      reference_id: w.ids.candidate_references,
      created_at: AT,
    }),
  },
  {
    table: 'tasks',
    values: (w) => ({
      id: w.ids.tasks,
      application_id: w.ids.applications,
      kind: 'SEND_REFERENCES',
      // (kind, source) is unique: the task's own id serves as a source no other task has.
      source_id: w.ids.tasks,
      title: 'Send references',
      due_at: LATER,
      assignee_user_id: w.ids.users,
      created_at: AT,
    }),
  },
  {
    table: 'agency_policies',
    values: () => ({
      thank_you_within_working_days: 1,
      hr_status_email_after_working_days: 5,
      status_check_every_working_days: 5,
      minimum_gap_working_days: 3,
      contact_days: ['TUE', 'WED', 'THU'],
      contact_windows: '[]',
      call_after_promised_date_working_days: 1,
      leave_message_with_gatekeeper: false,
      escalate_to_hiring_manager_after_working_days: 10,
      hiring_manager_attempts_before_visit: 3,
      out_of_running_after_working_days: 30,
      long_silence_after_working_days: 20,
      low_pressure_contact_every_working_days: 10,
      holiday_country: 'GB',
      extra_holidays: [],
      updated_at: AT,
    }),
  },
  {
    table: 'application_next_steps',
    values: (w) => ({
      application_id: w.ids.applications,
      action: 'STATUS_CHECK',
      due_at: LATER,
      reason: 'Time for a status check',
      temperature_score: 50,
      temperature_reasons: '[]',
      computed_at: AT,
    }),
  },
  {
    table: 'escalations',
    values: (w) => ({
      id: w.ids.escalations,
      application_id: w.ids.applications,
      level: 'HIRING_MANAGER',
      // (agency, application, level, basis) is unique: each world's rung has its own basis.
      basis_at: new Date(AT.getTime() + w.serial * 1000),
      due_at: LATER,
      reason: 'No answer',
      recommended_action: 'Call the hiring manager',
      raised_at: LATER,
    }),
  },
  {
    table: 'agency_webhooks',
    values: (w) => ({
      id: w.ids.agency_webhooks,
      url: `https://hooks.rls-matrix.test/${w.serial}`,
      secret: 'whsec_placeholder',
      created_at: AT,
    }),
  },
  {
    table: 'notifications',
    values: (w) => ({
      id: w.ids.notifications,
      dedupe_key: `rls-matrix-${w.serial}`,
      kind: 'escalation.raised',
      channel: 'EMAIL',
      recipient_user_id: w.ids.users,
      target: `counselor-${w.serial}@rls-matrix.test`,
      subject: 'Escalation',
      body: 'An application needs you.',
      payload: '{}',
      status: 'PENDING',
      next_attempt_at: AT,
      created_at: AT,
    }),
  },
  {
    table: 'erasure_requests',
    values: (w) => ({
      id: w.ids.erasure_requests,
      candidate_id: w.ids.candidates,
      requested_at: AT,
      erase_after: LATER,
    }),
  },
  {
    table: 'pipeline_reports',
    values: (w) => ({
      id: w.ids.pipeline_reports,
      week_start: '2026-02-23',
      week_end: '2026-03-02',
      timezone: 'Europe/London',
      // (agency, week, revision) is unique: each world writes its own revision of the same week.
      revision: w.serial,
      figures: '{}',
      generated_at: AT,
    }),
  },
];

export const TENANT_ROW_TABLES: readonly string[] = TENANT_ROWS.map((row) => row.table);

/** The parameterised INSERT of `table`'s row of `world`. */
export function insertStatement(table: string, world: World): { sql: string; values: unknown[] } {
  const row = TENANT_ROWS.find((candidate) => candidate.table === table);
  if (!row) throw new Error(`No row builder for tenant table ${table} in test/support/tenant-tables.ts`);
  const columns = { agency_id: world.agencyId, ...row.values(world) };
  const names = Object.keys(columns).map(escapeIdentifier);
  const placeholders = names.map((_, index) => `$${index + 1}`);
  return {
    sql: `INSERT INTO ${escapeIdentifier(table)} (${names.join(', ')}) VALUES (${placeholders.join(', ')})`,
    values: Object.values(columns),
  };
}

/** Writes `world`'s rows of `tables` (all by default), parents first. As the owner: set-up only. */
export async function seedWorld(
  client: Queryable,
  world: World,
  tables: readonly string[] = TENANT_ROW_TABLES,
): Promise<void> {
  for (const table of TENANT_ROW_TABLES.filter((name) => tables.includes(name))) {
    const { sql, values } = insertStatement(table, world);
    await client.query(sql, values);
  }
}

/** Rows per agency in `table`. As the owner this counts every agency; as the application role, what its scope sees. */
export async function countByAgency(client: Queryable, table: string): Promise<Map<string, number>> {
  const result = await client.query<{ agency_id: string; rows: number }>(
    `SELECT agency_id, count(*)::int AS rows FROM ${escapeIdentifier(table)} GROUP BY agency_id`,
  );
  return new Map(result.rows.map((row) => [row.agency_id, row.rows]));
}
