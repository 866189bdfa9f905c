import { Stage } from '@lib/pipeline';
import {
  ApplicationHistory,
  Channel,
  ContactRole,
  defaultFollowUpPolicy,
  Direction,
  EscalationLevel,
  FollowUpPolicy,
  HistoryEscalation,
  HistoryFollowUp,
  HistoryInterview,
  Outcome,
  Purpose,
  ResponseKind,
} from '@lib/policy';
import { DateTime } from 'luxon';

/** A UK employer in London, with the agency's holidays of England (25 and 28 Dec 2026, 1 Jan 2027). */
export const ZONE = 'Europe/London';

export const ukPolicy = (overrides: Partial<FollowUpPolicy> = {}): FollowUpPolicy => ({
  ...defaultFollowUpPolicy('GB'),
  holidayRegion: 'ENG',
  ...overrides,
});

/** A London wall-clock time as an instant. */
export const at = (iso: string, zone = ZONE): Date => DateTime.fromISO(iso, { zone }).toJSDate();

/** An instant as the employer reads it, for readable expectations: "Tue 2026-12-01 08:00". */
export const local = (instant: Date | null | undefined, zone = ZONE): string | null =>
  instant ? DateTime.fromJSDate(instant, { zone }).toFormat('ccc yyyy-MM-dd HH:mm', { locale: 'en' }) : null;

export const contacts = [
  { id: 'hm', fullName: 'Maya Patel', role: ContactRole.HIRING_MANAGER, isDesignatedContact: false },
  { id: 'hr', fullName: 'Tom Hughes', role: ContactRole.HR, isDesignatedContact: true },
  { id: 'gk', fullName: 'Reception', role: ContactRole.GATEKEEPER, isDesignatedContact: false },
];

const ROLE_OF: Record<string, ContactRole> = {
  hm: ContactRole.HIRING_MANAGER,
  hr: ContactRole.HR,
  gk: ContactRole.GATEKEEPER,
};

export function interview(iso: string, interviewerContactIds = ['hm']): HistoryInterview {
  return { occurredAt: at(iso), interviewerContactIds, arrangedByAgency: true };
}

/** An outbound status e-mail to HR unless told otherwise. */
export function followUp(iso: string, overrides: Partial<HistoryFollowUp> = {}): HistoryFollowUp {
  const contactId = overrides.contactId ?? 'hr';
  return {
    occurredAt: at(iso),
    contactId,
    contactRole: ROLE_OF[contactId] ?? ContactRole.HR,
    channel: Channel.EMAIL,
    purpose: Purpose.STATUS_CHECK,
    outcome: Outcome.MESSAGE_LEFT,
    direction: Direction.OUTBOUND,
    responseKind: null,
    newDecisionAt: null,
    resumeAt: null,
    ...overrides,
  };
}

export const thankYou = (iso: string) => followUp(iso, { contactId: 'hm', purpose: Purpose.THANK_YOU });

export const reply = (iso: string, responseKind: ResponseKind, overrides: Partial<HistoryFollowUp> = {}) =>
  followUp(iso, { direction: Direction.INBOUND, outcome: Outcome.REPLIED, responseKind, ...overrides });

export const hmAttempt = (iso: string, overrides: Partial<HistoryFollowUp> = {}) =>
  followUp(iso, {
    contactId: 'hm',
    channel: Channel.PHONE,
    purpose: Purpose.ESCALATION,
    outcome: Outcome.NO_ANSWER,
    ...overrides,
  });

export function escalation(
  level: EscalationLevel,
  basisAt: Date,
  raisedIso: string,
  resolvedIso: string | null = null,
): HistoryEscalation {
  return { level, basisAt, raisedAt: at(raisedIso), resolvedAt: resolvedIso ? at(resolvedIso) : null };
}

export function application(overrides: Partial<ApplicationHistory> = {}): ApplicationHistory {
  return {
    stage: Stage.AWAITING_DECISION,
    stageChangedAt: at('2026-11-26T10:00'),
    submittedAt: at('2026-11-10T09:00'),
    interestLevel: 4,
    employer: { timezone: ZONE, isLocal: true },
    contacts,
    interviews: [interview('2026-11-26T10:00')],
    debriefs: [],
    followUps: [],
    referenceSignals: [],
    escalations: [],
    ...overrides,
  };
}

/** Interview on Thursday 26 Nov 2026, thank-you the same day, status e-mail to HR on Tuesday 1 Dec. */
export const afterHrEmail = (overrides: Partial<ApplicationHistory> = {}) =>
  application({ followUps: [thankYou('2026-11-26T15:00'), followUp('2026-12-01T08:30')], ...overrides });
