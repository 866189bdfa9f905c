import { CLOSED_STAGES, Stage } from '@lib/pipeline';
import { FollowUpPolicy } from '../follow-up-policy';
import { ContactRole, Direction, Purpose } from '../follow-up-vocabulary';
import { WorkingCalendar } from '../working-calendar';
import { ApplicationHistory, HistoryEscalation } from './application-history';
import { describeContact, hiringManagerId } from './contact-picks';
import { EscalationLevel } from './escalation-level';
import { isPaused, isPostInterviewStage, Landmark, lastReply, repliedAfter, silenceBasis } from './history-queries';
import { EscalationRung, NextAction, NextStep } from './plan';
import { counted, day, workingDays } from './wording';

/** The ladder's order: a rung is only offered while no higher rung of the same silence is raised. */
const RANK: Record<EscalationLevel, number> = {
  [EscalationLevel.NEXT_STEP_OVERDUE]: 0,
  [EscalationLevel.HIRING_MANAGER]: 1,
  [EscalationLevel.VISIT]: 2,
  [EscalationLevel.CLOSING_LETTER]: 2,
  [EscalationLevel.OUT_OF_RUNNING]: 3,
};

/**
 * Closed stages have no ladder; the verbal offer still does (003). Before an
 * interview only the overdue rung applies: the silence rungs count from it.
 */
const NO_LADDER: readonly Stage[] = [Stage.OFFER_WRITTEN, ...CLOSED_STAGES];

/** Each step in words, as an overdue rung's reason names it. */
export const ACTION_WORDS: Record<NextAction, string> = {
  [NextAction.SEND_THANK_YOU]: 'The thank-you to the hiring manager',
  [NextAction.EMAIL_HR_STATUS]: 'The status e-mail to HR',
  [NextAction.STATUS_CHECK]: 'The status check',
  [NextAction.CALL_PROMISED_DATE_PASSED]: 'The call about the passed decision date',
  [NextAction.CALL_AT_PERMISSION]: 'The agreed call',
  [NextAction.ESCALATE_TO_HIRING_MANAGER]: 'The contact with the hiring manager',
  [NextAction.VISIT]: 'The visit',
  [NextAction.CLOSING_LETTER]: 'The closing letter',
  [NextAction.MARK_OUT_OF_RUNNING]: 'Marking the application out of the running',
  [NextAction.LOW_PRESSURE_CHECK]: 'The low-pressure check',
  [NextAction.RESUME_AFTER_HOLD]: 'The follow-up after the hold',
  [NextAction.SEND_CLOSING_THANKS]: 'The closing thanks',
  [NextAction.NONE]: 'Nothing',
};

export const KEEP_WARM =
  'Mark the application out of the running, and keep the relationship warm for future openings (003).';

/** A rung's identity is its level and basis: the database raises each identity once. */
export function isRaised(history: ApplicationHistory, level: EscalationLevel, basisAt: Date): boolean {
  return raised(history, [level], basisAt) !== null;
}

/** The first raised escalation of one of the levels for this basis. */
function raised(history: ApplicationHistory, levels: EscalationLevel[], basisAt: Date): HistoryEscalation | null {
  return (
    history.escalations
      .filter((e) => levels.includes(e.level) && e.basisAt.getTime() === basisAt.getTime())
      .sort((a, b) => a.raisedAt.getTime() - b.raisedAt.getTime())[0] ?? null
  );
}

/** A rung is never due before what it is reckoned from, whatever the policy's counts. */
function notBefore(basisAt: Date, dueAt: Date): Date {
  return dueAt < basisAt ? basisAt : dueAt;
}

/** A next step not done within the policy's grace goes to the counselor. */
function overdueRung(calendar: WorkingCalendar, policy: FollowUpPolicy, next: NextStep): EscalationRung | null {
  if (!next.dueAt || next.action === NextAction.NONE || next.action === NextAction.RESUME_AFTER_HOLD) return null;
  return {
    level: EscalationLevel.NEXT_STEP_OVERDUE,
    basisAt: next.dueAt,
    dueAt: notBefore(next.dueAt, calendar.workingDaysAfter(next.dueAt, policy.overdueGraceWorkingDays)),
    reason: `${ACTION_WORDS[next.action]} was due ${day(calendar, next.dueAt)} and is not logged yet.`,
    recommendedAction: `Do it and log it, or tell the candidate: ${next.reason}`,
    contactId: next.contactId,
  };
}

/** 000: no answer for a week or two: go around HR to the hiring manager. */
function hiringManagerRung(
  history: ApplicationHistory,
  policy: FollowUpPolicy,
  calendar: WorkingCalendar,
  basis: Landmark,
): EscalationRung {
  const contactId = hiringManagerId(history);
  const after = policy.escalateToHiringManagerAfterWorkingDays;
  return {
    level: EscalationLevel.HIRING_MANAGER,
    basisAt: basis.at,
    dueAt: notBefore(basis.at, calendar.workingDaysAfter(basis.at, after)),
    reason: `No answer for ${workingDays(after)} since ${basis.what} on ${day(calendar, basis.at)}.`,
    recommendedAction:
      `Go around HR to ${describeContact(history, contactId, 'the hiring manager (find out the name)')}, who feels ` +
      'the pain of the empty seat, sees how the skills transfer and has the urgency; press the strengths from the debrief (000).',
    contactId,
  };
}

