import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { Clock } from '@lib/clock';
import { mailConfig } from '@lib/config';
import { RequestContextFactory } from '@lib/context';
import { JobName } from '@lib/queue';
import { MailTransport } from './mail-transport';
import { NotificationChannel } from './notification.entity';
import { WebhookSender } from './webhook-sender';

const BATCH_SIZE = 50;
const CONCURRENCY = 10;
const FIRST_RETRY_MS = 30 * 1000;
const MAX_RETRY_MS = 6 * 60 * 60 * 1000;
const MAX_ERROR_LENGTH = 1000;

export interface DeliveryResult {
  delivered: number;
  /** Failed this time, to be tried again. */
  failed: number;
  /** Failed for good: out of attempts, or its webhook was removed. */
  dead: number;
  /** The earliest next attempt of the agency's PENDING notifications, if any remain. */
  nextAttemptAt: Date | null;
}

export interface ClaimedNotification {
  id: string;
  channel: NotificationChannel;
  target: string;
  subject: string;
  body: string;
  htmlBody: string | null;
  payload: Record<string, unknown>;
  /** After this claim's increment: the claim's fencing token. */
  attempts: number;
  /** The webhook's secret; null when the webhook was removed (or for an e-mail). */
  secret: string | null;
}

interface Outcome {
  id: string;
  attempts: number;
  /** null: delivered. */
  error: string | null;
  /** Retrying cannot help. */
  permanent?: boolean;
}

/** 30 s, 1 min, 2 min, ... doubling after each failed attempt, at most 6 h. */
export function retryDelayMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(attempts - 1, 0), MAX_RETRY_MS);
}

const CLAIM = `
  WITH claimed AS (
    UPDATE notifications SET attempts = attempts + 1, next_attempt_at = $3
     WHERE agency_id = $1 AND (agency_id, id) IN (
       SELECT agency_id, id FROM notifications
        WHERE agency_id = $1 AND status = 'PENDING' AND next_attempt_at <= $2
        ORDER BY next_attempt_at
        LIMIT ${BATCH_SIZE}
        FOR UPDATE SKIP LOCKED)
    RETURNING agency_id, id, channel, webhook_id, target, subject, body, html_body, payload, attempts)
  SELECT c.id, c.channel, c.target, c.subject, c.body, c.html_body AS "htmlBody", c.payload, c.attempts, w.secret
    FROM claimed c
    LEFT JOIN agency_webhooks w ON w.agency_id = c.agency_id AND w.id = c.webhook_id
   WHERE c.agency_id = $1`;

// Only while still PENDING: a second mark (another worker delivered it after a lease ran out) changes nothing.
const MARK_DELIVERED = `
  UPDATE notifications SET status = 'DELIVERED', delivered_at = $2, last_error = NULL
   WHERE agency_id = $1 AND id = ANY($3::uuid[]) AND status = 'PENDING'
  RETURNING id`;

// `attempts = f.attempts`: a worker whose lease ran out cannot overwrite the newer claim of another.
const MARK_FAILED = `
  UPDATE notifications n
     SET status = CASE WHEN f.dead THEN 'DEAD' ELSE 'PENDING' END,
         last_error = f.error,
         next_attempt_at = CASE WHEN f.dead THEN n.next_attempt_at ELSE f.next_attempt_at END
    FROM unnest($2::uuid[], $3::smallint[], $4::text[], $5::timestamptz[], $6::boolean[])
         AS f(id, attempts, error, next_attempt_at, dead)
   WHERE n.agency_id = $1 AND n.id = f.id AND n.attempts = f.attempts AND n.status = 'PENDING'
  RETURNING n.status`;

/**
 * Delivers the outbox of one agency. Delivery is at least once: a worker
 * killed between sending and marking leaves the row PENDING, and it is sent
 * again after the lease. Every send carries the notification's id as its
 * idempotency key (the e-mail's Message-ID, the webhook-id header, the .eml
 * file name), so the receiver keeps one copy: delivered exactly once, as the
 * receiver sees it. The database is never held open during a send: claiming
 * and recording are each their own short transaction.
 */
@Injectable()
export class NotificationDeliveryService {
  private readonly logger = new Logger(NotificationDeliveryService.name);

