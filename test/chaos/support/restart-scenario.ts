import { randomBytes } from 'node:crypto';
import { freePort } from '@lib/local-infra';
import { jobId, JobName } from '@lib/queue';
import { withOwner } from '../../support/database';
import { EngineHarness, startEngineHarness } from '../../support/engine-harness';
import { GraphqlLoad, ServingApi, signUpLoadTarget, startServingApi } from './api-load';
import { chaosEnv, ChaosEnv } from './chaos-env';
import { Fleet } from './fleet';
import { ChaosQueues } from './job-queues';
import { isSettled, OutboxSnapshot, outboxSnapshot } from './outbox';
import { ChaosInfra } from './own-infra';
import { summary } from './report';
import { waitToSettle } from './settle';
import { addStalledBatch, checkAgainstLadder, Ladder, LadderCheck, undisturbedLadder } from './stalled-pipeline';
import { releaseAll } from './wait';
import { WebhookReceiver } from './webhook-receiver';
import { failedJobRuns, workerMetricsEnv } from './worker-metrics';

const RESTART_AGENCIES = 2;
const RESTART_APPLICATIONS = 40;
const OPS_PASSWORD = 'chaos operators only';

/**
 * What both restart scenarios need: stalled agencies planned, a webhook receiver, the API and a worker as
 * processes, and an agency signed up through the API whose requests make the load.
 */
export class RestartScenario {
  readonly batches: string[][] = [];
  private harnessRunning = true;

  private constructor(
    private readonly harness: EngineHarness,
    private readonly ladder: Ladder,
    private readonly setting: ChaosEnv,
    private readonly fleet: Fleet,
    readonly receiver: WebhookReceiver,
    readonly queues: ChaosQueues,
    readonly api: ServingApi,
    readonly load: GraphqlLoad,
    private readonly metricsPort: number,
  ) {}

  static async start(infra: ChaosInfra, webhookDelayMs: number): Promise<RestartScenario> {
    infra.activate();
    const fleet = new Fleet();
    const harness = await startEngineHarness(new Date().toISOString(), {
      REDIS_KEY_PREFIX: `chaos-plan-${randomBytes(4).toString('hex')}`,
    });
    const receiver = await WebhookReceiver.start(webhookDelayMs).catch(async (error: Error) => {
      await harness.close();
      throw error;
    });
    const setting = chaosEnv(harness.db, infra.redis.url);
    const queues = new ChaosQueues(infra.redis.url, setting.keyPrefix);
    try {
      const first = await addStalledBatch(harness, RestartScenario.shape(receiver, 1));
      const ladder = await undisturbedLadder(harness, first[0]!);
      const metricsPort = await freePort();
      const [api] = await Promise.all([
        startServingApi(fleet, setting.env),
        fleet.startReadyWorker('worker', { ...setting.env, ...workerMetricsEnv(metricsPort, OPS_PASSWORD) }),
      ]);
      const load = new GraphqlLoad(api, await signUpLoadTarget(api));
      const scenario = new RestartScenario(harness, ladder, setting, fleet, receiver, queues, api, load, metricsPort);
      scenario.batches.push(first);
      return scenario;
    } catch (error) {
      summary(
        `The restart scenario did not start. The processes' warnings and errors:\n${fleet.problems().join('\n')}`,
      );
      await releaseAll({
        processes: () => fleet.stopAll(),
        queues: () => queues.close(),
        receiver: () => receiver.close(),
        database: () => harness.close(),
        mail: () => setting.cleanUp(),
      });
      throw error;
    }
  }

  private static shape(receiver: WebhookReceiver, batch: number) {
    return {
      label: `restart${randomBytes(3).toString('hex')}-${batch}`,
      agencies: RESTART_AGENCIES,
      applicationsPerAgency: RESTART_APPLICATIONS,
      webhookUrl: receiver.url,
    };
  }

  /** Every agency a sweep fans out to: the stalled batches and the agency signed up for the load. */
  agencies(): string[] {
    return [...this.batches.flat(), this.load.target.agency.agencyId];
  }

  /** The sweep's job and its agency jobs, each with its state, for a failure message. */
  async describeSweep(sweepId: string): Promise<string> {
    const jobs = [await this.queues.describe(JobName.ESCALATION_SWEEP, sweepId)];
    for (const agencyId of this.agencies()) {
      jobs.push(await this.queues.describe(JobName.ESCALATE_AGENCY, jobId(JobName.ESCALATE_AGENCY, sweepId, agencyId)));
    }
    return jobs.join('; ');
  }

  failedJobRuns(): Promise<Record<string, number>> {
    return failedJobRuns(this.metricsPort, OPS_PASSWORD);
  }

  async addBatch(): Promise<void> {
    this.batches.push(
      await addStalledBatch(this.harness, RestartScenario.shape(this.receiver, this.batches.length + 1)),
    );
  }

  /** The in-process planner lets go of its connections before an outage: only the processes under test live through it. */
  async stopHarness(): Promise<void> {
    if (!this.harnessRunning) return;
    this.harnessRunning = false;
    await this.harness.stop();
  }

  /** Waits until every batch's rungs are raised and every message delivered, and returns how it stands. */
  async settle(timeoutMs: number): Promise<{ ladder: LadderCheck; outbox: OutboxSnapshot }> {
    const outcome = async () => ({
      ladder: await checkAgainstLadder(this.harness.db.ownerUrl, this.batches.flat(), this.ladder),
      outbox: await outboxSnapshot(this.harness.db.ownerUrl, this.setting.mailDir, this.receiver),
    });
    return waitToSettle(
      'every rung raised and every message delivered',
      outcome,
      (now) => now.ladder.offLadder.length === 0 && isSettled(now.outbox),
      this.queues,
      timeoutMs,
    );
  }

  /** The same API process served throughout: it recovered by itself. */
  expectApiNeverRestarted(): void {
    expect({ exitCode: this.api.app.child.exitCode, signal: this.api.app.child.signalCode }).toEqual({
      exitCode: null,
      signal: null,
    });
  }

  /** Each reply the API acknowledged is stored once; one it never answered may or may not be. */
  async expectEveryAcknowledgedWriteOnce(): Promise<void> {
    const stored = await withOwner(this.harness.db.ownerUrl, async (client) =>
      Number(
        (
          await client.query('SELECT count(*) AS n FROM follow_ups WHERE application_id = $1', [
            this.load.target.application,
          ])
        ).rows[0].n,
      ),
    );
    expect(stored).toBeGreaterThanOrEqual(this.load.acknowledgedWrites);
    expect(stored).toBeLessThanOrEqual(this.load.acknowledgedWrites + this.load.unansweredWrites);
  }

  problems(): string {
    return `The processes' last warnings and errors:\n${this.fleet.problems().slice(-40).join('\n')}`;
  }

  release(): Promise<void> {
    return releaseAll({
      load: () => this.load.stop(),
      processes: () => this.fleet.stopAll(),
      queues: () => this.queues.close(),
      receiver: () => this.receiver.close(),
      planner: () => this.stopHarness(),
      database: () => this.harness.db.drop(),
      mail: () => this.setting.cleanUp(),
    });
  }
}
