import { RequestContextFactory } from '@lib/context';
import { EscalationRaiser } from '@lib/escalations';
import { RecomputeAgencyJob } from '@lib/next-steps';
import { newWebhookSecret } from '@lib/notifications';
import { DateTime } from 'luxon';
import { Client } from 'pg';
import { withOwner } from '../../support/database';
import { EngineHarness } from '../../support/engine-harness';

/** Interviewed weeks ago and silent since: every application has rungs due. As in sweep-faults.int.spec.ts. */
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
 * weeks ago and silent since, all with ids derived from their names. The seeding of sweep-faults.int.spec.ts,
 * in batches: a chaos run adds a batch per round, so every round's sweep has rungs to raise.
 */
export async function seedStalledAgencies(client: Client, shape: BatchShape): Promise<string[]> {
  const agencyIds: string[] = [];
  for (let agency = 1; agency <= shape.agencies; agency++) {
    const key = `${shape.label}-${agency}`;
    const id = (name: string) => `md5('${name}-${key}')::uuid`;
    const interviewedAt = `'${INTERVIEWED_AT.toISOString()}'`;
    await client.query(`
      INSERT INTO agencies (id, name, slug, timezone, country, created_at)
        VALUES (${id('agency')}, 'Agency ${key}', 'chaos-${key}', 'Europe/London', 'GB', now());
      INSERT INTO users (agency_id, id, email, full_name, role, password_hash, created_at)
        VALUES (${id('agency')}, ${id('counselor')}, 'counselor-${key}@chaos.test', 'Counselor', 'COUNSELOR',
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
               'c' || i || '@${key}.chaos.test', ${id('counselor')}, now()
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

/** Seeds a batch and plans its applications, as every event does in production, without scheduling any job. */
export async function addStalledBatch(harness: EngineHarness, shape: BatchShape): Promise<string[]> {
  const agencyIds = await withOwner(harness.db.ownerUrl, (client) => seedStalledAgencies(client, shape));
  for (const agencyId of agencyIds) await harness.get(RecomputeAgencyJob).run({ agencyId });
  return agencyIds;
}

/** Each application's rungs as one comparable string: its levels and their bases, in order. */
const RUNGS_BY_APPLICATION = `
  SELECT a.id,
         coalesce(string_agg(e.level || '@' || extract(epoch FROM e.basis_at)::text, ' '
                             ORDER BY e.level, e.basis_at), '') AS rungs
    FROM applications a
    LEFT JOIN escalations e ON e.agency_id = a.agency_id AND e.application_id = a.id
   WHERE a.agency_id = ANY($1::uuid[])
   GROUP BY a.id`;

/** Per escalation, how many of its messages each channel holds (dedupe keys are `escalation:<id>:...`). */
const MESSAGES_BY_ESCALATION = `
  SELECT e.id,
         count(n.id) FILTER (WHERE n.channel = 'EMAIL')::int AS emails,
         count(n.id) FILTER (WHERE n.channel = 'WEBHOOK')::int AS webhooks
    FROM escalations e
    LEFT JOIN notifications n ON n.agency_id = e.agency_id AND split_part(n.dedupe_key, ':', 2) = e.id::text
   WHERE e.agency_id = ANY($1::uuid[])
   GROUP BY e.id`;

/** What one undisturbed sweep raises for one stalled application, and the messages of each rung. */
export interface Ladder {
  rungs: string;
  emailsPerEscalation: number;
  webhooksPerEscalation: number;
}

class RolledBack extends Error {
  constructor(readonly ladder: Ladder) {
    super('rolled back on purpose');
  }
}

/**
 * The undisturbed expectation: what the sweep's own statement raises for `agencyId` when nothing interferes,
 * computed in a transaction that is then rolled back, so the agency is left for the chaos run to sweep. Every
 * application of every batch is seeded alike, so each must end with exactly these rungs and messages.
 */
export async function undisturbedLadder(harness: EngineHarness, agencyId: string): Promise<Ladder> {
  const contexts = harness.get(RequestContextFactory);
  const ctx = contexts.create();
  ctx.authenticate({ kind: 'system', agencyId, job: 'chaos-reference' });
  try {
    await contexts.run(ctx, async () => {
      await harness.get(EscalationRaiser).raiseDue(ctx);
      const rungs = new Set(
        (await ctx.query<{ rungs: string }>(RUNGS_BY_APPLICATION, [[agencyId]])).map((row) => row.rungs),
      );
      const messages = new Set(
        (await ctx.query<{ emails: number; webhooks: number }>(MESSAGES_BY_ESCALATION, [[agencyId]])).map(
          (row) => `${row.emails}/${row.webhooks}`,
        ),
      );
      if (rungs.size !== 1 || messages.size !== 1) {
        throw new Error(`Applications seeded alike were raised differently: ${[...rungs]} / ${[...messages]}`);
      }
      const [emails, webhooks] = [...messages][0]!.split('/').map(Number);
      throw new RolledBack({ rungs: [...rungs][0]!, emailsPerEscalation: emails!, webhooksPerEscalation: webhooks! });
    });
  } catch (error) {
    if (error instanceof RolledBack) return error.ladder;
    throw error;
  }
  throw new Error('The reference sweep did not roll back');
}

export interface LadderCheck {
  applications: number;
  escalations: number;
  /** Applications whose rungs differ from the ladder (missing, extra or doubled), a few shown. */
  offLadder: string[];
  /** Escalations whose e-mail or webhook messages are not exactly the ladder's. */
  offMessages: string[];
}

/** Holds every application of `agencyIds` against the ladder. */
export async function checkAgainstLadder(ownerUrl: string, agencyIds: string[], ladder: Ladder): Promise<LadderCheck> {
  return withOwner(ownerUrl, async (client) => {
    const applications = (await client.query<{ id: string; rungs: string }>(RUNGS_BY_APPLICATION, [agencyIds])).rows;
    const messages = (
      await client.query<{ id: string; emails: number; webhooks: number }>(MESSAGES_BY_ESCALATION, [agencyIds])
    ).rows;
    return {
      applications: applications.length,
      escalations: messages.length,
      offLadder: applications
        .filter((row) => row.rungs !== ladder.rungs)
        .slice(0, 5)
        .map((row) => `${row.id}: "${row.rungs}"`),
      offMessages: messages
        .filter((row) => row.emails !== ladder.emailsPerEscalation || row.webhooks !== ladder.webhooksPerEscalation)
        .slice(0, 5)
        .map((row) => `${row.id}: ${row.emails} e-mail(s), ${row.webhooks} webhook message(s)`),
    };
  });
}
