import { randomBytes } from 'node:crypto';
import { JobName } from '@lib/queue';
import { createTestDatabase, withOwner } from '../support/database';
import { EngineHarness, startEngineHarness } from '../support/engine-harness';
import { measureRecovery } from './support/api-load';
import { chaosEnv, ChaosEnv } from './support/chaos-env';
import { Fleet, WorkerPool } from './support/fleet';
import { ChaosQueues, isDrained } from './support/job-queues';
import { addPendingMessages, createOutboxAgencies, isSettled, outboxSnapshot, settledOutbox } from './support/outbox';
import { ChaosInfra, startChaosInfra } from './support/own-infra';
import { countBy, seconds, summary } from './support/report';
import { waitToSettle } from './support/settle';
import { chaosSeed, SeededRandom } from './support/seeded-random';
import {
  addStalledBatch,
  checkAgainstLadder,
  Ladder,
  LadderCheck,
  undisturbedLadder,
} from './support/stalled-pipeline';
import { releaseAll, sleep, waitFor } from './support/wait';
import { RestartScenario } from './support/restart-scenario';
import { WebhookReceiver } from './support/webhook-receiver';

/**
 * Issue 9, item 5: faults. Workers killed with SIGKILL at random points of sweeps and of deliveries, Redis
 * and PostgreSQL restarted under load. Pass: every escalation and notification exists exactly once
 * afterwards, and the API answers again within a minute without being restarted.
 *
 * Run alone, in band: `npm run test:chaos` (test/chaos/jest.config.js). It starts and owns two pairs of
 * PostgreSQL and redis-server: one never restarted, for the kill scenarios, whose killed workers' jobs are
 * watched until BullMQ gives them back (the last test, so that this minute passes during the restarts); one
 * stopped and started by the restart scenarios. The kill moments and outage lengths come from one seed,
 * printed first; CHAOS_SEED replays them. CHAOS_VERBOSE prints what a slow settle is waiting for.
 */
const SEED = chaosSeed();
const WORKERS = 2;

const SWEEP_ROUNDS = 6;
const AGENCIES_PER_ROUND = 2;
const APPLICATIONS_PER_AGENCY = 40;
/** A round's raising and delivery take about this long; its kill lands somewhere inside. */
const SWEEP_KILL_WINDOW_MS = 2500;

const DELIVERY_ROUNDS = 6;
const OUTBOX_AGENCIES = 4;
const EMAILS_PER_ROUND = 100;
const WEBHOOKS_PER_ROUND = 60;
/** Webhooks answered this slowly stretch delivery, so that kills land in the middle of it. */
const SLOW_WEBHOOK_MS = 25;
const DELIVERY_KILL_WINDOW_MS = 2000;

const OUTAGE_MS = { min: 3000, max: 5000 };
/** The pass mark: the API answers again within a minute of the service being back, without a restart. */
const RECOVERY_LIMIT_MS = 60000;
const SETTLE_TIMEOUT_MS = 90000;
/**
 * BullMQ gives a killed worker's jobs back once their lock (30 s) has run out and a stalled-job check (every
 * 30 s) has seen them twice: up to about a minute after the kill.
 */
const DRAIN_TIMEOUT_MS = 150000;

/** A scenario whose killed workers left jobs behind: held to its outcome once those have run again. */
interface Leftover {
  name: string;
  lastKillAt: number;
  queues: ChaosQueues;
  settled: unknown;
  outcome(): Promise<unknown>;
  release(): Promise<void>;
}

