import { randomBytes } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { JobName, JobQueue } from '@lib/queue';
import type { Queue } from 'bullmq';
import { Client } from 'pg';
import { bootReportServices } from '../report/report-services';
import { BenchContext, SectionResult } from '../support/bench-context';
import { ratio } from '../support/results-table';
import { ms, sample, timed } from '../support/timing';
import { restoreSweepState } from './sweep-state';
import { startWorker } from './worker-process';

/** The Monday after the seeded week: the seeded rungs due by then are raised, and last week's reports made. */
const BENCH_NOW = new Date('2026-11-23T00:00:00Z');
const POLL_MS = 5;
const STEADY_SWEEPS = 5;
const DRAIN_TIMEOUT_MS = 30 * 60_000;

/** What the sweep's own statement reads, every next step, counted by a plain sequential scan. */
const COUNT_NEXT_STEPS = `SELECT count(*)::int AS n FROM application_next_steps`;
/** Every row the weekly reports read, for every agency at once, by plain scans. */
const COUNT_REPORT_ROWS = `
  SELECT (SELECT count(*) FROM applications) + (SELECT count(*) FROM candidates) + (SELECT count(*) FROM interviews)
       + (SELECT count(*) FROM debriefs) + (SELECT count(*) FROM follow_ups) + (SELECT count(*) FROM reference_signals)
       + (SELECT count(*) FROM application_stage_changes) + (SELECT count(*) FROM escalations) AS n`;

/** The seeded agencies' webhooks, pointed at a local receiver that accepts everything: deliveries stay on the machine. */
async function webhookReceiver(ownerUrl: string): Promise<Server> {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => response.writeHead(204).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await withOwner(ownerUrl, (owner) =>
    owner.query(`UPDATE agency_webhooks SET url = 'http://127.0.0.1:${port}/hooks/' || id`),
  );
  return server;
}

async function withOwner<T>(ownerUrl: string, work: (owner: Client) => Promise<T>): Promise<T> {
  const owner = new Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    return await work(owner);
  } finally {
    await owner.end();
  }
}

/** Plain sequential scans, as the owner: no index, no row-level security. */
function scanTime(ownerUrl: string, sql: string): Promise<{ median: number; rows: number }> {
  return withOwner(ownerUrl, async (owner) => {
    await owner.query(`SET enable_indexscan = off; SET enable_bitmapscan = off; SET enable_indexonlyscan = off`);
    let rows = 0;
    const times = await sample(3, async () => {
      rows = (await owner.query<{ n: string }>(sql)).rows[0]!.n as unknown as number;
    });
    return { median: times.median, rows: Number(rows) };
  });
}

/**
 * Until no job of `queue` waits or runs. Delayed jobs are not waited for: the
 * engine plans each application's next wake-up as a delayed job, due days
 * later. A failed job fails the bench, whose figures would lie.
 */
async function drained(queue: Queue): Promise<void> {
  const deadline = Date.now() + DRAIN_TIMEOUT_MS;
  for (;;) {
    const counts = await queue.getJobCounts('waiting', 'active', 'prioritized', 'waiting-children', 'failed');
    if (counts.failed! > 0) {
      const [failed] = await queue.getFailed(0, 0);
      throw new Error(`${counts.failed} job(s) of ${queue.name} failed, e.g. ${failed?.name}: ${failed?.failedReason}`);
    }
    const pending = counts.waiting! + counts.active! + counts.prioritized! + counts['waiting-children']!;
    if (pending === 0) return;
    if (Date.now() > deadline) throw new Error(`${queue.name} still has ${pending} jobs after ${DRAIN_TIMEOUT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/**
 * Until no message due waits for delivery: a delivery job ends with a batch.
 * A message whose attempt failed waits for a retry the worker's fixed clock
 * never reaches, and the sweep leaves it alone until it falls due.
 */
async function delivered(ownerUrl: string): Promise<void> {
  const deadline = Date.now() + DRAIN_TIMEOUT_MS;
  for (;;) {
    const pending = await withOwner(ownerUrl, async (owner) =>
      Number(
        (
          await owner.query(`SELECT count(*) FROM notifications WHERE status = 'PENDING' AND next_attempt_at <= $1`, [
            BENCH_NOW,
          ])
        ).rows[0].count,
      ),
    );
    if (pending === 0) return;
    if (Date.now() > deadline) throw new Error(`${pending} messages still pending after ${DRAIN_TIMEOUT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10 * POLL_MS));
  }
}

/**
 * The worker at work, as a child process: the escalation sweep over every
 * agency's open applications, then last week's report of every agency, each
 * timed from enqueueing to the last job done, against plain scans of the rows
 * it reads; and the worker's peak memory.
 */
