import { Injectable } from '@nestjs/common';
import { Clock } from '@lib/clock';
import { RequestContext, STAFF_ROLES } from '@lib/context';
import { BadUserInputError } from '@lib/errors';
import { randomUUID } from 'node:crypto';
import { CandidateCsvRow, CsvFormatError, parseCandidateCsv, RejectedRow } from './parse-candidate-csv';

export interface CandidateImportReport {
  importId: string;
  imported: number;
  rejected: RejectedRow[];
}

/**
 * Inserts the candidates and their audit entries in one statement: the rows
 * travel as arrays and unnest() on the server, so 10,000 rows cost one round
 * trip. An e-mail already in the agency is skipped by the unique index and
 * reported.
 */
const INSERT_SQL = `
  WITH incoming AS (
    SELECT * FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::uuid[])
      AS t(id, full_name, email, phone, counselor_id)
  ),
  inserted AS (
    INSERT INTO candidates (agency_id, id, full_name, email, phone, counselor_id, created_at)
    SELECT $1, id, full_name, email, phone, counselor_id, $7 FROM incoming
    ON CONFLICT (agency_id, lower(email)) DO NOTHING
    RETURNING id, email
  ),
  audited AS (
    INSERT INTO audit_entries (agency_id, id, actor_user_id, action, record_type, record_id, details, occurred_at)
    SELECT $1, gen_random_uuid(), $8, 'candidate.imported', 'candidate', id, jsonb_build_object('importId', $9::text), $7
      FROM inserted
  )
  SELECT email FROM inserted`;

@Injectable()
export class CandidateImportService {
  constructor(private readonly clock: Clock) {}

  async import(ctx: RequestContext, csv: string): Promise<CandidateImportReport> {
    let parsed;
    try {
      parsed = parseCandidateCsv(csv);
    } catch (error) {
      if (error instanceof CsvFormatError) throw BadUserInputError.forField('file', error.message);
      throw error;
    }
    const rejected = [...parsed.rejected];
    const counselors = await this.staffByEmail(ctx);
    const accepted: (CandidateCsvRow & { id: string; counselorId: string })[] = [];
    for (const row of parsed.rows) {
      const counselorId = row.counselorEmail ? counselors.get(row.counselorEmail) : ctx.user.userId;
      if (!counselorId) {
        rejected.push({
          line: row.line,
          email: row.email,
          reason: 'No counselor of the agency has this e-mail address',
        });
        continue;
      }
      accepted.push({ ...row, id: randomUUID(), counselorId });
    }

    const importId = randomUUID();
    const inserted = accepted.length
      ? await ctx.query<{ email: string }>(INSERT_SQL, [
          ctx.agencyId,
          accepted.map((row) => row.id),
          accepted.map((row) => row.fullName),
          accepted.map((row) => row.email),
          accepted.map((row) => row.phone),
          accepted.map((row) => row.counselorId),
          this.clock.now(),
          ctx.user.userId,
          importId,
        ])
      : [];
    const insertedEmails = new Set(inserted.map((row) => row.email));
    for (const row of accepted) {
      if (!insertedEmails.has(row.email)) {
        rejected.push({
          line: row.line,
          email: row.email,
          reason: 'A candidate with this e-mail address already exists',
        });
      }
    }
    rejected.sort((a, b) => a.line - b.line);
    return { importId, imported: insertedEmails.size, rejected };
  }

  private async staffByEmail(ctx: RequestContext): Promise<Map<string, string>> {
    const rows = await ctx.query<{ id: string; email: string }>(
      `SELECT id, lower(email) AS email FROM users WHERE agency_id = $1 AND role = ANY($2)`,
      [ctx.agencyId, STAFF_ROLES],
    );
    return new Map(rows.map((row) => [row.email, row.id]));
  }
}
