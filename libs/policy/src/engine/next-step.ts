import { Stage } from '@lib/pipeline';
import { FollowUpPolicy } from '../follow-up-policy';
import { Channel, ContactRole, Direction, Purpose } from '../follow-up-vocabulary';
import { WorkingCalendar } from '../working-calendar';
import { ApplicationHistory, HistoryInterview } from './application-history';
import {
  describeContact,
  designatedContactId,
  firstId,
  hiringManagerId,
  hrContactId,
  lastReachedContactId,
  thankYouRecipientId,
} from './contact-picks';
import { endOfBusiness, firstContactSlot } from './contact-slots';
import { EscalationLevel } from './escalation-level';
import {
  holdEnded,
  isExchange,
  isPaused,
  Landmark,
  lastGapStart,
  lastInterview,
  lastOutbound,
  lastReply,
  latestDelay,
  latestLandmark,
  promisedDecisionAt,
  repliedAfter,
  silenceBasis,
} from './history-queries';
import { NextAction, NextStep } from './plan';
import { day, dayAndTime, workingDays } from './wording';

/** What a step needs besides the history: the rules, the clock, the employer's days. */
interface Context {
  history: ApplicationHistory;
  policy: FollowUpPolicy;
  now: Date;
  calendar: WorkingCalendar;
}

const CAMPAIGN_OVER: Partial<Record<Stage, string>> = {
  [Stage.OFFER_WRITTEN]: 'The written offer is in: the campaign is over (003).',
  [Stage.PLACED]: 'The candidate is placed: the campaign is over.',
  [Stage.WITHDRAWN]: 'The candidate withdrew: no more follow-ups on this application.',
  [Stage.OUT_OF_RUNNING]:
    'Out of the running: no more follow-ups on this application; keep the relationship warm for future openings (003).',
};

/** The ladder rungs that turn into something to do, with the words for it. */
const ESCALATION_ACTIONS: Partial<Record<EscalationLevel, { action: NextAction; rank: number; todo: string }>> = {
  [EscalationLevel.HIRING_MANAGER]: {
    action: NextAction.ESCALATE_TO_HIRING_MANAGER,
    rank: 1,
    todo: 'go around HR to the hiring manager, who feels the pain of the empty seat and has the urgency (000)',
  },
  [EscalationLevel.VISIT]: {
    action: NextAction.VISIT,
    rank: 2,
    todo:
      'visit in person early in the morning, at lunchtime or at the end of the day, not on a Monday or Friday; ' +
      'leave a note with a resume if the hiring manager is unavailable (003)',
  },
  [EscalationLevel.CLOSING_LETTER]: {
    action: NextAction.CLOSING_LETTER,
    rank: 2,
    todo: 'send the hiring manager a closing letter restating the interest and the strengths (003)',
  },
  [EscalationLevel.OUT_OF_RUNNING]: {
    action: NextAction.MARK_OUT_OF_RUNNING,
    rank: 3,
    todo: 'everything was tried: mark the application out of the running and keep the relationship warm (003)',
  },
};

function step(action: NextAction, dueAt: Date | null, contactId: string | null, reason: string): NextStep {
  return { action, dueAt, contactId, reason };
}

/** 003: only the written offer ends the campaign; a verbal offer keeps the cadence going. */
function campaignOver({ history }: Context): NextStep | null {
  const words = CAMPAIGN_OVER[history.stage];
  return words ? step(NextAction.NONE, null, null, words) : null;
}

/** 002 step four: after a rejection, a closing thanks that asks for future openings; never burn the bridge. */
function afterRejection({ history, policy, calendar }: Context): NextStep | null {
  if (history.stage !== Stage.REJECTED) return null;
  const thanked = history.followUps.find(
    (followUp) => followUp.purpose === Purpose.CLOSING_THANKS && followUp.occurredAt >= history.stageChangedAt,
  );
  if (thanked)
    return step(
      NextAction.NONE,
      null,
      null,
      `Rejected; the closing thanks went out on ${day(calendar, thanked.occurredAt)}. ` +
        'The contact stays warm for future openings (002).',
    );
  const contactId = firstId(hiringManagerId(history), lastReachedContactId(history));
  const dueAt = endOfBusiness(calendar, policy, calendar.workingDaysAfter(history.stageChangedAt, 1));
  return step(
    NextAction.SEND_CLOSING_THANKS,
    dueAt,
    contactId,
    `Rejected on ${day(calendar, history.stageChangedAt)}: thank ${describeContact(history, contactId, 'the hiring manager')} ` +
      `and ask to be considered for future openings by the end of ${day(calendar, dueAt)}; never burn the bridge (002).`,
  );
}

/** 004: the employer announced a delay with a date: pause the cadence and the escalations until then. */
function whilePaused({ history, policy, now, calendar }: Context): NextStep | null {
  if (!isPaused(history, now)) return null;
  const delay = latestDelay(history)!;
  const resumeAt = delay.resumeAt!;
  const why = delay.delayReason ? ` (${delay.delayReason.toLowerCase().replaceAll('_', ' ')})` : '';
  return step(
    NextAction.RESUME_AFTER_HOLD,
    firstContactSlot(calendar, policy, resumeAt, null),
    firstId(designatedContactId(history), hrContactId(history)),
    `Paused: the employer announced a delay${why} until ${day(calendar, resumeAt)}. Resume the follow-ups then (004).`,
  );
}

