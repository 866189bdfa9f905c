/**
 * `npm run bench`, section "Counselor dashboard": the GraphQL query a
 * counselor's client opens with (50 candidates with their applications, last
 * follow-up, next step, open escalations), against a raw baseline in the same
 * run: a bare Fastify route with hand-written SQL over `pg` answering the
 * same JSON. Both are separate processes loaded from this one, first to
 * saturation (autocannon), then at a fixed rate the baseline holds with a
 * p99 under 10 ms (a paced open-loop load).
 */
import { DEFAULT_APPLICATION_NAME } from '@lib/database';
import { BenchContext, SectionResult } from '../support/bench-context';
import { cpuUsedDuring, CpuUse } from '../support/cpu-use';
import { BenchRow, NONE, ratio } from '../support/results-table';
import { ms } from '../support/timing';
import { startApiServer } from './api-server';
import { BASELINE_P99_LIMIT_MS, probeBaselineRate, RateProbe } from './baseline-rate-probe';
import { BenchCounselor, prepareBenchCounselor, signIn } from './bench-counselor';
import { ChildServer, stopServers } from './child-server';
import { baselineDashboard, DashboardTarget, fetchDashboard, productDashboard } from './dashboard-targets';
import { failuresText, perSecond } from './figures';
import { combinePaced, PacedResult, pacedLoad } from './paced-load';
import { assertSameDashboard, dashboardSize } from './same-dashboard';
import { combineSaturation, saturate, SaturationResult } from './saturation-load';
import { RAW_APPLICATION_NAME } from './raw-dashboard-query';
import { startRawDashboardServer } from './raw-server';

/** Two CPU cores run both servers, PostgreSQL and the load generator: a few connections saturate them. */
const CONNECTIONS = 8;
const WARM_UP_SECONDS = 3;
/**
 * The saturated time of each side, split into rounds that alternate with
 * the other side's: this shared VM slows down and speeds up by a third over
 * tens of seconds, and one side measured wholly after the other took its
 * ratio from 0.42x to 0.64x on the same code.
 */
const ROUNDS = 4;

type Measured = Awaited<ReturnType<typeof cpuUsedDuring<SaturationResult>>>;

/** The CPU of all of a side's rounds; undefined when one of them could not be read. */
function totalCpu(rounds: readonly Measured[]): CpuUse | undefined {
  if (rounds.some((run) => !run.cpu)) return undefined;
  return {
    server: rounds.reduce((sum, run) => sum + run.cpu!.server, 0),
    database: rounds.reduce((sum, run) => sum + run.cpu!.database, 0),
  };
}

interface DashboardFigures {
  size: ReturnType<typeof dashboardSize> & { kilobytes: number };
  saturated: { product: SaturationResult; baseline: SaturationResult };
  /** CPU spent by each side's server and database backends over its saturated run. */
  cpu: { product: CpuUse | undefined; baseline: CpuUse | undefined };
  probe: RateProbe;
  paced: { product: PacedResult; baseline: PacedResult };
}

/** Throws unless both sides answer the counselor's dashboard with the same data, a full page. */
async function verifiedSize(product: DashboardTarget, baseline: DashboardTarget) {
  const [fromProduct, fromBaseline] = [await fetchDashboard(product), await fetchDashboard(baseline)];
  assertSameDashboard(fromProduct, fromBaseline);
  return { ...dashboardSize(fromProduct), kilobytes: Math.round(JSON.stringify(fromProduct).length / 1024) };
}

