import { bullPrefix, QueueName } from '@lib/queue';
import Redis from 'ioredis';
import { Client } from 'pg';

/** What the logged follow-ups left behind, counted after the load. */
export interface FollowUpWrites {
  outbound: number;
  inbound: number;
  auditEntries: number;
  /** Applications whose stored plan (next step, temperature) was recomputed. */
  plansRecomputed: number;
  /** Outbox rows (notifications) of the agency written since the load began. */
  outboxRows: number;
  /** Delayed next-step jobs in the API's queue: each recomputed plan moves its application's wake-up. */
  queuedWakeUps: number;
}

/** Counted as the owner, so that row-level security hides nothing. */
export async function countFollowUpWrites(
  ownerUrl: string,
  redisUrl: string,
  redisKeyPrefix: string,
  scope: { agencyId: string; userId: string; since: Date },
): Promise<FollowUpWrites> {
  const owner = new Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    const args = [scope.agencyId, scope.userId, scope.since];
    const { rows } = await owner.query<Record<keyof Omit<FollowUpWrites, 'queuedWakeUps'>, string>>(
      `SELECT (SELECT count(*) FROM follow_ups WHERE agency_id = $1 AND logged_by_user_id = $2 AND created_at >= $3
                 AND direction = 'OUTBOUND') AS outbound,
              (SELECT count(*) FROM follow_ups WHERE agency_id = $1 AND logged_by_user_id = $2 AND created_at >= $3
                 AND direction = 'INBOUND') AS inbound,
              (SELECT count(*) FROM audit_entries WHERE agency_id = $1 AND actor_user_id = $2 AND occurred_at >= $3
                 AND action = 'follow_up.logged') AS "auditEntries",
              (SELECT count(*) FROM application_next_steps WHERE agency_id = $1 AND computed_at >= $3) AS "plansRecomputed",
              (SELECT count(*) FROM notifications WHERE agency_id = $1 AND created_at >= $3) AS "outboxRows"`,
      args,
    );
    const counts = rows[0]!;
    return {
      outbound: Number(counts.outbound),
      inbound: Number(counts.inbound),
      auditEntries: Number(counts.auditEntries),
      plansRecomputed: Number(counts.plansRecomputed),
      outboxRows: Number(counts.outboxRows),
      queuedWakeUps: await countDelayedJobs(redisUrl, redisKeyPrefix),
    };
  } finally {
    await owner.end();
  }
}

async function countDelayedJobs(redisUrl: string, redisKeyPrefix: string): Promise<number> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    return await redis.zcard(`${bullPrefix(redisKeyPrefix)}:${QueueName.FOLLOW_UP}:delayed`);
  } finally {
    redis.disconnect();
  }
}
