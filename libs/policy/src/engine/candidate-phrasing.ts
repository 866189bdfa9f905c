import { DateTime } from 'luxon';
import { NextAction } from './plan';
import { zoneNamed } from '../remembered-zone';

export interface CandidatePhrase {
  /** What the candidate reads in the portal. */
  text: string;
  /** Whether it is the candidate's own step (else the counselor's). */
  candidateActs: boolean;
}

export interface PhrasingInput {
  action: NextAction;
  dueAt: Date | null;
  contactName: string | null;
  employerName: string;
  /** The employer's time zone: the day and time are theirs. */
  timezone: string;
  now: Date;
}

/** "today", "tomorrow morning", "on Tuesday at lunchtime", "on Tue 5 Jan in the morning". */
function when(dueAt: Date, timezone: string, now: Date): string {
  const zone = zoneNamed(timezone);
  const due = DateTime.fromJSDate(dueAt, { zone });
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  const days = Math.round(due.startOf('day').diff(today, 'days').days);
  const part = due.hour < 12 ? 'morning' : due.hour < 14 ? 'at lunchtime' : 'at the end of the day';
  const partAfterDay = part === 'morning' ? 'in the morning' : part;
  if (days <= 0) return due < DateTime.fromJSDate(now, { zone }) ? 'as soon as possible' : 'today';
  if (days === 1) return part === 'morning' ? 'tomorrow morning' : `tomorrow ${part}`;
  if (days < 7) return part === 'morning' ? `on ${due.toFormat('cccc')} morning` : `on ${due.toFormat('cccc')} ${part}`;
  return `on ${due.toFormat('ccc d LLL')} ${partAfterDay}`;
}

/**
 * The next step in the candidate's words: what they do themselves (the
 * thank-you, the closing thanks, a visit) and what their counselor does for
 * them, with the day in the employer's time. Nothing of the policy's
 * internals (rungs, temperature, reasons) shows through.
 */
export function phraseForCandidate(input: PhrasingInput): CandidatePhrase {
  const who = input.contactName ?? `the right person at ${input.employerName}`;
  const at = input.dueAt ? when(input.dueAt, input.timezone, input.now) : '';
  const counselor = (text: string): CandidatePhrase => ({ text: `Your counselor ${text}`, candidateActs: false });
  const yours = (text: string): CandidatePhrase => ({ text, candidateActs: true });
  switch (input.action) {
    case NextAction.SEND_THANK_YOU:
      return yours(`Send a thank-you e-mail to ${who} ${at}`);
    case NextAction.SEND_CLOSING_THANKS:
      return yours(`Send ${who} a short thank-you and ask to be considered for future openings ${at}`);
    case NextAction.VISIT:
      return yours(`Visit ${who} in person ${at}; if they are unavailable, leave a note with your resume`);
    case NextAction.EMAIL_HR_STATUS:
      return counselor(`e-mails ${who} ${at} to ask when a decision will be made`);
    case NextAction.STATUS_CHECK:
    case NextAction.LOW_PRESSURE_CHECK:
      return counselor(`checks in with ${who} ${at}`);
    case NextAction.CALL_PROMISED_DATE_PASSED:
      return counselor(`calls ${who} ${at}: the promised decision date has passed`);
    case NextAction.CALL_AT_PERMISSION:
      return counselor(`calls ${who} ${at}, at the time agreed at your interview`);
    case NextAction.ESCALATE_TO_HIRING_MANAGER:
      return counselor(`contacts the hiring manager, ${who}, ${at}`);
    case NextAction.CLOSING_LETTER:
      return counselor(`sends ${who} a letter restating your interest ${at}`);
    case NextAction.MARK_OUT_OF_RUNNING:
      return counselor('will talk with you about where this application stands');
    case NextAction.RESUME_AFTER_HOLD:
      return counselor(`follows up ${at}, when the employer resumes hiring`);
    case NextAction.NONE:
      return { text: 'No follow-up is planned for this application', candidateActs: false };
  }
}
