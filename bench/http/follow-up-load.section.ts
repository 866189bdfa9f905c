/**
 * `npm run bench`, section "Logging a follow-up under load": the
 * `logFollowUp` mutation (the stalker guard with the employer's row locked,
 * the follow-up and its audit entry, the next step planned again, the
 * application's wake-up moved in the queue) under autocannon from this
 * process, with inputs the guard accepts. Every refused or failed request is
 * counted and shown, and the rows written are counted afterwards.
 */
import { BenchContext, SectionResult } from '../support/bench-context';
import { BenchRow, NONE } from '../support/results-table';
import { ms } from '../support/timing';
import { ApiServer, startApiServer } from './api-server';
import { BenchCounselor, prepareBenchCounselor, signIn } from './bench-counselor';
import { stopServers } from './child-server';
import { failureCount, failuresText, perSecond } from './figures';
import { chooseFollowUpInputs, FollowUpInputs, followUpSequence } from './follow-up-inputs';
import { followUpFailure, logFollowUpBody } from './follow-up-request';
import { countFollowUpWrites, FollowUpWrites } from './follow-up-writes';
import { saturate, SaturationResult } from './saturation-load';

/** Two CPU cores run the API, PostgreSQL and the load generator: a few connections saturate them. */
const CONNECTIONS = 8;
const WARM_UP_SECONDS = 3;

interface FollowUpFigures {
  inputs: FollowUpInputs;
  warmUp: SaturationResult;
  load: SaturationResult;
  writes: FollowUpWrites;
  peakMiB: number | undefined;
}

async function measure(
  ctx: BenchContext,
  api: ApiServer,
  counselor: BenchCounselor,
  since: Date,
): Promise<FollowUpFigures> {
  const inputs = await chooseFollowUpInputs(ctx.ownerUrl, counselor.agencyId);
  ctx.log(
    `follow-ups: ${inputs.statusChecks.length} status checks the guard accepts, then replies over ${inputs.replies.length} open applications`,
  );
  const mutation = async (next: ReturnType<typeof followUpSequence>) => ({
    url: `${api.url}/graphql`,
    method: 'POST' as const,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await signIn(api.url, counselor)}` },
    nextBody: () => logFollowUpBody(next()),
    connections: CONNECTIONS,
    failureOf: followUpFailure,
  });
  // The warm-up logs replies only, keeping every status check for the measured run.
  const warmUp = await saturate({
    ...(await mutation(followUpSequence(inputs, { statusChecks: false }))),
    durationSeconds: Math.min(WARM_UP_SECONDS, ctx.durationSeconds),
  });
  ctx.log(`follow-ups: logging for ${ctx.durationSeconds} s with ${CONNECTIONS} connections`);
  const load = await saturate({
    ...(await mutation(followUpSequence(inputs, { statusChecks: true }))),
    durationSeconds: ctx.durationSeconds,
  });
  // VmHWM before the process stops: afterwards there is nothing to read.
  const peakMiB = api.peakMiB();
  const writes = await countFollowUpWrites(ctx.ownerUrl, ctx.redisUrl, api.redisKeyPrefix, {
    agencyId: counselor.agencyId,
    userId: counselor.userId,
    since,
  });
  return { inputs, warmUp, load, writes, peakMiB };
}

function rowsOf(ctx: BenchContext, figures: FollowUpFigures): BenchRow[] {
  const { inputs, warmUp, load, writes } = figures;
  const acknowledged = warmUp.succeeded + load.succeeded;
  const unanswered = warmUp.unanswered + load.unanswered;
  const written = writes.outbound + writes.inbound;
  const consistent = written >= acknowledged && written <= acknowledged + unanswered;
  const errors = failureCount(load.failures);
  const how =
    `autocannon in the bench process, ${CONNECTIONS} connections for ${ctx.durationSeconds} s after a ${WARM_UP_SECONDS} s warm-up ` +
    '(2 CPU cores shared by the API, PostgreSQL and the load generator); one counselor’s token; ' +
    `${inputs.statusChecks.length} outbound status checks first (one per candidate–employer pair with no guarded contact ` +
    `for ${inputs.quietDays} days), then inbound employer replies round-robin over ${inputs.replies.length} open applications`;
  const outcome = `refused or failed: ${errors} (${failuresText(load.failures)}); warm-up ${warmUp.succeeded} logged, refused or failed ${failuresText(warmUp.failures)}`;
  return [
    {
      measure: 'Log a follow-up: mutations/s',
      product: perSecond(load.rps, 'mutations/s'),
      baseline: NONE,
      ratio: NONE,
      target: NONE,
      notes: `successful logFollowUp only; ${how}; ${outcome}`,
    },
    {
      measure: 'Log a follow-up: p99',
      product: ms(load.p99),
      baseline: NONE,
      ratio: NONE,
      target: NONE,
      notes: `over every answered request of the same run; p50 ${ms(load.p50)}; errors: ${errors}`,
    },
    {
      measure: 'Log a follow-up: rows written',
      product: `${written} follow-ups`,
      baseline: NONE,
      ratio: NONE,
      target: `${acknowledged} to ${acknowledged + unanswered}`,
      notes:
        `${consistent ? 'consistent' : 'INCONSISTENT'}: follow-up rows the counselor logged (${writes.outbound} outbound, ` +
        `${writes.inbound} inbound), counted afterwards as the owner, against ${acknowledged} mutations acknowledged (warm-up included) ` +
        `plus ${unanswered} sent but unanswered when autocannon stopped (their fate unknown to the client); ` +
        `${writes.auditEntries} audit entries, ${writes.plansRecomputed} stored ` +
        `plans recomputed, ${writes.queuedWakeUps} delayed next-step jobs in the queue, ${writes.outboxRows} outbox (notifications) rows` +
        (writes.outboxRows === 0
          ? ': a counselor’s logFollowUp writes none (only the portal’s logMyFollowUp, escalations, digests and reports do)'
          : ''),
    },
  ];
}

export async function benchFollowUpLoad(ctx: BenchContext): Promise<SectionResult> {
  const counselor = await prepareBenchCounselor(ctx.ownerUrl, ctx.agencyIds);
  const since = new Date();
  const api = await startApiServer(ctx, 'API (follow-up load)');
  try {
    const figures = await measure(ctx, api, counselor, since);
    return { rows: rowsOf(ctx, figures), peaks: [{ process: 'API (follow-up load)', peakMiB: figures.peakMiB }] };
  } finally {
    await stopServers([api], ctx.log);
  }
}