describe('faults: workers killed with SIGKILL, Redis and PostgreSQL restarted under load', () => {
  /** Never restarted, so that the jobs killed workers leave behind can be watched until they have run again. */
  let steady: ChaosInfra;
  /** Stopped and started again by the restart scenarios. */
  let restartable: ChaosInfra;
  const leftovers: Leftover[] = [];
  let sweepScheduleAfterEmptyRedis: boolean | undefined;
  let manualSweepAfterOutage: string | undefined;

  beforeAll(async () => {
    summary(`seed ${SEED} (CHAOS_SEED=${SEED} replays the same kill moments and outage lengths)`);
    [steady, restartable] = await Promise.all([startChaosInfra('kills'), startChaosInfra('restarts')]);
  });

  afterAll(async () => {
    for (const leftover of leftovers.splice(0)) await leftover.release();
    await releaseAll({ kills: async () => steady?.close(), restarts: async () => restartable?.close() });
  });

  it('sweeps killed at random points raise every due rung exactly once, each with its messages exactly once', async () => {
    steady.activate();
    const random = new SeededRandom(SEED + 1);
    const fleet = new Fleet();
    const receiver = await WebhookReceiver.start();
    let harness: EngineHarness | undefined;
    let planning = false;
    let queues: ChaosQueues | undefined;
    let setting: ChaosEnv | undefined;
    const release = () =>
      releaseAll({
        workers: () => fleet.stopAll(),
        queues: async () => queues?.close(),
        receiver: () => receiver.close(),
        planner: async () => planning && (await harness?.stop()),
        database: async () => harness?.db.drop(),
        mail: async () => setting?.cleanUp(),
      });
    const started = Date.now();
    try {
      // Planned in-process under a key prefix of its own: none of the planning's jobs reaches the workers' queues.
      harness = await startEngineHarness(new Date().toISOString(), {
        REDIS_KEY_PREFIX: `chaos-plan-${randomBytes(4).toString('hex')}`,
      });
      planning = true;
      setting = chaosEnv(harness.db, steady.redis.url);
      queues = new ChaosQueues(steady.redis.url, setting.keyPrefix);
      const batch = (round: number) =>
        addStalledBatch(harness!, {
          label: `sweep${round}`,
          agencies: AGENCIES_PER_ROUND,
          applicationsPerAgency: APPLICATIONS_PER_AGENCY,
          webhookUrl: receiver.url,
        });
      const agencyIds = await batch(1);
      const ladder = await undisturbedLadder(harness, agencyIds[0]!);
      const pool = new WorkerPool(fleet, setting.env);
      await pool.start(WORKERS);

      // Each round adds stalled agencies and sweeps, as the 15-minute schedule would, then kills a worker.
      const phases: string[] = [];
      for (let round = 1; round <= SWEEP_ROUNDS; round++) {
        const roundAgencies = round === 1 ? agencyIds : await batch(round);
        if (round > 1) agencyIds.push(...roundAgencies);
        await queues.sweep(`round-${round}`);
        await sleep(random.between(0, SWEEP_KILL_WINDOW_MS));
        phases.push(await phaseOf(harness.db.ownerUrl, roundAgencies, ladder));
        await pool.killOne(random);
      }
      const lastKillAt = Date.now();
      const restarts = await pool.settle();
      await queues.sweep('after-the-restarts');
      // Everything is planned: the planner lets go of its connections while the leftovers are awaited.
      planning = false;
      await harness.stop();

      const { ownerUrl } = harness.db;
      const { mailDir } = setting;
      const outcome = async () => ({
        ladder: await checkAgainstLadder(ownerUrl, agencyIds, ladder),
        outbox: await outboxSnapshot(ownerUrl, mailDir, receiver),
      });
      await waitToSettle(
        'every rung raised and every message delivered',
        outcome,
        (now) => now.ladder.offLadder.length === 0 && isSettled(now.outbox),
        queues,
        SETTLE_TIMEOUT_MS,
      );
      const settledAfter = Date.now() - lastKillAt;

      const settled = await outcome();
      const rungs = ladder.rungs.split(' ').length;
      const applications = agencyIds.length * APPLICATIONS_PER_AGENCY;
      expect(settled.ladder).toEqual<LadderCheck>({
        applications,
        escalations: applications * rungs,
        offLadder: [],
        offMessages: [],
      });
      expect(settled.outbox).toEqual(settledOutbox(settled.outbox));
      expect(settled.outbox.emails).toBe(applications * rungs * ladder.emailsPerEscalation);
      expect(settled.outbox.webhooks).toBe(applications * rungs * ladder.webhooksPerEscalation);
      leftovers.push({ name: 'sweep kills', lastKillAt, queues, settled, outcome, release });

      summary(
        `sweep kills: ${SWEEP_ROUNDS} rounds of ${AGENCIES_PER_ROUND} new agencies x ${APPLICATIONS_PER_AGENCY} stalled applications, ` +
          `${phases.length} SIGKILLs (${countBy(phases)}), restarts ${restarts.map(seconds).join(', ')}; ` +
          `${settled.ladder.escalations} escalations (${rungs} per application) and ` +
          `${settled.outbox.emails + settled.outbox.webhooks} messages exactly once, settled ${seconds(settledAfter)} after the last kill; ` +
          `${receiver.repeats} webhook repeat(s), ${settled.outbox.tempFiles} temp file(s) left by kills; ${failedBoots(pool)}${seconds(Date.now() - started)}`,
      );
    } catch (error) {
      summary(
        `sweep kills FAILED. The processes' last warnings and errors:\n${fleet.problems().slice(-40).join('\n')}`,
      );
      await release();
      throw error;
    }
  });

  it('deliveries killed at random points leave every message DELIVERED once, one file each, webhook-ids stable', async () => {
    steady.activate();
    const random = new SeededRandom(SEED + 2);
    const fleet = new Fleet();
    const db = await createTestDatabase();
    const receiver = await WebhookReceiver.start(SLOW_WEBHOOK_MS).catch(async (error: Error) => {
      await db.drop();
      throw error;
    });
    const setting = chaosEnv(db, steady.redis.url);
    const queues = new ChaosQueues(steady.redis.url, setting.keyPrefix);
    const release = () =>
      releaseAll({
        workers: () => fleet.stopAll(),
        queues: () => queues.close(),
        receiver: () => receiver.close(),
        database: () => db.drop(),
        mail: () => setting.cleanUp(),
      });
    const started = Date.now();
    try {
      const agencies = await withOwner(db.ownerUrl, (client) =>
        createOutboxAgencies(client, OUTBOX_AGENCIES, receiver.url),
      );
      const pool = new WorkerPool(fleet, setting.env);
      await pool.start(WORKERS);

      const pendingAtKills: number[] = [];
      for (let round = 1; round <= DELIVERY_ROUNDS; round++) {
        await withOwner(db.ownerUrl, (client) =>
          addPendingMessages(client, agencies, {
            label: `round${round}`,
            emails: EMAILS_PER_ROUND,
            webhooks: WEBHOOKS_PER_ROUND,
          }),
        );
        // As the transaction that wrote them does once committed (NotificationKick).
        for (const { agencyId } of agencies) await queues.kickDelivery(agencyId, `round-${round}`);
        await sleep(random.between(0, DELIVERY_KILL_WINDOW_MS));
        pendingAtKills.push((await outboxSnapshot(db.ownerUrl, setting.mailDir)).pending);
        await pool.killOne(random);
        // The sweep is delivery's safety net: it wakes the delivery of every agency with messages waiting.
        await queues.sweep(`after-kill-${round}`);
      }
      const lastKillAt = Date.now();
      const restarts = await pool.settle();

      const outcome = () => outboxSnapshot(db.ownerUrl, setting.mailDir, receiver);
      await waitToSettle('every message delivered', outcome, isSettled, queues, SETTLE_TIMEOUT_MS);
      const settledAfter = Date.now() - lastKillAt;

      const settled = await outcome();
      expect(settled).toEqual(settledOutbox(settled));
      expect(settled.emails).toBe(DELIVERY_ROUNDS * OUTBOX_AGENCIES * EMAILS_PER_ROUND);
      expect(settled.webhooks).toBe(DELIVERY_ROUNDS * OUTBOX_AGENCIES * WEBHOOKS_PER_ROUND);
      expect(receiver.distinct).toBe(settled.webhooks);
      leftovers.push({ name: 'delivery kills', lastKillAt, queues, settled, outcome, release });

      summary(
        `delivery kills: ${DELIVERY_ROUNDS} rounds of ${OUTBOX_AGENCIES} x (${EMAILS_PER_ROUND} e-mails + ${WEBHOOKS_PER_ROUND} webhooks), ` +
          `${pendingAtKills.length} SIGKILLs (messages pending at each: ${pendingAtKills.join(', ')}), restarts ${restarts.map(seconds).join(', ')}; ` +
          `${settled.emails} e-mails and ${settled.webhooks} webhooks DELIVERED once, ${settled.emlFiles} .eml files, ` +
          `${receiver.repeats} webhook repeat(s) under the same webhook-id, ${settled.tempFiles} temp file(s) left by kills, ` +
          `settled ${seconds(settledAfter)} after the last kill; ${failedBoots(pool)}${seconds(Date.now() - started)}`,
      );
    } catch (error) {
      summary(
        `delivery kills FAILED. The processes' last warnings and errors:\n${fleet.problems().slice(-40).join('\n')}`,
      );
      await release();
      throw error;
    }
  });

  it('Redis killed under load and started again empty: the API answers within a minute, the worker resumes, nothing doubles', async () => {
    const random = new SeededRandom(SEED + 3);
    const scenario = await RestartScenario.start(restartable, SLOW_WEBHOOK_MS);
    const started = Date.now();
    try {
      // Nothing more to plan: only the processes under test are connected when Redis goes.
      await scenario.stopHarness();
      scenario.load.start();
      await scenario.queues.sweep('before-the-outage');
      await sleep(random.between(300, 1500));

      // Killed, as in a crash: without persistence it comes back empty, every queued job and schedule gone.
      await restartable.redis.stop('SIGKILL');
      const downAt = Date.now();
      await sleep(random.between(OUTAGE_MS.min, OUTAGE_MS.max));
      await restartable.redis.start();
      const backAt = Date.now();
      const recovery = await measureRecovery(scenario.api, scenario.load, backAt, RECOVERY_LIMIT_MS);
      await sleep(2000);
      await scenario.load.stop();

      // The worker resumes: a sweep enqueued now completes, and its safety net delivers what the outage left.
      const sweepId = await scenario.queues.sweep('after-the-restart');
      await waitFor(
        () => scenario.queues.sweepCompleted(sweepId),
        'the sweep enqueued after the restart to complete',
        RECOVERY_LIMIT_MS,
        250,
      ).catch(async (error: Error) => {
        throw new Error(`${error.message}: ${await scenario.describeSweep(sweepId)}`);
      });
      const outcome = await scenario.settle(SETTLE_TIMEOUT_MS);
      sweepScheduleAfterEmptyRedis = await scenario.queues.hasSweepSchedule();

      scenario.expectApiNeverRestarted();
      expect(Math.max(recovery.query, recovery.health, recovery.write)).toBeLessThanOrEqual(RECOVERY_LIMIT_MS);
      expect(outcome.ladder.offLadder).toEqual([]);
      expect(outcome.ladder.offMessages).toEqual([]);
      expect(outcome.outbox).toEqual(settledOutbox(outcome.outbox));
      await scenario.expectEveryAcknowledgedWriteOnce();

      summary(
        `Redis restart: SIGKILLed under ${scenario.load.samples.length} requests, down ${seconds(backAt - downAt)}, back empty; ` +
          `API answered a query ${seconds(recovery.query)}, /health ${seconds(recovery.health)}, a write ${seconds(recovery.write)} after (no restart); ` +
          `requests before ${scenario.load.tally(0, downAt)}, during ${scenario.load.tally(downAt, backAt)}, after ${scenario.load.tally(backAt, Infinity)}; ` +
          `${outcome.ladder.escalations} escalations and ${outcome.outbox.delivered} messages exactly once; ` +
          `15-minute sweep schedule after the restart: ${sweepScheduleAfterEmptyRedis ? 'present' : 'GONE'}; ${seconds(Date.now() - started)}`,
      );
    } catch (error) {
      summary(`Redis restart FAILED. ${scenario.problems()}`);
      throw error;
    } finally {
      await scenario.release();
    }
  });

  it('the worker keeps its schedules (the 15-minute sweep) after Redis came back empty', () => {
    if (sweepScheduleAfterEmptyRedis === undefined) throw new Error('The Redis restart scenario did not get that far');
    // Upserted only when a worker boots (apps/worker/src/schedules.ts): a Redis that lost its data loses them,
    // and with them the sweep that is the safety net of lost wake-ups and lost delivery kicks.
    expect(sweepScheduleAfterEmptyRedis).toBe(true);
  });

  it('PostgreSQL restarted under load: the API answers within a minute, jobs failed meanwhile are retried, nothing doubles', async () => {
    const random = new SeededRandom(SEED + 4);
    // Slower webhooks than elsewhere: the sweep's deliveries are still under way when PostgreSQL goes.
    const scenario = await RestartScenario.start(restartable, 4 * SLOW_WEBHOOK_MS);
    const started = Date.now();
    try {
      scenario.load.start();
      const before = await scenario.queues.sweep('before-the-outage');
      await waitFor(() => scenario.queues.sweepCompleted(before), 'the first sweep to raise its rungs', 30000, 100);
      const retries = await scenario.queues.productRetryOptions();
      // New stalled agencies, for the sweeps that will fail during the outage.
      await scenario.addBatch();
      await scenario.stopHarness();

      // A fast shutdown: PostgreSQL ends every session, in a transaction or idle in the pools.
      await restartable.postgres.stop();
      const downAt = Date.now();
      // Meanwhile the 15-minute schedule comes round (its jobs carry the queues' retries), and an operator runs
      // `npm run sweep` (the script itself).
      const scheduled = await scenario.queues.sweep('scheduled-during-the-outage', retries);
      const manual = await scenario.queues.runSweepCommand();
      await sleep(Math.max(0, random.between(OUTAGE_MS.min, OUTAGE_MS.max) - (Date.now() - downAt)));
      await restartable.postgres.start();
      const backAt = Date.now();
      const recovery = await measureRecovery(scenario.api, scenario.load, backAt, RECOVERY_LIMIT_MS);
      await sleep(2000);
      await scenario.load.stop();

      await waitFor(
        () => scenario.queues.sweepCompleted(scheduled),
        'the sweep that failed during the outage to be retried to completion',
        RECOVERY_LIMIT_MS,
        250,
      ).catch(async (error: Error) => {
        throw new Error(`${error.message}: ${await scenario.describeSweep(scheduled)}`);
      });
      const attempts = await scenario.queues.attemptsOf(JobName.ESCALATION_SWEEP, scheduled);
      const outcome = await scenario.settle(SETTLE_TIMEOUT_MS);
      manualSweepAfterOutage = await scenario.queues.describe(JobName.ESCALATION_SWEEP, manual);
      const failedRuns = await scenario.failedJobRuns();

      scenario.expectApiNeverRestarted();
      expect(Math.max(recovery.query, recovery.health, recovery.write)).toBeLessThanOrEqual(RECOVERY_LIMIT_MS);
      // It failed while PostgreSQL was down, and was tried again once it was back.
      expect(attempts).toBeGreaterThanOrEqual(2);
      expect(outcome.ladder.offLadder).toEqual([]);
      expect(outcome.ladder.offMessages).toEqual([]);
      expect(outcome.outbox).toEqual(settledOutbox(outcome.outbox));
      await scenario.expectEveryAcknowledgedWriteOnce();

      summary(
        `PostgreSQL restart: stopped under ${scenario.load.samples.length} requests, down ${seconds(backAt - downAt)}; ` +
          `API answered a query ${seconds(recovery.query)}, /health ${seconds(recovery.health)}, a write ${seconds(recovery.write)} after (no restart); ` +
          `requests before ${scenario.load.tally(0, downAt)}, during ${scenario.load.tally(downAt, backAt)}, after ${scenario.load.tally(backAt, Infinity)}; ` +
          `job runs failed in the outage: ${JSON.stringify(failedRuns)}; the scheduled sweep completed after ${attempts} attempts; ` +
          `the \`npm run sweep\` one: ${manualSweepAfterOutage}; ` +
          `${outcome.ladder.escalations} escalations and ${outcome.outbox.delivered} messages exactly once, ` +
          `${scenario.receiver.repeats} webhook repeat(s); ${seconds(Date.now() - started)}`,
      );
    } catch (error) {
      summary(`PostgreSQL restart FAILED. ${scenario.problems()}`);
      throw error;
    } finally {
      await scenario.release();
    }
  });

  it('a sweep enqueued with `npm run sweep` while PostgreSQL is down is retried once it is back', () => {
    if (manualSweepAfterOutage === undefined) throw new Error('The PostgreSQL restart scenario did not get that far');
    // scripts/run-sweep.ts opens its own Queue: unless it carries QueueModule's job options (5 attempts, backoff),
    // its job gets one attempt, and fails for good when the database does not answer.
    expect(manualSweepAfterOutage).toMatch(/: completed, /);
  });

  // Last, so that the minute BullMQ takes to give a killed worker's jobs back passes during the restarts above.
  it('the jobs that killed workers left behind run again later and change nothing', async () => {
    const drained: string[] = [];
    for (const leftover of leftovers) {
      await waitFor(
        async () => isDrained(await leftover.queues.backlog()),
        `the queues of "${leftover.name}" to drain`,
        Math.max(0, leftover.lastKillAt + DRAIN_TIMEOUT_MS - Date.now()),
        500,
      ).catch(async (error: Error) => {
        throw new Error(`${error.message}; still there: ${await leftover.queues.unfinished()}`);
      });
      const failures = await leftover.queues.failures();
      drained.push(
        `${leftover.name} drained ${seconds(Date.now() - leftover.lastKillAt)} after its last kill ` +
          `(jobs failed for good: ${failures.join('; ') || 'none'})`,
      );
      expect(await leftover.outcome()).toEqual(leftover.settled);
    }
    summary(`leftovers: ${drained.join('; ') || 'none (the kill scenarios failed)'}`);
    for (const leftover of leftovers.splice(0)) await leftover.release();
  });
});

/** Where a round stood when its kill landed: still raising its rungs, delivering messages, or done. */
/** The workers that ended on their own before they were ready and were started again, if any: never silent. */
function failedBoots(pool: WorkerPool): string {
  const failed = pool.bootFailures();
  return failed.length === 0
    ? ''
    : `${failed.length} boot(s) ended on their own and started again: ${failed.join('; ')}; `;
}

async function phaseOf(ownerUrl: string, agencyIds: string[], ladder: Ladder): Promise<string> {
  const expected = agencyIds.length * APPLICATIONS_PER_AGENCY * ladder.rungs.split(' ').length;
  return withOwner(ownerUrl, async (client) => {
    const raised = Number(
      (await client.query('SELECT count(*) AS n FROM escalations WHERE agency_id = ANY($1::uuid[])', [agencyIds]))
        .rows[0].n,
    );
    if (raised < expected) return 'raising';
    const pending = Number(
      (await client.query(`SELECT count(*) AS n FROM notifications WHERE status = 'PENDING'`)).rows[0].n,
    );
    return pending > 0 ? 'delivering' : 'idle';
  });
}
