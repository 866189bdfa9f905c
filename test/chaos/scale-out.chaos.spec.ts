import { PasswordHasher } from '../../libs/auth/src/tokens/password-hasher';
import { settledOutbox } from './support/outbox';
import { ChaosInfra, startChaosInfra } from './support/own-infra';
import { seconds, summary } from './support/report';
import { repeatedRows, sizes, withoutDayDependentPlans } from './support/scale-out-outcome';
import { RunReport, runScaleOut, Scenario, totalRuns } from './support/scale-out-run';
import { chaosSeed } from './support/seeded-random';
import { releaseAll } from './support/wait';
import { WebhookReceiver } from './support/webhook-receiver';

/**
 * Issue 9, item 6: scale-out. The same scenario twice, each time on a fresh database and under a Redis key
 * prefix of its own: once with one API and one worker process, once with two of each on the same PostgreSQL
 * and Redis. The load (sign-ins, follow-ups logged, duplicated at once on two APIs for the stalker guard to
 * settle, candidates created, reads) is spread over the APIs while sweeps of every agency, stalled ones among
 * them, run on the workers. Pass: both runs leave the same escalations, messages (each delivered once),
 * follow-ups, plans, audit entries and candidates, compared as sets without what legitimately differs (random
 * ids, write times); and in the second run both APIs served requests and both workers ran jobs.
 *
 * Deterministic: the rows are seeded with ids derived from names and times derived from one moment of the
 * run; the order of the requests and the API each goes to come from the seed (CHAOS_SEED replays them).
 */
const SEED = chaosSeed();
const HOUR = 60 * 60 * 1000;
const PASSWORD = 'a scale-out passphrase';

const STALLED = { agencies: 8, applicationsPerAgency: 25 };
const ACTIVE = { agencies: 6, applicationsPerAgency: 12 };
const LOAD = { candidatesPerAgency: 5, readsPerApplication: 2, lanes: 12 };
/** Slow enough that deliveries overlap, so that both workers take some. */
const WEBHOOK_DELAY_MS = 5;

describe('scale-out: two API and two worker processes give the results of one of each', () => {
  let infra: ChaosInfra;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    summary(`scale-out seed ${SEED} (CHAOS_SEED=${SEED} replays the same request order and spread)`);
    [infra, receiver] = await Promise.all([startChaosInfra('scale'), WebhookReceiver.start(WEBHOOK_DELAY_MS)]);
  });

  afterAll(() => releaseAll({ receiver: async () => receiver?.close(), infra: async () => infra?.close() }));

  it('leaves the same escalations, messages, follow-ups, plans and audit trail, each once, with 2+2 processes as with 1+1', async () => {
    const now = Date.now();
    const scenario: Scenario = {
      seed: SEED,
      plannedAt: new Date(now).toISOString(),
      stalled: STALLED,
      // Interviewed hours ago: nothing of theirs falls due during the runs, and the follow-ups logged an hour
      // and more after the interview are still in the past.
      active: { ...ACTIVE, interviewedAt: new Date(now - 3 * HOUR) },
      password: PASSWORD,
      passwordHash: await new PasswordHasher().hash(PASSWORD),
      load: LOAD,
      receiver,
      settleTimeoutMs: 60000,
    };
    const single = await runScaleOut(infra, scenario, 1, 1);
    const scaled = await runScaleOut(infra, scenario, 2, 2);
    // The engine plans relative to the day: runs on two days may legitimately plan differently.
    const sameDay = londonDay(now) === londonDay(Date.now());

    const applications = ACTIVE.agencies * ACTIVE.applicationsPerAgency;
    for (const run of [single, scaled]) {
      expect(run.ladder.applications).toBe(STALLED.agencies * STALLED.applicationsPerAgency);
      expect(run.ladder.offLadder).toEqual([]);
      expect(run.ladder.offMessages).toEqual([]);
      expect(run.outbox).toEqual(settledOutbox(run.outbox));
      expect(run.webhookRepeats).toBe(0);
      expect(repeatedRows(run.outcome)).toEqual([]);
      // One of each pair of simultaneous status checks and the reply stored; the other of the pair and the
      // later check refused by the stalker guard; no error anywhere.
      expect(run.load.answers).toEqual({
        login: ACTIVE.agencies,
        'logFollowUp: FollowUp': 2 * applications,
        'logFollowUp: FollowUpTooSoon': 2 * applications,
        'createCandidate: Candidate': ACTIVE.agencies * LOAD.candidatesPerAgency,
        'applications: ok': (3 * applications * LOAD.readsPerApplication) / 2,
        'me: ok': (3 * applications * LOAD.readsPerApplication) / 2,
      });
    }
    const comparable = (run: RunReport) => (sameDay ? run.outcome : withoutDayDependentPlans(run.outcome));
    expect(comparable(scaled)).toEqual(comparable(single));
    // Both processes of each kind took part: otherwise the second run proves nothing the first did not.
    expect(scaled.servedPerApi.filter((served) => served > 0)).toHaveLength(2);
    expect(scaled.jobsPerWorker.filter((runs) => totalRuns(runs) > 0)).toHaveLength(2);

    summary(
      `scale-out: ${STALLED.agencies} stalled agencies x ${STALLED.applicationsPerAgency} applications swept 3 times, ` +
        `${ACTIVE.agencies} busy agencies x ${ACTIVE.applicationsPerAgency} applications under ${single.load.requests} requests ` +
        `(${LOAD.lanes} at a time); the same ${sizes(single.outcome)} in both runs; ` +
        `${runLine(single)}; ${runLine(scaled)}` +
        (sameDay ? '' : '; the runs straddled midnight in London: plans compared by application only'),
    );
  });
});

/** The stalled and busy agencies' time zone is Europe/London: the calendar day there. */
const londonDay = (at: number) => new Date(at).toLocaleDateString('en-GB', { timeZone: 'Europe/London' });

function runLine(run: RunReport): string {
  const jobs = run.jobsPerWorker.map((runs) => totalRuns(runs)).join(' + ');
  return (
    `${run.apis} API(s) + ${run.workers} worker(s) in ${seconds(run.millis)}: requests served ${run.servedPerApi.join(' + ')}, ` +
    `jobs run ${jobs} (${run.ladder.escalations} escalations, ${run.outbox.delivered} messages)`
  );
}
