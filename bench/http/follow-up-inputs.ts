import { CLOSED_STAGES } from '@lib/pipeline';
import { defaultFollowUpPolicy } from '@lib/policy';
import { Client } from 'pg';

/**
 * The stalker guard counts working days in the employer's time zone, with
 * its holidays; the inputs are chosen with calendar days instead, with room
 * for weekends and two weeks of holidays, so that the guard accepts every
 * status check. A refusal would still be counted and shown.
 */
const HOLIDAY_ALLOWANCE_DAYS = 14;

export type FollowUpKind = 'status check' | 'employer reply';

export interface FollowUpTarget {
  applicationId: string;
  contactId: string;
  kind: FollowUpKind;
}

export interface FollowUpInputs {
  /** Outbound status checks, one per candidate and employer whose last guarded contact is long past. */
  statusChecks: FollowUpTarget[];
  /** Inbound replies, on every open application: the guard never refuses what the employer says. */
  replies: FollowUpTarget[];
  /** Calendar days with no guarded contact a status check's pair has had. */
  quietDays: number;
}

interface Row {
  application_id: string;
  candidate_id: string;
  employer_id: string;
  contact_id: string;
  quiet: boolean;
}

/**
 * Every open application of the agency with the employer's contact to log
 * against (the designated contact, else HR), in a fixed order that spreads
 * consecutive requests over employers (each logged contact locks its
 * employer's row), and whether its candidate and employer have been quiet
 * long enough for an outbound status check. Read as the owner.
 */
export async function chooseFollowUpInputs(ownerUrl: string, agencyId: string): Promise<FollowUpInputs> {
  const owner = new Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    const policy = await owner.query<{ gap: number }>(
      `SELECT coalesce((SELECT minimum_gap_working_days FROM agency_policies WHERE agency_id = $1), $2) AS gap`,
      [agencyId, defaultFollowUpPolicy('GB').minimumGapWorkingDays],
    );
    const gap = policy.rows[0]!.gap;
    const quietDays = Math.ceil((gap * 7) / 5) + HOLIDAY_ALLOWANCE_DAYS;
    const { rows } = await owner.query<Row>(
      `WITH open_applications AS (
         SELECT a.id, a.candidate_id, p.employer_id
           FROM applications a JOIN positions p ON p.agency_id = a.agency_id AND p.id = a.position_id
          WHERE a.agency_id = $1 AND a.stage <> ALL($2::text[])),
       contacts AS (
         SELECT DISTINCT ON (employer_id) employer_id, id AS contact_id
           FROM employer_contacts
          WHERE agency_id = $1 AND role IN ('HR', 'HIRING_MANAGER')
          ORDER BY employer_id, is_designated_contact DESC, role = 'HR' DESC, created_at, id)
       SELECT o.id AS application_id, o.candidate_id, o.employer_id, c.contact_id,
              NOT EXISTS (
                SELECT 1 FROM follow_ups f
                 WHERE f.agency_id = $1 AND f.candidate_id = o.candidate_id AND f.employer_id = o.employer_id
                   AND f.starts_gap AND f.occurred_at > now() - make_interval(days => $3)) AS quiet
         FROM open_applications o JOIN contacts c USING (employer_id)
        ORDER BY md5(o.id::text)`,
      [agencyId, CLOSED_STAGES, quietDays],
    );
    const pairs = new Set<string>();
    const statusChecks: FollowUpTarget[] = [];
    for (const row of rows) {
      const pair = `${row.candidate_id}:${row.employer_id}`;
      if (!row.quiet || pairs.has(pair)) continue;
      pairs.add(pair);
      statusChecks.push({ applicationId: row.application_id, contactId: row.contact_id, kind: 'status check' });
    }
    const replies = rows.map((row): FollowUpTarget => ({
      applicationId: row.application_id,
      contactId: row.contact_id,
      kind: 'employer reply',
    }));
    if (replies.length === 0) throw new Error(`Agency ${agencyId} has no open application to log follow-ups on`);
    return { statusChecks, replies, quietDays };
  } finally {
    await owner.end();
  }
}

/**
 * The load's requests in order: each status check once (a second one on the
 * same pair would be refused, rightly), then employer replies round-robin.
 */
export function followUpSequence(inputs: FollowUpInputs, options: { statusChecks: boolean }): () => FollowUpTarget {
  const first = options.statusChecks ? inputs.statusChecks : [];
  let next = 0;
  return () => {
    const index = next++;
    return index < first.length ? first[index]! : inputs.replies[(index - first.length) % inputs.replies.length]!;
  };
}
