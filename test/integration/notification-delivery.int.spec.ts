import { CandidatesModule } from '@lib/candidates';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Clock, ClockModule, FixedClock } from '@lib/clock';
import { ConfigModule } from '@lib/config';
import { ContextModule, RequestContextFactory } from '@lib/context';
import { DatabaseModule } from '@lib/database';
import {
  DeliverNotificationsJob,
  MailTransport,
  NotificationDeliveryService,
  NotificationJobsModule,
  NotificationKick,
  newWebhookSecret,
  verifyWebhookSignature,
} from '@lib/notifications';
import { jobId, JobName, JobQueue, QueueModule } from '@lib/queue';
import { createTestDatabase, TestDatabase, withOwner } from '../support/database';
import { insertAgencyWithAdmin } from '../support/seed';
import { applyTestEnv } from '../support/test-env';

const CLAIM_LEASE_MS = 120000;

const START = '2026-10-05T09:00:00.000Z';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A webhook endpoint on a free local port that answers `status()` and keeps what it received. */
async function startReceiver(status: () => number = () => 204) {
  const received: Received[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.statusCode = status();
      response.end();
    });
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    received,
    close: () => new Promise<void>((closed) => server.close(() => closed())),
  };
}

describe('notification delivery: the outbox, on real PostgreSQL and Redis', () => {
  let db: TestDatabase;
  let app: INestApplicationContext;
  let mailDir: string;
  let clock: FixedClock;
  let delivery: NotificationDeliveryService;
  let mail: MailTransport;

  beforeAll(async () => {
    db = await createTestDatabase();
    mailDir = await mkdtemp(join(tmpdir(), 'notification-mail-'));
    applyTestEnv(db, { MAIL_DIR: mailDir, SMTP_URL: '', NOTIFICATION_MAX_ATTEMPTS: '3', WEBHOOK_TIMEOUT_MS: '2000' });
    clock = new FixedClock(START);
    const moduleRef = await Test.createTestingModule({
      // CandidatesModule: the entity graph reaches candidates (users -> candidates), and TypeORM needs all of it.
      imports: [
        ConfigModule,
        ClockModule,
        DatabaseModule,
        ContextModule,
        QueueModule,
        CandidatesModule,
        NotificationJobsModule,
      ],
    })
      .overrideProvider(Clock)
      .useValue(clock)
      .compile();
    app = await moduleRef.init();
    delivery = app.get(NotificationDeliveryService);
    mail = app.get(MailTransport);
  });

  afterAll(async () => {
    await app.close();
    await db.drop();
    await rm(mailDir, { recursive: true, force: true });
  });

  const owner = <T>(work: Parameters<typeof withOwner<T>>[1]) => withOwner(db.ownerUrl, work);

  const newAgency = () => owner((client) => insertAgencyWithAdmin(client, `n-${randomBytes(4).toString('hex')}`));

  async function addWebhook(agencyId: string, url: string): Promise<{ id: string; secret: string }> {
    const webhook = { id: randomUUID(), secret: newWebhookSecret() };
    await owner((client) =>
      client.query(`INSERT INTO agency_webhooks (agency_id, id, url, secret, created_at) VALUES ($1, $2, $3, $4, $5)`, [
        agencyId,
        webhook.id,
        url,
        webhook.secret,
        clock.now(),
      ]),
    );
    return webhook;
  }

  async function insertEmail(
    agency: { agencyId: string; adminId: string },
    subject = 'Escalation',
    html: string | null = null,
  ): Promise<string> {
    const id = randomUUID();
    await owner((client) =>
      client.query(
        `INSERT INTO notifications (agency_id, id, dedupe_key, kind, channel, recipient_user_id, target, subject, body,
                                    html_body, payload, status, next_attempt_at, created_at)
         VALUES ($1, $2, $3, 'escalation.raised', 'EMAIL', $4, 'admin@example.test', $5, 'Please call HR.', $7, '{}',
                 'PENDING', $6, $6)`,
        [agency.agencyId, id, `test:${id}`, agency.adminId, subject, clock.now(), html],
      ),
    );
    return id;
  }

  async function insertWebhookMessage(agencyId: string, webhook: { id: string }, url: string): Promise<string> {
    const id = randomUUID();
    const payload = { type: 'escalation.raised', data: { notification: id, note: 'café ✓' } };
    await owner((client) =>
      client.query(
        `INSERT INTO notifications (agency_id, id, dedupe_key, kind, channel, webhook_id, target, subject, body,
                                    payload, status, next_attempt_at, created_at)
         VALUES ($1, $2, $3, 'escalation.raised', 'WEBHOOK', $4, $5, 'escalation.raised', '', $6, 'PENDING', $7, $7)`,
        [agencyId, id, `test:${id}`, webhook.id, url, payload, clock.now()],
      ),
    );
    return id;
  }

  const rowsOf = (agencyId: string) =>
    owner(async (client) => {
      const result = await client.query(
        `SELECT id, status, attempts, next_attempt_at, last_error, delivered_at
           FROM notifications WHERE agency_id = $1 ORDER BY id`,
        [agencyId],
      );
      return result.rows as Array<{
        id: string;
        status: string;
        attempts: number;
        next_attempt_at: Date;
        last_error: string | null;
        delivered_at: Date | null;
      }>;
    });

  const filesOf = async (agencyId: string) => (await readdir(join(mailDir, agencyId)).catch(() => [])).sort();

  it("writes one .eml per e-mail under the agency's folder, marks it DELIVERED once, and leaves other agencies alone", async () => {
    const a = await newAgency();
    const b = await newAgency();
    const sent = [await insertEmail(a, 'First'), await insertEmail(a, 'Second')];
    const other = await insertEmail(b);

    expect(await delivery.deliverDue(a.agencyId)).toEqual({ delivered: 2, failed: 0, dead: 0, nextAttemptAt: null });

    expect(await filesOf(a.agencyId)).toEqual(sent.map((id) => `${id}.eml`).sort());
    for (const id of sent) {
      const message = await readFile(join(mailDir, a.agencyId, `${id}.eml`), 'utf8');
      expect(message).toMatch(new RegExp(`^Message-ID: <${id}@recruiting-followup>$`, 'm'));
      expect(message).toMatch(/^To: admin@example\.test$/m);
      expect(message).toContain('Please call HR.');
    }
    const rows = await rowsOf(a.agencyId);
    expect(rows.map((row) => [row.status, row.attempts, row.delivered_at?.toISOString()])).toEqual([
      ['DELIVERED', 1, START],
      ['DELIVERED', 1, START],
    ]);

    // Nothing is due any more: nothing is sent, nothing is written.
    const before = await Promise.all(sent.map((id) => stat(join(mailDir, a.agencyId, `${id}.eml`))));
    clock.advanceSeconds(3600);
    expect(await delivery.deliverDue(a.agencyId)).toEqual({ delivered: 0, failed: 0, dead: 0, nextAttemptAt: null });
    const after = await Promise.all(sent.map((id) => stat(join(mailDir, a.agencyId, `${id}.eml`))));
    expect(after.map((file) => file.mtimeMs)).toEqual(before.map((file) => file.mtimeMs));
    expect(await filesOf(a.agencyId)).toHaveLength(2);
    expect((await rowsOf(a.agencyId)).map((row) => row.attempts)).toEqual([1, 1]);

    // Agency A's runs never touched agency B's row.
    expect(await rowsOf(b.agencyId)).toEqual([expect.objectContaining({ id: other, status: 'PENDING', attempts: 0 })]);
    expect(await filesOf(b.agencyId)).toEqual([]);
  });

  it('sends an e-mail with an HTML body as multipart/alternative, the plain text first', async () => {
    const a = await newAgency();
    const id = await insertEmail(a, 'Report', '<!DOCTYPE html><p>Please call <b>HR</b>.</p>');
    expect(await delivery.deliverDue(a.agencyId)).toMatchObject({ delivered: 1 });
    const message = await readFile(join(mailDir, a.agencyId, `${id}.eml`), 'utf8');
    expect(message).toMatch(/^Content-Type: multipart\/alternative;/m);
    const text = message.indexOf('Content-Type: text/plain');
    const html = message.indexOf('Content-Type: text/html');
    expect(text).toBeGreaterThan(0);
    expect(html).toBeGreaterThan(text);
    expect(message.slice(html)).toContain('<b>HR</b>');
  });

  it('delivers a notification claimed by a worker that died, once, after the lease', async () => {
    const a = await newAgency();
    const id = await insertEmail(a);

    // A worker claims it and is killed before sending.
    expect((await delivery.claim(a.agencyId)).map((row) => row.id)).toEqual([id]);
    const leaseEnd = new Date(clock.now().getTime() + CLAIM_LEASE_MS);
    expect(await delivery.deliverDue(a.agencyId)).toEqual({
      delivered: 0,
      failed: 0,
      dead: 0,
      nextAttemptAt: leaseEnd,
    });

    clock.set(new Date(leaseEnd.getTime() + 1000));
    expect(await delivery.deliverDue(a.agencyId)).toMatchObject({ delivered: 1, nextAttemptAt: null });
    expect(await filesOf(a.agencyId)).toEqual([`${id}.eml`]);
    expect(await rowsOf(a.agencyId)).toEqual([expect.objectContaining({ status: 'DELIVERED', attempts: 2 })]);
  });

  it('sends again, to the same file, what a worker killed between sending and marking had sent', async () => {
    const a = await newAgency();
    const id = await insertEmail(a);

    const [claimed] = await delivery.claim(a.agencyId);
    await mail.send({ agencyId: a.agencyId, notificationId: id, to: claimed!.target, subject: 's', text: 'b' });
    // ...killed here, before the mark.
    clock.advanceSeconds(CLAIM_LEASE_MS / 1000 + 1);

    expect(await delivery.deliverDue(a.agencyId)).toMatchObject({ delivered: 1 });
    expect(await filesOf(a.agencyId)).toEqual([`${id}.eml`]);
    const message = await readFile(join(mailDir, a.agencyId, `${id}.eml`), 'utf8');
    expect(message.match(/^Message-ID: /gm)).toHaveLength(1);
    expect(await rowsOf(a.agencyId)).toEqual([expect.objectContaining({ status: 'DELIVERED' })]);
  });

  it('posts signed webhooks that verify, and never lets two concurrent runs send the same message', async () => {
    const receiver = await startReceiver();
    try {
      const a = await newAgency();
      const b = await newAgency();
      const webhook = await addWebhook(a.agencyId, receiver.url);
      const ids: string[] = [];
      for (let i = 0; i < 60; i++) ids.push(await insertWebhookMessage(a.agencyId, webhook, receiver.url));
      const otherHook = await addWebhook(b.agencyId, receiver.url);
      const other = await insertWebhookMessage(b.agencyId, otherHook, receiver.url);

      const runs = await Promise.all([delivery.deliverDue(a.agencyId), delivery.deliverDue(a.agencyId)]);
      expect(runs[0]!.delivered + runs[1]!.delivered).toBe(60);

      const receivedIds = receiver.received.map((request) => request.headers['webhook-id']);
      expect([...receivedIds].sort()).toEqual([...ids].sort());
      const now = clock.nowSeconds();
      for (const request of receiver.received) {
        expect(request.headers['content-type']).toBe('application/json');
        expect(request.headers['webhook-timestamp']).toBe(String(now));
        expect(verifyWebhookSignature(webhook.secret, request, now)).toBe(true);
        expect(JSON.parse(request.body)).toEqual({
          type: 'escalation.raised',
          data: { notification: request.headers['webhook-id'], note: 'café ✓' },
        });
      }
      const [first] = receiver.received;
      expect(verifyWebhookSignature(otherHook.secret, first!, now)).toBe(false);
      expect(verifyWebhookSignature(webhook.secret, { ...first!, body: `${first!.body} ` }, now)).toBe(false);
      expect(verifyWebhookSignature(webhook.secret, first!, now + 3600)).toBe(false);

      expect((await rowsOf(a.agencyId)).every((row) => row.status === 'DELIVERED' && row.attempts === 1)).toBe(true);
      expect(await rowsOf(b.agencyId)).toEqual([
        expect.objectContaining({ id: other, status: 'PENDING', attempts: 0 }),
      ]);
    } finally {
      await receiver.close();
    }
  });

  it('retries a failing endpoint with a growing backoff, then marks the message DEAD', async () => {
    const receiver = await startReceiver(() => 500);
    try {
      const a = await newAgency();
      const webhook = await addWebhook(a.agencyId, receiver.url);
      await insertWebhookMessage(a.agencyId, webhook, receiver.url);

      const first = await delivery.deliverDue(a.agencyId);
      const retryAt = new Date(clock.now().getTime() + 30_000);
      expect(first).toEqual({ delivered: 0, failed: 1, dead: 0, nextAttemptAt: retryAt });
      expect(await rowsOf(a.agencyId)).toEqual([
        expect.objectContaining({
          status: 'PENDING',
          attempts: 1,
          next_attempt_at: retryAt,
          last_error: 'The endpoint answered HTTP 500',
        }),
      ]);
      // Not due yet: no request.
      expect(await delivery.deliverDue(a.agencyId)).toMatchObject({ failed: 0, nextAttemptAt: retryAt });
      expect(receiver.received).toHaveLength(1);

      clock.set(retryAt);
      const second = await delivery.deliverDue(a.agencyId);
      expect(second).toEqual({ delivered: 0, failed: 1, dead: 0, nextAttemptAt: new Date(retryAt.getTime() + 60_000) });

      clock.set(second.nextAttemptAt!);
      expect(await delivery.deliverDue(a.agencyId)).toEqual({ delivered: 0, failed: 0, dead: 1, nextAttemptAt: null });
      expect(await rowsOf(a.agencyId)).toEqual([
        expect.objectContaining({ status: 'DEAD', attempts: 3, last_error: 'The endpoint answered HTTP 500' }),
      ]);
      expect(receiver.received).toHaveLength(3);
      const row = (await rowsOf(a.agencyId))[0]!;
      expect(row.last_error).not.toContain(webhook.secret);
    } finally {
      await receiver.close();
    }
  });

  it('marks DEAD a message whose webhook was removed, and a refused connection is a retry', async () => {
    const a = await newAgency();
    const removed = await addWebhook(a.agencyId, 'http://127.0.0.1:9/removed');
    const orphan = await insertWebhookMessage(a.agencyId, removed, 'http://127.0.0.1:9/removed');
    await owner((client) => client.query('DELETE FROM agency_webhooks WHERE id = $1', [removed.id]));
    const closed = await addWebhook(a.agencyId, 'http://127.0.0.1:9/closed');
    const refused = await insertWebhookMessage(a.agencyId, closed, 'http://127.0.0.1:9/closed');

    expect(await delivery.deliverDue(a.agencyId)).toMatchObject({ delivered: 0, failed: 1, dead: 1 });
    const rows = new Map((await rowsOf(a.agencyId)).map((row) => [row.id, row]));
    expect(rows.get(orphan)).toMatchObject({ status: 'DEAD', last_error: 'The webhook was removed' });
    expect(rows.get(refused)).toMatchObject({ status: 'PENDING', attempts: 1 });
    expect(rows.get(refused)!.last_error).toMatch(/^The request failed/);
  });

  it('the job plans its next run at the earliest retry, under an id that makes the plan idempotent', async () => {
    const receiver = await startReceiver(() => 503);
    try {
      const a = await newAgency();
      const webhook = await addWebhook(a.agencyId, receiver.url);
      await insertWebhookMessage(a.agencyId, webhook, receiver.url);
      const jobs = app.get(JobQueue);

      const result = await app.get(DeliverNotificationsJob).run({ agencyId: a.agencyId });
      const at = result.nextAttemptAt!.getTime();
      const planned = await jobs
        .queueOf(JobName.DELIVER_NOTIFICATIONS)
        .getJob(jobId(JobName.DELIVER_NOTIFICATIONS, a.agencyId, at));
      expect(planned?.data).toEqual({ agencyId: a.agencyId });
      expect(planned?.opts.delay).toBe(30_000);
      expect(await planned?.getState()).toBe('delayed');
    } finally {
      await receiver.close();
    }
  });

  it('the kick enqueues one delivery job after the commit, and none after a rollback', async () => {
    const a = await newAgency();
    const contexts = app.get(RequestContextFactory);
    const kick = app.get(NotificationKick);
    const queue = app.get(JobQueue).queueOf(JobName.DELIVER_NOTIFICATIONS);
    const kickId = (requestId: string) => jobId(JobName.DELIVER_NOTIFICATIONS, a.agencyId, 'kick', requestId);

    const committed = contexts.create();
    committed.authenticate({ kind: 'system', agencyId: a.agencyId, job: 'test' });
    await contexts.run(committed, async (ctx) => {
      await insertEmail(a);
      kick.afterCommit(ctx);
      kick.afterCommit(ctx);
      expect(await queue.getJob(kickId(ctx.requestId))).toBeUndefined();
    });
    expect((await queue.getJob(kickId(committed.requestId)))?.data).toEqual({ agencyId: a.agencyId });

    const rolledBack = contexts.create();
    rolledBack.authenticate({ kind: 'system', agencyId: a.agencyId, job: 'test' });
    await expect(
      contexts.run(rolledBack, async (ctx) => {
        kick.afterCommit(ctx);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await queue.getJob(kickId(rolledBack.requestId))).toBeUndefined();
  });
});