/** 003: the hiring manager unanswered after N attempts: a visit if the employer is local, else a closing letter. */
function visitRung(
  history: ApplicationHistory,
  policy: FollowUpPolicy,
  calendar: WorkingCalendar,
  basis: Landmark,
  escalation: HistoryEscalation,
): EscalationRung | null {
  const reply = lastReply(history)?.occurredAt ?? null;
  const attempts = history.followUps
    .filter(
      (f) =>
        f.direction === Direction.OUTBOUND &&
        f.contactRole === ContactRole.HIRING_MANAGER &&
        f.occurredAt > escalation.raisedAt &&
        f.occurredAt >= basis.at &&
        (!reply || f.occurredAt > reply),
    )
    .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  const needed = policy.hiringManagerAttemptsBeforeVisit;
  if (attempts.length < needed) return null;
  const contactId = hiringManagerId(history);
  const who = describeContact(history, contactId, 'the hiring manager');
  const local = history.employer.isLocal;
  return {
    level: local ? EscalationLevel.VISIT : EscalationLevel.CLOSING_LETTER,
    basisAt: basis.at,
    dueAt: notBefore(basis.at, needed > 0 ? attempts[needed - 1].occurredAt : escalation.raisedAt),
    reason: `${counted(needed, 'attempt')} to reach the hiring manager since the escalation on ${day(calendar, escalation.raisedAt)} got no answer.`,
    recommendedAction: local
      ? `Visit ${who} in person early in the morning, at lunchtime or at the end of the day, not on a Monday or ` +
        'Friday; if they are unavailable, leave a note with a resume (003).'
      : `Send ${who} a closing letter restating the interest and the strengths, and ask to be kept in mind (003).`,
    contactId,
  };
}

/** 003: everything tried and still no answer, or a long silence after the escalation: out of the running. */
function outOfRunningRung(
  history: ApplicationHistory,
  policy: FollowUpPolicy,
  calendar: WorkingCalendar,
  basis: Landmark,
): EscalationRung {
  const escalatedAt = calendar.workingDaysAfter(basis.at, policy.escalateToHiringManagerAfterWorkingDays);
  const silentUntil = calendar.workingDaysAfter(escalatedAt, policy.outOfRunningAfterWorkingDays);
  const lastResort = raised(history, [EscalationLevel.VISIT, EscalationLevel.CLOSING_LETTER], basis.at);
  const tried = lastResort
    ? history.followUps
        .filter(
          (f) =>
            f.direction === Direction.OUTBOUND &&
            [Purpose.VISIT, Purpose.INTEREST_LETTER, Purpose.CLOSING_THANKS].includes(f.purpose) &&
            f.occurredAt > lastResort.raisedAt &&
            f.occurredAt >= basis.at &&
            !repliedAfter(history, f.occurredAt),
        )
        .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime())[0]
    : undefined;
  const everythingTried = tried && calendar.workingDaysAfter(tried.occurredAt, policy.statusCheckEveryWorkingDays);
  const dueAt = everythingTried && everythingTried < silentUntil ? everythingTried : silentUntil;
  return {
    level: EscalationLevel.OUT_OF_RUNNING,
    basisAt: basis.at,
    dueAt: notBefore(basis.at, dueAt),
    reason:
      dueAt === everythingTried
        ? `Everything was tried: the last resort on ${day(calendar, tried!.occurredAt)} got no answer either.`
        : `No answer for ${workingDays(policy.outOfRunningAfterWorkingDays)} after the escalation to the hiring ` +
          `manager (silence since ${basis.what} on ${day(calendar, basis.at)}).`,
    recommendedAction: KEEP_WARM,
    contactId: null,
  };
}

/** The silence rungs in order; a rung is dropped once a higher one of the same silence is raised. */
function silenceRungs(
  history: ApplicationHistory,
  policy: FollowUpPolicy,
  calendar: WorkingCalendar,
  basis: Landmark,
): EscalationRung[] {
  const highest = Math.max(
    0,
    ...history.escalations.filter((e) => e.basisAt.getTime() === basis.at.getTime()).map((e) => RANK[e.level]),
  );
  const escalation = raised(history, [EscalationLevel.HIRING_MANAGER], basis.at);
  const rungs: (EscalationRung | null)[] = [
    highest < RANK.HIRING_MANAGER ? hiringManagerRung(history, policy, calendar, basis) : null,
    escalation && highest < RANK.VISIT ? visitRung(history, policy, calendar, basis, escalation) : null,
    escalation && highest < RANK.OUT_OF_RUNNING ? outOfRunningRung(history, policy, calendar, basis) : null,
  ];
  return rungs.filter((rung): rung is EscalationRung => rung !== null);
}

/**
 * The earliest-due rung not raised yet (ties: the lower rung), or null. Nothing while the employer's pause
 * lasts (004), before an interview, or once the application is closed.
 */
export function nextEscalation(
  history: ApplicationHistory,
  policy: FollowUpPolicy,
  now: Date,
  calendar: WorkingCalendar,
  next: NextStep,
): EscalationRung | null {
  if (NO_LADDER.includes(history.stage) || isPaused(history, now)) return null;
  const basis = isPostInterviewStage(history, now) ? silenceBasis(history, now) : null;
  const candidates = [
    overdueRung(calendar, policy, next),
    ...(basis ? silenceRungs(history, policy, calendar, basis) : []),
  ].filter((rung): rung is EscalationRung => rung !== null && !isRaised(history, rung.level, rung.basisAt));
  candidates.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || RANK[a.level] - RANK[b.level]);
  return candidates[0] ?? null;
}
