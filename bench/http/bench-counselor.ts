import { randomBytes } from 'node:crypto';
import * as argon2 from 'argon2';
import { Client } from 'pg';
import { DASHBOARD_PAGE_SIZE } from './dashboard-shape';
import { graphql } from './graphql-client';

/** A counselor who can sign in through the real `login` mutation. */
export interface BenchCounselor {
  agencyId: string;
  agencySlug: string;
  userId: string;
  email: string;
  password: string;
  /** The candidates they own. */
  candidates: number;
}

/** The product's argon2id parameters (libs/auth password-hasher.ts), so login verifies as in production. */
const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/**
 * The counselor of the first agency with the most candidates, given a real
 * password (seeded users carry a hash no password matches). A full dashboard
 * page needs 50 candidates: should no counselor of the first agency own that
 * many (a shrunk dataset), the next agency in order that has one. Written as
 * the owner.
 */
export async function prepareBenchCounselor(ownerUrl: string, agencyIds: readonly string[]): Promise<BenchCounselor> {
  const owner = new Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    const { rows } = await owner.query<{
      agency_id: string;
      id: string;
      email: string;
      slug: string;
      candidates: string;
    }>(
      `SELECT u.agency_id, u.id, u.email, g.slug, count(*) AS candidates
         FROM users u
         JOIN agencies g ON g.id = u.agency_id
         JOIN candidates c ON c.agency_id = u.agency_id AND c.counselor_id = u.id
        WHERE u.agency_id = ANY($1::uuid[]) AND u.role = 'COUNSELOR'
        GROUP BY u.agency_id, u.id, u.email, g.slug
       HAVING count(*) >= $2
        ORDER BY array_position($1::uuid[], u.agency_id), count(*) DESC, u.id
        LIMIT 1`,
      [agencyIds, DASHBOARD_PAGE_SIZE],
    );
    const chosen = rows[0];
    if (!chosen)
      throw new Error(`No counselor owns ${DASHBOARD_PAGE_SIZE} candidates: the dashboard would not be full`);
    const password = randomBytes(18).toString('base64url');
    await owner.query(`UPDATE users SET password_hash = $3 WHERE agency_id = $1 AND id = $2`, [
      chosen.agency_id,
      chosen.id,
      await argon2.hash(password, ARGON2_OPTIONS),
    ]);
    return {
      agencyId: chosen.agency_id,
      agencySlug: chosen.slug,
      userId: chosen.id,
      email: chosen.email,
      password,
      candidates: Number(chosen.candidates),
    };
  } finally {
    await owner.end();
  }
}

const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { accessToken } }`;

/** A fresh access token (they live at most 15 minutes: one per load phase, never one per section). */
export async function signIn(apiUrl: string, counselor: BenchCounselor): Promise<string> {
  const data = await graphql<{ login: { accessToken: string } }>(apiUrl, LOGIN, {
    input: { agencySlug: counselor.agencySlug, email: counselor.email, password: counselor.password },
  });
  return data.login.accessToken;
}
