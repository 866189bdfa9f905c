import { Injectable } from '@nestjs/common';
import { Clock } from '@lib/clock';
import { RequestContext } from '@lib/context';

/**
 * Every table that holds records about a candidate, read under the
 * candidate's own row-level-security scope: what the export returns is,
 * by construction, exactly the rows the database lets this candidate reach.
 */
const TABLES = [
  'candidates',
  'users',
  'applications',
  'application_stage_changes',
  'application_next_steps',
  'interviews',
  'interview_interviewers',
  'debriefs',
  'follow_ups',
  'reference_signals',
  'candidate_references',
  'tasks',
  'escalations',
  'positions',
  'employers',
  'employer_contacts',
  'auth_sessions',
] as const;

/** Credentials are not data about the candidate: hashes stay out of the export. */
const SECRET_COLUMNS = new Set(['password_hash', 'token_hash']);

export interface DataExport {
  format: 'recruiting-followup.candidate-export';
  version: 1;
  exportedAt: string;
  records: Record<string, Record<string, unknown>[]>;
}

@Injectable()
export class DataExportService {
  constructor(private readonly clock: Clock) {}

  async export(ctx: RequestContext): Promise<DataExport> {
    const records: DataExport['records'] = {};
    for (const table of TABLES) {
      const rows = await ctx.query<Record<string, unknown>>(
        // Only the candidate's own account among the users (their counselor is visible to them, but not theirs).
        table === 'users'
          ? `SELECT * FROM users WHERE agency_id = $1 AND id = $2`
          : `SELECT * FROM ${table} WHERE agency_id = $1`,
        table === 'users' ? [ctx.agencyId, ctx.user.userId] : [ctx.agencyId],
      );
      records[table] = rows.map((row) =>
        Object.fromEntries(Object.entries(row).filter(([column]) => !SECRET_COLUMNS.has(column))),
      );
    }
    return {
      format: 'recruiting-followup.candidate-export',
      version: 1,
      exportedAt: this.clock.now().toISOString(),
      records,
    };
  }
}
