import { createHash } from 'node:crypto';
import { Client } from 'pg';

/**
 * An id derived from a name: the same rows get the same ids in every run. Shaped as a version 4 UUID (the
 * version and variant digits set), as the API accepts ids of known UUID versions only.
 */
export function stableId(name: string): string {
  const hex = createHash('md5').update(name).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20)}`;
}

export interface ActiveApplication {
  id: string;
  agencyId: string;
  hrId: string;
}

export interface ActiveAgency {
  agencyId: string;
  slug: string;
  adminEmail: string;
  applications: ActiveApplication[];
}

export interface ActiveShape {
  label: string;
  agencies: number;
  applicationsPerAgency: number;
  /** An argon2id hash of the admins' password: the load signs in through the API. */
  passwordHash: string;
  /** When every application was interviewed: recent, so that no escalation falls due during a run. */
  interviewedAt: Date;
}

/**
 * Agencies busy with fresh applications (interviewed hours ago, nothing due), each with an admin who signs
 * in and makes the load, written as the owner with ids derived from names: two runs on fresh databases hold
 * the same rows under the same ids, so their outcomes can be compared row for row.
 */
export async function seedActiveAgencies(client: Client, shape: ActiveShape): Promise<ActiveAgency[]> {
  const agencies: ActiveAgency[] = [];
  for (let agency = 1; agency <= shape.agencies; agency++) {
    const key = `${shape.label}-${agency}`;
    // Apart from the ids of seedStalledAgencies (test/support/stalled-agencies.ts), which derive from the same kind of names.
    const id = (name: string) => stableId(`active-${name}-${key}`);
    const agencyId = id('agency');
    const slug = `active-${key}`;
    const adminEmail = `admin@${key}.active.test`;
    await client.query(
      `INSERT INTO agencies (id, name, slug, timezone, country, created_at)
         VALUES ($1, 'Agency ' || $2, $2, 'Europe/London', 'GB', $3)`,
      [agencyId, slug, shape.interviewedAt],
    );
    await client.query(
      `INSERT INTO users (agency_id, id, email, full_name, role, password_hash, created_at)
         VALUES ($1, $2, $3, 'Admin', 'ADMIN', $5, $6),
                ($1, $4, 'counselor@' || $7 || '.active.test', 'Counselor', 'COUNSELOR', $5, $6)`,
      [agencyId, id('admin'), adminEmail, id('counselor'), shape.passwordHash, shape.interviewedAt, key],
    );
    await client.query(
      `INSERT INTO employers (agency_id, id, name, timezone, is_local, created_at)
         VALUES ($1, $2, 'Employer', 'Europe/London', true, $3)`,
      [agencyId, id('employer'), shape.interviewedAt],
    );
    await client.query(
      `INSERT INTO employer_contacts (agency_id, id, employer_id, full_name, role, is_designated_contact, created_at)
         VALUES ($1, $3, $2, 'Manager', 'HIRING_MANAGER', false, $5), ($1, $4, $2, 'HR', 'HR', true, $5)`,
      [agencyId, id('employer'), id('manager'), id('hr'), shape.interviewedAt],
    );
    const applications: ActiveApplication[] = [];
    for (let i = 1; i <= shape.applicationsPerAgency; i++) {
      applications.push({ id: id(`application-${i}`), agencyId, hrId: id('hr') });
    }
    await client.query(
      `INSERT INTO positions (agency_id, id, employer_id, title, created_at) VALUES ($1, $2, $3, 'Analyst', $4)`,
      [agencyId, id('position'), id('employer'), shape.interviewedAt],
    );
    for (const [index, application] of applications.entries()) {
      const candidateId = id(`candidate-${index + 1}`);
      await client.query(
        `INSERT INTO candidates (agency_id, id, full_name, email, counselor_id, created_at)
           VALUES ($1, $2, 'Candidate ' || $3, 'c' || $3 || '@' || $4 || '.active.test', $5, $6)`,
        [agencyId, candidateId, index + 1, key, id('counselor'), shape.interviewedAt],
      );
      await client.query(
        `INSERT INTO applications (agency_id, id, candidate_id, position_id, interest_level, stage, stage_changed_at, created_at)
           VALUES ($1, $2, $3, $4, 3, 'INTERVIEWING', $5, $5)`,
        [agencyId, application.id, candidateId, id('position'), shape.interviewedAt],
      );
      await client.query(
        `INSERT INTO interviews (agency_id, id, application_id, occurred_at, arranged_by_agency, created_at)
           VALUES ($1, $2, $3, $4, true, $4)`,
        [agencyId, id(`interview-${index + 1}`), application.id, shape.interviewedAt],
      );
    }
    agencies.push({ agencyId, slug, adminEmail, applications });
  }
  return agencies;
}
