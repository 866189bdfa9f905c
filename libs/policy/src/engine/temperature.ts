import { Stage } from '@lib/pipeline';
import { FollowUpPolicy } from '../follow-up-policy';
import { Outcome } from '../follow-up-vocabulary';
import { WorkingCalendar } from '../working-calendar';
import { ApplicationHistory, ReferenceSignalKind } from './application-history';
import { isPaused, lastReply, latestDelay, promisedDecisionAt, silenceBasis } from './history-queries';
import { Temperature, TemperatureReason } from './plan';
import { counted, day, signed, workingDays } from './wording';

const WON: Partial<Record<Stage, string>> = {
  [Stage.PLACED]: 'Placed',
  [Stage.OFFER_WRITTEN]: 'Written offer in hand',
};
const LOST: Partial<Record<Stage, string>> = {
  [Stage.REJECTED]: 'Rejected',
  [Stage.WITHDRAWN]: 'Withdrawn',
  [Stage.OUT_OF_RUNNING]: 'Out of the running',
};

const STAGE_POINTS: Partial<Record<Stage, [number, string]>> = {
  [Stage.OFFER_VERBAL]: [20, 'Verbal offer'],
  [Stage.REFERENCE_CHECK]: [10, 'Reference check under way'],
};

/** 001: "you'll know a company is serious when it asks for your references and begins to check them". */
const REFERENCE_POINTS: [ReferenceSignalKind, number, string][] = [
  ['REFERENCES_REQUESTED', 15, 'References requested'],
  ['REFERENCE_CONTACTED', 10, 'A referee was contacted'],
  ['REFERENCE_CHECK_COMPLETED', 10, 'Reference check completed'],
];

const FRESH_REPLY_WORKING_DAYS = 5;
const SILENCE_FREE_WORKING_DAYS = 5;

function closed(score: number, words: string): Temperature {
  return { score, reasons: [{ points: score, text: `${words} (${signed(score)})` }] };
}

/** How alive an application is, 0 (cold) to 100 (hot), with every contribution in words. */
export function temperature(
  history: ApplicationHistory,
  _policy: FollowUpPolicy,
  now: Date,
  calendar: WorkingCalendar,
): Temperature {
  if (WON[history.stage]) return closed(100, WON[history.stage]!);
  if (LOST[history.stage]) return closed(0, LOST[history.stage]!);

  const reasons: TemperatureReason[] = [];
  const add = (points: number, words: string) => {
    if (points !== 0) reasons.push({ points, text: `${words} (${signed(points)})` });
  };

  add(50, 'Open application');
  add((history.interestLevel - 3) * 5, `Candidate's interest ${history.interestLevel} of 5`);
  const stage = STAGE_POINTS[history.stage];
  if (stage) add(stage[0], stage[1]);
  for (const [kind, points, words] of REFERENCE_POINTS) {
    const first = history.referenceSignals
      .filter((signal) => signal.kind === kind)
      .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime())[0];
    if (first) add(points, `${words} on ${day(calendar, first.occurredAt)}`);
  }

  // 003: a promised date still ahead means a decision is coming.
  const promised = promisedDecisionAt(history);
  if (promised && promised > now) add(10, `Decision promised by ${day(calendar, promised)}`);

  const reply = lastReply(history);
  if (
    reply &&
    reply.occurredAt <= now &&
    calendar.workingDaysBetween(reply.occurredAt, now) <= FRESH_REPLY_WORKING_DAYS
  )
    add(10, `The employer replied on ${day(calendar, reply.occurredAt)}`);

  // 004: the impression fades; a decision maker may assume the candidate is off the market.
  const basis = silenceBasis(history, now) ?? { at: history.submittedAt, what: 'the submission' };
  const silent = calendar.workingDaysBetween(basis.at, now);
  add(
    -Math.min(40, 2 * Math.max(0, silent - SILENCE_FREE_WORKING_DAYS)),
    `No real exchange for ${workingDays(silent)} since ${basis.what} on ${day(calendar, basis.at)}`,
  );

  const unanswered = history.followUps.filter(
    (f) =>
      (f.outcome === Outcome.NO_ANSWER || f.outcome === Outcome.BLOCKED_BY_GATEKEEPER) &&
      (!reply || f.occurredAt > reply.occurredAt),
  ).length;
  add(-Math.min(15, 5 * unanswered), `${counted(unanswered, 'unanswered or blocked attempt')} since the last reply`);

  const open = history.escalations.filter((e) => e.resolvedAt === null).length;
  add(-Math.min(20, 10 * open), `${counted(open, 'open escalation')}`);

  if (isPaused(history, now))
    add(-10, `Paused by the employer until ${day(calendar, latestDelay(history)!.resumeAt!)}`);

  const total = reasons.reduce((sum, reason) => sum + reason.points, 0);
  return { score: Math.min(100, Math.max(0, total)), reasons };
}
