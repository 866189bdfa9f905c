import { randomUUID } from 'node:crypto';
import { Client } from 'pg';

export interface SeededAgency {
  agencyId: string;
  adminId: string;
}

/** An agency and its admin, written as the owner (bypassing row-level security) for set-up only. */
export async function insertAgencyWithAdmin(client: Client, slug: string): Promise<SeededAgency> {
  const agencyId = randomUUID();
  const adminId = randomUUID();
  await client.query(
    `INSERT INTO agencies (id, name, slug, timezone, country, created_at) VALUES ($1, $2, $2, 'Europe/London', 'GB', now())`,
    [agencyId, slug],
  );
  await client.query(
    `INSERT INTO users (agency_id, id, email, full_name, role, password_hash, created_at)
     VALUES ($1, $2, $3, 'Admin', 'ADMIN', '$argon2id$placeholder', now())`,
    [agencyId, adminId, `admin@${slug}.test`],
  );
  return { agencyId, adminId };
}
