import { RequestContextFactory } from '@lib/context';
import { EscalationRaiser } from '@lib/escalations';
import { RecomputeAgencyJob } from '@lib/next-steps';
import { withOwner } from '../../support/database';
import { EngineHarness } from '../../support/engine-harness';
import { BatchShape, seedStalledAgencies } from '../../support/stalled-agencies';

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