export async function benchWorker(ctx: BenchContext): Promise<SectionResult> {
  await restoreSweepState(ctx.ownerUrl, BENCH_NOW);
  const receiver = await webhookReceiver(ctx.ownerUrl);
  const due = await withOwner(ctx.ownerUrl, async (owner) =>
    Number(
      (await owner.query(`SELECT count(*) FROM application_next_steps WHERE escalation_due_at <= $1`, [BENCH_NOW]))
        .rows[0].count,
    ),
  );
  const sweepScan = await scanTime(ctx.ownerUrl, COUNT_NEXT_STEPS);
  const reportScan = await scanTime(ctx.ownerUrl, COUNT_REPORT_ROWS);
  const app: INestApplicationContext = await bootReportServices(ctx.ownerUrl, ctx.appUrl, ctx.redisUrl);
  const jobs = app.get(JobQueue);
  const worker = await startWorker({
    DATABASE_URL: ctx.ownerUrl,
    DATABASE_APP_URL: ctx.appUrl,
    REDIS_URL: ctx.redisUrl,
    REDIS_KEY_PREFIX: process.env.REDIS_KEY_PREFIX!,
    AUTH_JWT_SECRET: randomBytes(32).toString('base64url'),
    LOG_LEVEL: 'warn',
    MAIL_DIR: join(tmpdir(), 'bench-worker-mail'),
    BENCH_NOW: BENCH_NOW.toISOString(),
  });
  try {
    ctx.log(`Sweep: ${sweepScan.rows} next steps, ${due} rungs due; ${ctx.agencyIds.length} agencies`);
    let fannedOut = 0;
    const sweepOnce = () =>
      timed(async () => {
        const id = `bench-sweep-${randomBytes(4).toString('hex')}`;
        await jobs.add(JobName.ESCALATION_SWEEP, {}, { jobId: id });
        await drained(jobs.queueOf(JobName.ESCALATION_SWEEP));
        fannedOut = Number((await jobs.queueOf(JobName.ESCALATION_SWEEP).getJob(id))?.returnvalue);
      });
    const sweep = await sweepOnce();
    const raised = await withOwner(ctx.ownerUrl, async (owner) =>
      Number((await owner.query(`SELECT count(*) FROM escalations WHERE raised_at = $1`, [BENCH_NOW])).rows[0].count),
    );
    ctx.log(`Sweep: ${raised} escalations raised in ${ms(sweep)}; delivering their messages`);
    await drained(jobs.queueOf(JobName.DELIVER_NOTIFICATIONS));
    await delivered(ctx.ownerUrl);
    // The quarter-hourly sweep of a steady day: the same clock, every due rung raised, every message delivered,
    // and the catch-up's other work (its wake-ups share the sweep's queue) done. Median of a few: each is short.
    await drained(jobs.queueOf(JobName.ESCALATION_SWEEP));
    const steadyRuns: number[] = [];
    for (let run = 0; run < STEADY_SWEEPS; run++) steadyRuns.push(await sweepOnce());
    const steadySweep = [...steadyRuns].sort((a, b) => a - b)[Math.floor(STEADY_SWEEPS / 2)]!;
    const steadyAgencies = fannedOut;
    ctx.log(`Sweep with nothing due: ${steadyRuns.map(ms).join(', ')}`);
    ctx.log(`Weekly reports of ${ctx.agencyIds.length} agencies`);
    const reports = await timed(async () => {
      await jobs.addBulk(
        JobName.WEEKLY_REPORT,
        ctx.agencyIds.map((agencyId) => ({
          payload: { agencyId },
          options: { jobId: `bench-report-${agencyId}-${Date.now()}` },
        })),
      );
      await drained(jobs.queueOf(JobName.WEEKLY_REPORT));
    });
    const stored = await withOwner(ctx.ownerUrl, async (owner) =>
      Number(
        (await owner.query(`SELECT count(*) FROM pipeline_reports WHERE generated_at = $1`, [BENCH_NOW])).rows[0].count,
      ),
    );
    if (stored !== ctx.agencyIds.length)
      throw new Error(`${stored} weekly reports stored for ${ctx.agencyIds.length} agencies`);
    const peakMiB = worker.peakMiB();
    const perSecond = (count: number, millis: number) => Math.round(count / (millis / 1000)).toLocaleString('en');
    return {
      rows: [
        {
          measure: 'Escalation sweep, Monday catch-up',
          product: ms(sweep),
          baseline: ms(sweepScan.median),
          ratio: ratio(sweep, sweepScan.median),
          target: '≤ 3.00x',
          notes:
            `${sweepScan.rows.toLocaleString('en')} open applications (${perSecond(sweepScan.rows, sweep)}/s) in ${ctx.agencyIds.length} agencies, ` +
            `${raised.toLocaleString('en')} rungs raised with their messages; enqueue to last agency job done, worker concurrency 4; ` +
            'baseline: one sequential scan counting the same next steps',
        },
        {
          measure: 'Escalation sweep, nothing due',
          product: ms(steadySweep),
          baseline: ms(sweepScan.median),
          ratio: ratio(steadySweep, sweepScan.median),
          target: '≤ 3.00x',
          notes:
            `the same sweep again at the same time, every due rung raised: the quarter-hourly sweep of a steady day, ` +
            `median of ${STEADY_SWEEPS} ` +
            `(${perSecond(sweepScan.rows, steadySweep)} applications/s); one index probe per agency ` +
            '(agencies_with_due_escalations), and a job only for an agency with a rung or a message due: ' +
            `${steadyAgencies} of ${ctx.agencyIds.length} had one`,
        },
        {
          measure: 'Weekly report, every agency',
          product: ms(reports),
          baseline: ms(reportScan.median),
          ratio: ratio(reports, reportScan.median),
          target: '—',
          notes:
            `${stored} reports generated, stored and mailed (${perSecond(stored, reports)}/s), one job each; ` +
            `baseline: sequential scans counting every row they read (${reportScan.rows.toLocaleString('en')})`,
        },
      ],
      peaks: [{ process: 'Worker (sweep, then every agency’s report)', peakMiB }],
    };
  } finally {
    await worker.stop();
    await app.close();
    await new Promise((resolve) => receiver.close(resolve));
  }
}