/** 001, 004: before any interview, a status check every few working days with HR. */
function beforeInterview(context: Context): NextStep | null {
  const { history, policy, now, calendar } = context;
  if (history.stage !== Stage.SUBMITTED && lastInterview(history)) return null;
  const outbound = lastOutbound(history);
  const since = latestLandmark(
    { at: history.submittedAt, what: 'the submission' },
    outbound && { at: outbound.occurredAt, what: 'the last contact' },
    holdEnded(history, now),
  )!;
  const contactId = firstId(hrContactId(history), designatedContactId(history));
  const every = policy.statusCheckEveryWorkingDays;
  return step(
    NextAction.STATUS_CHECK,
    firstContactSlot(calendar, policy, calendar.workingDaysAfter(since.at, every), lastGapStart(history)),
    contactId,
    `No interview yet: check the status with ${describeContact(history, contactId, 'HR')} every ` +
      `${workingDays(every)}, counted from ${since.what} on ${day(calendar, since.at)} (001, 004).`,
  );
}

/** 002 step one: the thank-you to the hiring manager, the same day or the next working day at the latest. */
function thankYou({ history, policy, calendar }: Context, interview: HistoryInterview): NextStep | null {
  if (history.followUps.some((f) => f.purpose === Purpose.THANK_YOU && f.occurredAt >= interview.occurredAt))
    return null;
  const contactId = thankYouRecipientId(history, interview);
  const dueAt = endOfBusiness(
    calendar,
    policy,
    calendar.workingDaysAfter(interview.occurredAt, policy.thankYouWithinWorkingDays),
  );
  return step(
    NextAction.SEND_THANK_YOU,
    dueAt,
    contactId,
    `Interview on ${day(calendar, interview.occurredAt)}: send the thank-you to ` +
      `${describeContact(history, contactId, 'the hiring manager')} by the end of ${day(calendar, dueAt)} (002 step one).`,
  );
}

/** 002 step two: a status e-mail to HR asking when a decision will be made and offering anything that helps. */
function hrStatusEmail({ history, policy, calendar }: Context, interview: HistoryInterview): NextStep | null {
  const since = interview.occurredAt;
  const contactId = firstId(hrContactId(history), designatedContactId(history));
  // Without an HR contact the e-mail goes to the designated contact, so a contact with them counts as sent.
  const sent = history.followUps.some(
    (f) =>
      f.direction === Direction.OUTBOUND &&
      f.purpose !== Purpose.THANK_YOU &&
      f.occurredAt >= since &&
      (f.contactRole === ContactRole.HR || f.contactId === contactId),
  );
  if (sent || history.followUps.some((f) => isExchange(f) && f.occurredAt >= since)) return null;
  const after = policy.hrStatusEmailAfterWorkingDays;
  return step(
    NextAction.EMAIL_HR_STATUS,
    firstContactSlot(calendar, policy, calendar.workingDaysAfter(since, after), lastGapStart(history)),
    contactId,
    `${workingDays(after)} after the interview on ${day(calendar, since)}: e-mail ` +
      `${describeContact(history, contactId, 'HR')} asking when a decision will be made and offering anything ` +
      'else that helps (002 step two).',
  );
}

/** 000, 003: an escalation raised in this silence and still open is what to work on. */
function openEscalation({ history, policy, calendar }: Context, basis: Landmark): NextStep | null {
  const open = history.escalations
    .filter((e) => e.resolvedAt === null && e.basisAt >= basis.at && ESCALATION_ACTIONS[e.level])
    .sort(
      (a, b) =>
        ESCALATION_ACTIONS[b.level]!.rank - ESCALATION_ACTIONS[a.level]!.rank ||
        b.raisedAt.getTime() - a.raisedAt.getTime(),
    )[0];
  if (!open) return null;
  const { action, todo } = ESCALATION_ACTIONS[open.level]!;
  const raised = `Escalated on ${day(calendar, open.raisedAt)} after silence since ${basis.what} on ${day(calendar, basis.at)}`;
  if (action === NextAction.MARK_OUT_OF_RUNNING) return step(action, open.raisedAt, null, `${raised}: ${todo}.`);
  const contactId = hiringManagerId(history);
  return step(
    action,
    firstContactSlot(calendar, policy, open.raisedAt, lastGapStart(history)),
    contactId,
    `${raised}: ${todo}. ${contactId ? `Contact ${describeContact(history, contactId, '')}.` : 'Find out who the hiring manager is.'}`,
  );
}

