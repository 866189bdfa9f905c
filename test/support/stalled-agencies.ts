import { newWebhookSecret } from '@lib/notifications';
import { DateTime } from 'luxon';
import { Client } from 'pg';

/** Interviewed weeks ago and silent since: every application has rungs due. */
const INTERVIEWED_AT = DateTime.now().setZone('Europe/London').minus({ weeks: 4 }).set({ hour: 10 }).toJSDate();

export interface BatchShape {
  /** Makes the names, slugs and ids of one batch distinct from every other batch's. */
  label: string;
  agencies: number;
  applicationsPerAgency: number;
  /** One webhook per agency to this URL, so each escalation also writes a webhook message. */
  webhookUrl?: string;
}

/**
 * Agencies, each with a counselor, an employer, its contacts and a position, and applications interviewed
 * weeks ago and silent since, all with ids derived from their names, for the sweep fault tests. Seeded in
 * batches: a chaos run adds a batch per round, so every round's sweep has rungs to raise.
 */
export async function seedStalledAgencies(client: Client, shape: BatchShape): Promise<string[]> {
  const agencyIds: string[] = [];
  for (let agency = 1; agency <= shape.agencies; agency++) {
    const key = `${shape.label}-${agency}`;
    const id = (name: string) => `md5('${name}-${key}')::uuid`;
    const interviewedAt = `'${INTERVIEWED_AT.toISOString()}'`;
    await client.query(`
      INSERT INTO agencies (id, name, slug, timezone, country, created_at)
        VALUES (${id('agency')}, 'Agency ${key}', 'stalled-${key}', 'Europe/London', 'GB', now());
      INSERT INTO users (agency_id, id, email, full_name, role, password_hash, created_at)
        VALUES (${id('agency')}, ${id('counselor')}, 'counselor-${key}@stalled.test', 'Counselor', 'COUNSELOR',
                '$argon2id$placeholder', now());
      INSERT INTO employers (agency_id, id, name, timezone, is_local, created_at)
        VALUES (${id('agency')}, ${id('employer')}, 'Employer', 'Europe/London', true, now());
      INSERT INTO employer_contacts (agency_id, id, employer_id, full_name, role, is_designated_contact, created_at)
        VALUES (${id('agency')}, ${id('manager')}, ${id('employer')}, 'Manager', 'HIRING_MANAGER', false, now()),
               (${id('agency')}, ${id('hr')}, ${id('employer')}, 'HR', 'HR', true, now());
      INSERT INTO positions (agency_id, id, employer_id, title, created_at)
        VALUES (${id('agency')}, ${id('position')}, ${id('employer')}, 'Analyst', now());
      INSERT INTO candidates (agency_id, id, full_name, email, counselor_id, created_at)
        SELECT ${id('agency')}, md5('candidate-${key}-' || i)::uuid, 'Candidate ' || i,
               'c' || i || '@${key}.stalled.test', ${id('counselor')}, now()
          FROM generate_series(1, ${shape.applicationsPerAgency}) i;
      INSERT INTO applications (agency_id, id, candidate_id, position_id, interest_level, stage, stage_changed_at, created_at)
        SELECT ${id('agency')}, md5('application-${key}-' || i)::uuid, md5('candidate-${key}-' || i)::uuid,
               ${id('position')}, 3, 'INTERVIEWING', ${interviewedAt}, ${interviewedAt}
          FROM generate_series(1, ${shape.applicationsPerAgency}) i;
      INSERT INTO interviews (agency_id, id, application_id, occurred_at, arranged_by_agency, created_at)
        SELECT ${id('agency')}, md5('interview-${key}-' || i)::uuid, md5('application-${key}-' || i)::uuid,
               ${interviewedAt}, true, ${interviewedAt}
          FROM generate_series(1, ${shape.applicationsPerAgency}) i;`);
    if (shape.webhookUrl) {
      await client.query(
        `INSERT INTO agency_webhooks (agency_id, id, url, secret, created_at)
         VALUES (${id('agency')}, ${id('webhook')}, $1, $2, now())`,
        [shape.webhookUrl, newWebhookSecret()],
      );
    }
    const [row] = (await client.query<{ id: string }>(`SELECT ${id('agency')} AS id`)).rows;
    agencyIds.push(row!.id);
  }
  return agencyIds;
}
