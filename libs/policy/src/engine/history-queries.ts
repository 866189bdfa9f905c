import { Stage } from '@lib/pipeline';
import { Direction, Outcome, ResponseKind } from '../follow-up-vocabulary';
import { startsGap } from '../stalker-guard';
import { ApplicationHistory, HistoryFollowUp, HistoryInterview } from './application-history';

/** An instant with the words that say what it is ("the interview"), so reasons can name it. */
export interface Landmark {
  at: Date;
  what: string;
}

/** The stages in which the candidate has been interviewed and waits for the employer. */
const POST_INTERVIEW_STAGES: readonly Stage[] = [
  Stage.INTERVIEWING,
  Stage.AWAITING_DECISION,
  Stage.REFERENCE_CHECK,
  Stage.OFFER_VERBAL,
];

/** The latest of the landmarks given; on a tie the first listed wins, so the words are stable. */
export function latestLandmark(...landmarks: (Landmark | null)[]): Landmark | null {
  return landmarks.reduce<Landmark | null>(
    (best, next) => (next && (!best || next.at.getTime() > best.at.getTime()) ? next : best),
    null,
  );
}

export function latestDate(...dates: (Date | null | undefined)[]): Date | null {
  return dates.reduce<Date | null>((best, next) => (next && (!best || next > best) ? next : best), null);
}

/** The latest item by its date; on a tie the later one in the list, so the result does not depend on sort order. */
function latestBy<T>(items: readonly T[], dateOf: (item: T) => Date): T | null {
  return items.reduce<T | null>((best, next) => (!best || dateOf(next) >= dateOf(best) ? next : best), null);
}

/** Anything the employer said: an inbound contact, a reply, or a recorded answer. */
export function isExchange(followUp: HistoryFollowUp): boolean {
  return (
    followUp.direction === Direction.INBOUND || followUp.outcome === Outcome.REPLIED || followUp.responseKind !== null
  );
}

export function lastInterview(history: ApplicationHistory): HistoryInterview | null {
  return latestBy(history.interviews, (interview) => interview.occurredAt);
}

export function lastReply(history: ApplicationHistory): HistoryFollowUp | null {
  return latestBy(history.followUps.filter(isExchange), (followUp) => followUp.occurredAt);
}

export function lastOutbound(
  history: ApplicationHistory,
  where: (followUp: HistoryFollowUp) => boolean = () => true,
): HistoryFollowUp | null {
  return latestBy(
    history.followUps.filter((followUp) => followUp.direction === Direction.OUTBOUND && where(followUp)),
    (followUp) => followUp.occurredAt,
  );
}

/** The last contact the stalker guard counts (002 step three, 004). */
export function lastGapStart(history: ApplicationHistory): Date | null {
  return latestBy(history.followUps.filter(startsGap), (followUp) => followUp.occurredAt)?.occurredAt ?? null;
}

/** The employer's latest announced delay (004): its resume date is the hold's end. */
export function latestDelay(history: ApplicationHistory): HistoryFollowUp | null {
  return latestBy(
    history.followUps.filter((followUp) => followUp.responseKind === ResponseKind.DELAYED),
    (followUp) => followUp.occurredAt,
  );
}

export function resumeAt(history: ApplicationHistory): Date | null {
  return latestDelay(history)?.resumeAt ?? null;
}

/** ON_HOLD until a resume date still to come (004): cadence and escalations wait. */
export function isPaused(history: ApplicationHistory, now: Date): boolean {
  const resume = resumeAt(history);
  return history.stage === Stage.ON_HOLD && resume !== null && resume > now;
}

/** The end of a hold that has passed, as a landmark of the silence; null unless ON_HOLD and resumed. */
export function holdEnded(history: ApplicationHistory, now: Date): Landmark | null {
  const resume = resumeAt(history);
  if (history.stage !== Stage.ON_HOLD || !resume || resume > now) return null;
  return { at: resume, what: 'the end of the hold' };
}

/**
 * A post-interview open stage. ON_HOLD counts once it is not paused; a hold without a known resume date
 * is not a pause either, because an application is never assumed stopped unless the employer says when (001).
 */
export function isPostInterviewStage(history: ApplicationHistory, now: Date): boolean {
  return POST_INTERVIEW_STAGES.includes(history.stage) || (history.stage === Stage.ON_HOLD && !isPaused(history, now));
}

/** The start B of the current silence: the last interview, the last reply, or the end of a passed hold (004). */
export function silenceBasis(history: ApplicationHistory, now: Date): Landmark | null {
  const interview = lastInterview(history);
  if (!interview) return null;
  const reply = lastReply(history);
  return latestLandmark(
    { at: interview.occurredAt, what: 'the interview' },
    reply && { at: reply.occurredAt, what: 'the last reply from the employer' },
    holdEnded(history, now),
  );
}

/** The latest decision date the employer promised, at a debrief or in a DECISION_PENDING answer (000, 003). */
export function promisedDecisionAt(history: ApplicationHistory): Date | null {
  return latestDate(
    ...history.debriefs.map((debrief) => debrief.promisedDecisionAt),
    ...history.followUps
      .filter((followUp) => followUp.responseKind === ResponseKind.DECISION_PENDING)
      .map((followUp) => followUp.newDecisionAt),
  );
}

export function repliedAfter(history: ApplicationHistory, instant: Date): boolean {
  return history.followUps.some((followUp) => isExchange(followUp) && followUp.occurredAt > instant);
}