async function measure(
  ctx: BenchContext,
  api: ChildServer,
  raw: ChildServer,
  counselor: BenchCounselor,
): Promise<DashboardFigures> {
  // A fresh token per phase: access tokens live 15 minutes at most, a long BENCH_DURATION outlasts one.
  const product = async () => productDashboard(api.url, counselor, await signIn(api.url, counselor));
  const baseline = baselineDashboard(raw.url, counselor);
  const size = await verifiedSize(await product(), baseline);
  ctx.log(`dashboard: both sides answer the same ${size.candidates} candidates, ${size.applications} applications`);

  const load = { connections: CONNECTIONS, durationSeconds: ctx.durationSeconds };
  for (const target of [baseline, await product()]) {
    await saturate({ ...target, ...load, durationSeconds: Math.min(WARM_UP_SECONDS, ctx.durationSeconds) });
  }
  const roundSeconds = Math.max(1, Math.round(ctx.durationSeconds / ROUNDS));
  ctx.log(
    `dashboard: saturating each side ${ROUNDS} times ${roundSeconds} s, alternately, with ${CONNECTIONS} connections`,
  );
  const rounds = { baseline: [] as Measured[], product: [] as Measured[] };
  const saturateBaseline = () =>
    cpuUsedDuring(raw, { ownerUrl: ctx.ownerUrl, applicationName: RAW_APPLICATION_NAME }, () =>
      saturate({ ...baseline, ...load, durationSeconds: roundSeconds }),
    );
  const saturateProduct = async () => {
    // Signed in first: the sign-in's password hash is no part of the dashboard's cost.
    const target = await product();
    return cpuUsedDuring(api, { ownerUrl: ctx.ownerUrl, applicationName: DEFAULT_APPLICATION_NAME }, () =>
      saturate({ ...target, ...load, durationSeconds: roundSeconds }),
    );
  };
  for (let round = 0; round < ROUNDS; round++) {
    // Each side first in every other round, so a slower stretch of this shared machine weighs on both alike.
    if (round % 2 === 0) rounds.baseline.push(await saturateBaseline());
    rounds.product.push(await saturateProduct());
    if (round % 2 === 1) rounds.baseline.push(await saturateBaseline());
  }
  const saturated = {
    baseline: combineSaturation(rounds.baseline.map((run) => run.result)),
    product: combineSaturation(rounds.product.map((run) => run.result)),
  };
  const cpu = { baseline: totalCpu(rounds.baseline), product: totalCpu(rounds.product) };

  const probeSeconds = Math.max(3, Math.min(5, Math.round(ctx.durationSeconds / 3)));
  const probe = await probeBaselineRate(baseline, saturated.baseline.rps, CONNECTIONS, probeSeconds);
  ctx.log(`dashboard: both sides at ${probe.rate} req/s for ${ctx.durationSeconds} s`);
  // In alternating rounds too: a slow stretch had put one side's paced p99 at twice the other run's.
  const atRate = { ...load, durationSeconds: roundSeconds, rate: probe.rate };
  const pacedRounds = { baseline: [] as PacedResult[], product: [] as PacedResult[] };
  for (let round = 0; round < ROUNDS; round++) {
    if (round % 2 === 0) pacedRounds.baseline.push(await pacedLoad({ ...baseline, ...atRate }));
    pacedRounds.product.push(await pacedLoad({ ...(await product()), ...atRate }));
    if (round % 2 === 1) pacedRounds.baseline.push(await pacedLoad({ ...baseline, ...atRate }));
  }
  const paced = { baseline: combinePaced(pacedRounds.baseline), product: combinePaced(pacedRounds.product) };
  return { size, saturated, cpu, probe, paced };
}

/** CPU ms per answered request of the saturated runs, the server's and its database backends': what each side costs. */
function cpuRows(saturated: DashboardFigures['saturated'], cpu: DashboardFigures['cpu']): BenchRow[] {
  const { product, baseline } = cpu;
  if (!product || !baseline) return [];
  const perRequest = (ms: number, run: SaturationResult) => ms / Math.max(1, run.succeeded);
  const row = (part: keyof CpuUse, what: string): BenchRow => {
    const mine = perRequest(product[part], saturated.product);
    const theirs = perRequest(baseline[part], saturated.baseline);
    return {
      measure: `Dashboard, saturated: ${what} CPU per request`,
      product: `${mine.toFixed(2)} ms`,
      baseline: `${theirs.toFixed(2)} ms`,
      ratio: ratio(mine, theirs),
      target: NONE,
      notes:
        `user and system CPU of ${part === 'server' ? 'the server process' : 'the PostgreSQL backends of its pool'} ` +
        'over the saturated run (/proc), divided by the requests it answered: what a request costs, which the ' +
        'machine’s other load moves far less than throughput; ratio: product ÷ baseline',
    };
  };
  return [row('server', 'server'), row('database', 'PostgreSQL')];
}

