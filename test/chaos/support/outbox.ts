import { randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { newWebhookSecret } from '@lib/notifications';
import { Client } from 'pg';
import { withOwner } from '../../support/database';
import { insertAgencyWithAdmin } from '../../support/seed';
import { WebhookReceiver } from './webhook-receiver';

export interface OutboxAgency {
  agencyId: string;
  adminId: string;
  webhookId: string;
}

/** Agencies with an admin (the e-mail recipient) and one webhook to `webhookUrl`. */
export async function createOutboxAgencies(client: Client, count: number, webhookUrl: string): Promise<OutboxAgency[]> {
  const agencies: OutboxAgency[] = [];
  for (let i = 0; i < count; i++) {
    const { agencyId, adminId } = await insertAgencyWithAdmin(client, `outbox-${randomUUID().slice(0, 8)}`);
    const webhookId = randomUUID();
    await client.query(
      `INSERT INTO agency_webhooks (agency_id, id, url, secret, created_at) VALUES ($1, $2, $3, $4, now())`,
      [agencyId, webhookId, webhookUrl, newWebhookSecret()],
    );
    agencies.push({ agencyId, adminId, webhookId });
  }
  return agencies;
}

/** PENDING e-mails and webhook messages, due now, interleaved so that every claimed batch holds both kinds. */
export async function addPendingMessages(
  client: Client,
  agencies: OutboxAgency[],
  perAgency: { label: string; emails: number; webhooks: number },
): Promise<void> {
  for (const { agencyId, adminId, webhookId } of agencies) {
    await client.query(
      `INSERT INTO notifications (agency_id, id, dedupe_key, kind, channel, recipient_user_id, target, subject, body,
                                  payload, status, next_attempt_at, created_at)
       SELECT $1, gen_random_uuid(), 'chaos:' || $3 || ':email:' || i, 'escalation.raised', 'EMAIL', $2,
              'admin@chaos.test', 'Chaos ' || i, 'Please call HR.', '{}', 'PENDING',
              now() + i * interval '1 microsecond', now()
         FROM generate_series(1, $4::int) i`,
      [agencyId, adminId, perAgency.label, perAgency.emails],
    );
    await client.query(
      `INSERT INTO notifications (agency_id, id, dedupe_key, kind, channel, webhook_id, target, subject, body,
                                  payload, status, next_attempt_at, created_at)
       SELECT $1, gen_random_uuid(), 'chaos:' || $3 || ':webhook:' || i, 'escalation.raised', 'WEBHOOK', $2,
              w.url, 'escalation.raised', '', jsonb_build_object('type', 'escalation.raised', 'data', jsonb_build_object('n', i)),
              'PENDING', now() + i * interval '1 microsecond', now()
         FROM generate_series(1, $4::int) i
         JOIN agency_webhooks w ON w.agency_id = $1 AND w.id = $2`,
      [agencyId, webhookId, perAgency.label, perAgency.webhooks],
    );
  }
}

export interface OutboxSnapshot {
  emails: number;
  webhooks: number;
  delivered: number;
  pending: number;
  dead: number;
  /** Rows sharing an (agency, dedupe key): a notification written twice. */
  doubledKeys: number;
  /** .eml files in MAIL_DIR, one per e-mail notification when all is well. */
  emlFiles: number;
  /** E-mail notifications marked DELIVERED without their file. */
  deliveredWithoutFile: number;
  /** .eml files that belong to no e-mail notification. */
  strayFiles: number;
  /** Temp files a writer killed between write and rename left behind (never a half .eml). */
  tempFiles: number;
  /** Webhook notifications the receiver never saw (when a receiver is given). */
  webhooksNeverReceived: number;
}

async function filesUnder(mailDir: string): Promise<string[]> {
  const agencies = await readdir(mailDir).catch(() => [] as string[]);
  const files: string[] = [];
  for (const agency of agencies) {
    for (const name of await readdir(join(mailDir, agency)).catch(() => [] as string[]))
      files.push(`${agency}/${name}`);
  }
  return files;
}

/** The outbox as the database, MAIL_DIR and the webhook receiver see it, side by side. */
export async function outboxSnapshot(
  ownerUrl: string,
  mailDir: string,
  receiver?: WebhookReceiver,
): Promise<OutboxSnapshot> {
  const { rows, doubledKeys } = await withOwner(ownerUrl, async (client) => ({
    rows: (
      await client.query<{ agency_id: string; id: string; channel: string; status: string }>(
        'SELECT agency_id, id, channel, status FROM notifications',
      )
    ).rows,
    doubledKeys: Number(
      (
        await client.query(
          `SELECT count(*) AS n FROM (SELECT 1 FROM notifications GROUP BY agency_id, dedupe_key HAVING count(*) > 1) d`,
        )
      ).rows[0].n,
    ),
  }));
  const files = await filesUnder(mailDir);
  const emlFiles = new Set(files.filter((file) => file.endsWith('.eml')));
  const emails = rows.filter((row) => row.channel === 'EMAIL');
  const emailFiles = new Set(emails.map((row) => `${row.agency_id}/${row.id}.eml`));
  const webhooks = rows.filter((row) => row.channel === 'WEBHOOK');
  return {
    emails: emails.length,
    webhooks: webhooks.length,
    delivered: rows.filter((row) => row.status === 'DELIVERED').length,
    pending: rows.filter((row) => row.status === 'PENDING').length,
    dead: rows.filter((row) => row.status === 'DEAD').length,
    doubledKeys,
    emlFiles: emlFiles.size,
    deliveredWithoutFile: emails.filter(
      (row) => row.status === 'DELIVERED' && !emlFiles.has(`${row.agency_id}/${row.id}.eml`),
    ).length,
    strayFiles: [...emlFiles].filter((file) => !emailFiles.has(file)).length,
    tempFiles: files.filter((file) => file.endsWith('.tmp')).length,
    webhooksNeverReceived: receiver ? webhooks.filter((row) => !receiver.timesSeen(row.id)).length : 0,
  };
}

/** What a settled outbox must look like: every message DELIVERED once, its file or its request there. */
export function settledOutbox(snapshot: OutboxSnapshot): OutboxSnapshot {
  return {
    ...snapshot,
    delivered: snapshot.emails + snapshot.webhooks,
    pending: 0,
    dead: 0,
    doubledKeys: 0,
    emlFiles: snapshot.emails,
    deliveredWithoutFile: 0,
    strayFiles: 0,
    webhooksNeverReceived: 0,
    // A worker killed between writing a temp file and renaming it leaves one; harmless, reported, not judged.
    tempFiles: snapshot.tempFiles,
  };
}

export const isSettled = (snapshot: OutboxSnapshot) =>
  JSON.stringify(snapshot) === JSON.stringify(settledOutbox(snapshot));