  constructor(
    private readonly contexts: RequestContextFactory,
    private readonly clock: Clock,
    private readonly mail: MailTransport,
    private readonly webhooks: WebhookSender,
    @Inject(mailConfig.KEY) private readonly config: ConfigType<typeof mailConfig>,
  ) {}

  async deliverDue(agencyId: string): Promise<DeliveryResult> {
    const result = { delivered: 0, failed: 0, dead: 0 };
    for (;;) {
      const batch = await this.claim(agencyId);
      if (batch.length === 0) break;
      const outcomes = await mapConcurrently(batch, CONCURRENCY, (notification) => this.send(agencyId, notification));
      const recorded = await this.record(agencyId, outcomes);
      result.delivered += recorded.delivered;
      result.failed += recorded.failed;
      result.dead += recorded.dead;
    }
    return { ...result, nextAttemptAt: await this.nextAttemptAt(agencyId) };
  }

  /** Takes up to a batch of due notifications, leased to this worker; public for tests that kill a worker here. */
  claim(agencyId: string): Promise<ClaimedNotification[]> {
    const now = this.clock.now();
    return this.contexts.runForAgency(agencyId, JobName.DELIVER_NOTIFICATIONS, (ctx) =>
      ctx.query<ClaimedNotification>(CLAIM, [agencyId, now, new Date(now.getTime() + this.config.claimLeaseMs)]),
    );
  }

  private async send(agencyId: string, notification: ClaimedNotification): Promise<Outcome> {
    const { id, attempts } = notification;
    try {
      if (notification.channel === NotificationChannel.EMAIL) {
        await this.mail.send({
          agencyId,
          notificationId: id,
          to: notification.target,
          subject: notification.subject,
          text: notification.body,
          html: notification.htmlBody ?? undefined,
        });
      } else {
        if (notification.secret === null) return { id, attempts, error: 'The webhook was removed', permanent: true };
        await this.webhooks.send({
          id,
          url: notification.target,
          secret: notification.secret,
          payload: notification.payload,
        });
      }
      return { id, attempts, error: null };
    } catch (error) {
      return { id, attempts, error: (error instanceof Error ? error.message : String(error)) || 'Unknown error' };
    }
  }

  private async record(agencyId: string, outcomes: Outcome[]): Promise<Omit<DeliveryResult, 'nextAttemptAt'>> {
    const now = this.clock.now();
    const succeeded = outcomes.filter((outcome) => outcome.error === null);
    const failures = outcomes.filter((outcome) => outcome.error !== null);
    const dead = (outcome: Outcome) => outcome.permanent === true || outcome.attempts >= this.config.maxAttempts;
    return this.contexts.runForAgency(agencyId, JobName.DELIVER_NOTIFICATIONS, async (ctx) => {
      const delivered = succeeded.length
        ? await ctx.query(MARK_DELIVERED, [agencyId, now, succeeded.map((outcome) => outcome.id)])
        : [];
      const failed = failures.length
        ? await ctx.query<{ status: string }>(MARK_FAILED, [
            agencyId,
            failures.map((outcome) => outcome.id),
            failures.map((outcome) => outcome.attempts),
            failures.map((outcome) => outcome.error!.slice(0, MAX_ERROR_LENGTH)),
            failures.map((outcome) => new Date(now.getTime() + retryDelayMs(outcome.attempts))),
            failures.map(dead),
          ])
        : [];
      const deadCount = failed.filter((row) => row.status === 'DEAD').length;
      if (deadCount > 0) this.logger.warn(`${deadCount} notification(s) of agency ${agencyId} are DEAD`);
      return { delivered: delivered.length, failed: failed.length - deadCount, dead: deadCount };
    });
  }

  private async nextAttemptAt(agencyId: string): Promise<Date | null> {
    const [row] = await this.contexts.runForAgency(agencyId, JobName.DELIVER_NOTIFICATIONS, (ctx) =>
      ctx.query<{ at: Date | null }>(
        `SELECT min(next_attempt_at) AS at FROM notifications WHERE agency_id = $1 AND status = 'PENDING'`,
        [agencyId],
      ),
    );
    return row?.at ?? null;
  }
}

/** Runs `work` over `items`, at most `limit` at a time; `work` must not throw. */
async function mapConcurrently<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}
