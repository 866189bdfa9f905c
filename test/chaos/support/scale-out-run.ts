import { randomBytes } from 'node:crypto';
import { freePort } from '@lib/local-infra';
import { RecomputeAgencyJob } from '@lib/next-steps';
import { withOwner } from '../../support/database';
import { EngineHarness, startEngineHarness } from '../../support/engine-harness';
import { ActiveAgency, ActiveShape, seedActiveAgencies } from './active-agencies';
import { startServingApi } from './api-load';
import { chaosEnv } from './chaos-env';
import { Fleet } from './fleet';
import { ChaosQueues, isDrained } from './job-queues';
import { isSettled, outboxSnapshot, OutboxSnapshot } from './outbox';
import { ChaosInfra } from './own-infra';
import { readOutcome, ScaleOutOutcome } from './scale-out-outcome';
import { SeededRandom } from './seeded-random';
import { waitToSettle } from './settle';
import { LoadShape, LoadTally, planLoad, runLoad } from './spread-load';
import { addStalledBatch, checkAgainstLadder, Ladder, LadderCheck, undisturbedLadder } from './stalled-pipeline';
import { releaseAll } from './wait';
import { WebhookReceiver } from './webhook-receiver';
import { jobRuns, workerMetricsEnv } from './worker-metrics';

const OPS_PASSWORD = 'scale-out operators only';

/** One scenario, the same for every run: only the number of processes changes. */
export interface Scenario {
  seed: number;
  /** The planner's clock: the same moment in every run, so the first plans are the same. */
  plannedAt: string;
  stalled: { agencies: number; applicationsPerAgency: number };
  active: Omit<ActiveShape, 'label' | 'passwordHash'>;
  password: string;
  passwordHash: string;
  load: LoadShape;
  receiver: WebhookReceiver;
  settleTimeoutMs: number;
}

export interface RunReport {
  apis: number;
  workers: number;
  outcome: ScaleOutOutcome;
  ladder: LadderCheck;
  outbox: OutboxSnapshot;
  load: LoadTally;
  /** Requests each API process logged as served (its own access log). */
  servedPerApi: number[];
  /** Job runs each worker process counted (its own metrics), by job name. */
  jobsPerWorker: Array<Record<string, number>>;
  /** Webhook deliveries beyond the first for one message of this run. */
  webhookRepeats: number;
  millis: number;
}

interface Prepared {
  harness: EngineHarness;
  stalled: string[];
  ladder: Ladder;
  active: ActiveAgency[];
}

/**
 * Sets the scenario up on a fresh database: stalled agencies to sweep and busy agencies to load, planned as
 * every event plans them, and the ladder one undisturbed sweep raises for a stalled application.
 */
async function prepare(scenario: Scenario): Promise<Prepared> {
  // Planned in process under a key prefix of its own: none of the planning's jobs reaches the processes' queues.
  const harness = await startEngineHarness(scenario.plannedAt, {
    REDIS_KEY_PREFIX: `scale-plan-${randomBytes(4).toString('hex')}`,
  });
  try {
    const stalled = await addStalledBatch(harness, {
      label: 'scale-out',
      ...scenario.stalled,
      webhookUrl: scenario.receiver.url,
    });
    const active = await withOwner(harness.db.ownerUrl, (client) =>
      seedActiveAgencies(client, { label: 'scale-out', passwordHash: scenario.passwordHash, ...scenario.active }),
    );
    for (const agency of active) await harness.get(RecomputeAgencyJob).run({ agencyId: agency.agencyId });
    const ladder = await undisturbedLadder(harness, stalled[0]!);
    await harness.stop();
    return { harness, stalled, ladder, active };
  } catch (error) {
    await harness.close();
    throw error;
  }
}

/**
 * Runs the scenario with `apis` API processes and `workers` worker processes on one database and one Redis
 * (a fresh database, a key prefix of its own): the load spread over the APIs while sweeps of every agency run
 * on the workers; then waits until every rung is raised, every message delivered and the queues drained, and
 * reads what the run left.
 */
export async function runScaleOut(
  infra: ChaosInfra,
  scenario: Scenario,
  apis: number,
  workers: number,
): Promise<RunReport> {
  const started = Date.now();
  infra.activate();
  const { harness, stalled, ladder, active } = await prepare(scenario);
  const { ownerUrl } = harness.db;
  // The product's own claim lease (chaosEnv shortens it for the kill scenarios): nothing is killed here, so a
  // message delivered twice would be a real fault.
  const setting = chaosEnv(harness.db, infra.redis.url, { NOTIFICATION_CLAIM_LEASE_MS: '120000' });
  const queues = new ChaosQueues(infra.redis.url, setting.keyPrefix);
  const fleet = new Fleet();
  const release = () =>
    releaseAll({
      processes: () => fleet.stopAll(),
      queues: () => queues.close(),
      database: () => harness.db.drop(),
      mail: () => setting.cleanUp(),
    });
  try {
    const metricsPorts = await Promise.all(Array.from({ length: workers }, () => freePort()));
    const [servers] = await Promise.all([
      Promise.all(Array.from({ length: apis }, (_, i) => startServingApi(fleet, setting.env, `api-${i + 1}`))),
      Promise.all(
        metricsPorts.map((port, i) =>
          fleet.startReadyWorker(`worker-${i + 1}`, { ...setting.env, ...workerMetricsEnv(port, OPS_PASSWORD) }),
        ),
      ),
    ]);

    // Two sweeps at once (the 15-minute schedule and an operator's `npm run sweep`) while the load runs, and
    // one after it: every agency's job runs three times, on whichever worker takes it.
    await queues.sweep('during-the-load');
    await queues.sweep('during-the-load-again');
    const load = await runLoad(
      servers,
      active,
      scenario.password,
      planLoad(active, scenario.active.interviewedAt, scenario.load),
      scenario.load.lanes,
      new SeededRandom(scenario.seed),
    );
    await queues.sweep('after-the-load');

    const reading = async () => ({
      ladder: await checkAgainstLadder(ownerUrl, stalled, ladder),
      outbox: await outboxSnapshot(ownerUrl, setting.mailDir, scenario.receiver),
      drained: isDrained(await queues.backlog()),
    });
    const settled = await waitToSettle(
      'every rung raised, every message delivered and the queues drained',
      reading,
      (now) => now.ladder.offLadder.length === 0 && isSettled(now.outbox) && now.drained,
      queues,
      scenario.settleTimeoutMs,
    );
    const webhooks = await withOwner(
      ownerUrl,
      async (client) =>
        (await client.query<{ id: string }>(`SELECT id FROM notifications WHERE channel = 'WEBHOOK'`)).rows,
    );
    const report: RunReport = {
      apis,
      workers,
      outcome: await readOutcome(ownerUrl),
      ladder: settled.ladder,
      outbox: settled.outbox,
      load,
      servedPerApi: servers.map((server) => server.app.messages.filter((msg) => msg === 'request completed').length),
      jobsPerWorker: await Promise.all(metricsPorts.map((port) => jobRuns(port, OPS_PASSWORD))),
      webhookRepeats: webhooks.reduce((sum, { id }) => sum + Math.max(0, scenario.receiver.timesSeen(id) - 1), 0),
      millis: Date.now() - started,
    };
    await release();
    return report;
  } catch (error) {
    const problems = fleet.problems().slice(-40).join('\n');
    await release();
    throw new Error(`${(error as Error).message}\nThe processes' last warnings and errors:\n${problems}`);
  }
}

/** Job runs of one worker, all names together. */
export const totalRuns = (runs: Record<string, number>) => Object.values(runs).reduce((sum, n) => sum + n, 0);