/** 003: the call permission granted at the interview: call at the agreed slot, which the employer chose. */
function callPermission({ history, calendar }: Context, interview: HistoryInterview): NextStep | null {
  const lastCall = lastOutbound(history, (f) => f.channel === Channel.PHONE)?.occurredAt ?? null;
  const reply = lastReply(history)?.occurredAt ?? null;
  // The latest agreed slot: a newer debrief's permission replaces an older one.
  const pending = history.debriefs
    .filter((debrief) => {
      const slotAt = debrief.callPermission?.slotAt;
      return slotAt && slotAt >= interview.occurredAt && (!lastCall || slotAt > lastCall) && (!reply || slotAt > reply);
    })
    .sort((a, b) => b.callPermission!.slotAt.getTime() - a.callPermission!.slotAt.getTime())[0];
  if (!pending) return null;
  const { slotAt, bestWayToReach } = pending.callPermission!;
  const contactId = firstId(pending.designatedContactId, designatedContactId(history), hrContactId(history));
  return step(
    NextAction.CALL_AT_PERMISSION,
    slotAt,
    contactId,
    `Call ${describeContact(history, contactId, 'the designated contact')} at the agreed time, ` +
      `${dayAndTime(calendar, slotAt)}, and say they asked to be called then (003). Best way through: ${bestWayToReach}.`,
  );
}

/** 003: a promised decision date passed with no news: call the next working day. */
function promisedDatePassed({ history, policy, now, calendar }: Context, interview: HistoryInterview): NextStep | null {
  const promised = promisedDecisionAt(history);
  // An interview after the promised date is news as much as a reply is.
  if (!promised || promised >= now || repliedAfter(history, promised) || interview.occurredAt > promised) return null;
  const contactId = firstId(designatedContactId(history), hrContactId(history));
  return step(
    NextAction.CALL_PROMISED_DATE_PASSED,
    firstContactSlot(
      calendar,
      policy,
      calendar.workingDaysAfter(promised, policy.callAfterPromisedDateWorkingDays),
      lastGapStart(history),
    ),
    contactId,
    `A decision was promised for ${day(calendar, promised)} and no news has come: call ` +
      `${describeContact(history, contactId, 'the designated contact')} (003).`,
  );
}

/** The designated contact has current information on the process (004); HR or the hiring manager otherwise. */
function cadenceContactId(history: ApplicationHistory): string | null {
  return firstId(designatedContactId(history), hrContactId(history), hiringManagerId(history));
}

/** 001: after about six weeks of silence competitors evaporate; do not assume the candidate is out. */
function longSilence({ history, policy, now, calendar }: Context, basis: Landmark): NextStep | null {
  const silent = calendar.workingDaysBetween(basis.at, now);
  if (silent < policy.longSilenceAfterWorkingDays) return null;
  const every = policy.lowPressureContactEveryWorkingDays;
  const outbound = lastOutbound(history);
  const from = latestLandmark(basis, outbound && { at: outbound.occurredAt, what: 'the last contact' })!;
  const contactId = cadenceContactId(history);
  return step(
    NextAction.LOW_PRESSURE_CHECK,
    firstContactSlot(calendar, policy, calendar.workingDaysAfter(from.at, every), lastGapStart(history)),
    contactId,
    `No news for ${workingDays(silent)} since ${basis.what} on ${day(calendar, basis.at)}: do not assume the ` +
      `candidate is out; keep a low-pressure contact every ${workingDays(every)} (001).`,
  );
}

/** 001, 004: the regular status check with the designated contact until a decision. */
function statusCheck({ history, policy, calendar }: Context, basis: Landmark): NextStep {
  const every = policy.statusCheckEveryWorkingDays;
  const outbound = lastOutbound(history, (f) => f.purpose !== Purpose.THANK_YOU);
  const from = latestLandmark(basis, outbound && { at: outbound.occurredAt, what: 'the last contact' })!;
  const contactId = cadenceContactId(history);
  return step(
    NextAction.STATUS_CHECK,
    firstContactSlot(calendar, policy, calendar.workingDaysAfter(from.at, every), lastGapStart(history)),
    contactId,
    `Regular status check with ${describeContact(history, contactId, 'the designated contact')} every ` +
      `${workingDays(every)} until a decision, counted from ${from.what} on ${day(calendar, from.at)} (001, 004).`,
  );
}

/** Rules 5a to 5g: the interview has happened and the employer has not decided. */
function afterInterview(context: Context): NextStep {
  const interview = lastInterview(context.history)!;
  const basis = silenceBasis(context.history, context.now)!;
  return (
    // An open escalation is the counselor's most urgent business, whatever else is still undone.
    openEscalation(context, basis) ??
    thankYou(context, interview) ??
    hrStatusEmail(context, interview) ??
    callPermission(context, interview) ??
    promisedDatePassed(context, interview) ??
    longSilence(context, basis) ??
    statusCheck(context, basis)
  );
}

/** The application's next recommended action and when it is due: the first matching rule wins. */
export function nextStep(
  history: ApplicationHistory,
  policy: FollowUpPolicy,
  now: Date,
  calendar: WorkingCalendar,
): NextStep {
  const context: Context = { history, policy, now, calendar };
  return (
    campaignOver(context) ??
    afterRejection(context) ??
    whilePaused(context) ??
    beforeInterview(context) ??
    afterInterview(context)
  );
}