function rowsOf(ctx: BenchContext, figures: DashboardFigures): BenchRow[] {
  const { size, saturated, probe, paced } = figures;
  const work =
    `${size.candidates} candidates, ${size.applications} applications, ${size.nextSteps} next steps, ${size.openEscalations} open ` +
    `escalations per answer (${size.kilobytes} kB of JSON), checked equal on both sides before loading; ` +
    'both sides on the application role under row-level security (tenant settings set in each transaction); ' +
    'baseline: bare Fastify + pg, 3 hand-written statements, no authentication';
  const saturation =
    `autocannon in the bench process, ${CONNECTIONS} connections for ${ctx.durationSeconds} s a side in ${ROUNDS} ` +
    'rounds alternating with the other side (2 CPU cores shared by both servers, PostgreSQL and the load ' +
    "generator); p50 and p99: the median of the rounds'";
  const failed = `failures: product ${failuresText(saturated.product.failures)}, baseline ${failuresText(saturated.baseline.failures)}`;
  const latency = (name: 'p50' | 'p99'): BenchRow => ({
    measure: `Dashboard, saturated: ${name}`,
    product: ms(saturated.product[name]),
    baseline: ms(saturated.baseline[name]),
    ratio: ratio(saturated.product[name], saturated.baseline[name]),
    target: NONE,
    notes: 'latency at saturation, same runs as the requests/s row; ratio: product ÷ baseline (higher is slower)',
  });
  const probes = probe.tried.map((tried) => `${tried.rate} req/s: ${ms(tried.p99)}`).join(', ');
  return [
    {
      measure: 'Dashboard, saturated: requests/s',
      product: perSecond(saturated.product.rps),
      baseline: perSecond(saturated.baseline.rps),
      ratio: ratio(saturated.product.rps, saturated.baseline.rps),
      target: '≥ 0.50x',
      notes: `${saturation}; ${work}; ${failed}`,
    },
    latency('p50'),
    latency('p99'),
    ...cpuRows(saturated, figures.cpu),
    {
      measure: `Dashboard at ${probe.rate} req/s: p99`,
      product: ms(paced.product.p99),
      baseline: ms(paced.baseline.p99),
      ratio: ratio(paced.product.p99, paced.baseline.p99),
      target: `< 50 ms; baseline < ${BASELINE_P99_LIMIT_MS} ms`,
      notes:
        `open-loop load at an even ${probe.rate} req/s for ${ctx.durationSeconds} s a side in ${ROUNDS} alternating rounds over ${CONNECTIONS} keep-alive connections, ` +
        'latency from each request’s scheduled time; ' +
        (probe.held
          ? `the rate is the first, stepping down from half the baseline’s saturated throughput, at which a short probe held its p99 under ${BASELINE_P99_LIMIT_MS} ms`
          : `no probed rate held the baseline’s p99 under ${BASELINE_P99_LIMIT_MS} ms on this machine: the lowest one tried`) +
        ` (probes: ${probes}); p50 product ${ms(paced.product.p50)}, baseline ${ms(paced.baseline.p50)}; ` +
        `answered product ${perSecond(paced.product.achievedRps)}, baseline ${perSecond(paced.baseline.achievedRps)}; ` +
        `failures: product ${failuresText(paced.product.failures)}, baseline ${failuresText(paced.baseline.failures)}`,
    },
  ];
}

export async function benchDashboard(ctx: BenchContext): Promise<SectionResult> {
  const counselor = await prepareBenchCounselor(ctx.ownerUrl, ctx.agencyIds);
  ctx.log(`dashboard: counselor ${counselor.email} (${counselor.candidates} candidates)`);
  const servers: ChildServer[] = [];
  try {
    const api = await startApiServer(ctx, 'API (dashboard load)');
    servers.push(api);
    const raw = await startRawDashboardServer(ctx);
    servers.push(raw);
    const figures = await measure(ctx, api, raw, counselor);
    // VmHWM before the processes stop: afterwards there is nothing to read.
    const peaks = [
      { process: 'API (dashboard load)', peakMiB: api.peakMiB() },
      { process: 'Raw baseline (dashboard load)', peakMiB: raw.peakMiB() },
    ];
    return { rows: rowsOf(ctx, figures), peaks };
  } finally {
    await stopServers(servers, ctx.log);
  }
}
