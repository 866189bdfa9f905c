/** Days of the week an agency may contact employers on (003: avoid Mondays and Fridays). */
export enum Weekday {
  MONDAY = 'MONDAY',
  TUESDAY = 'TUESDAY',
  WEDNESDAY = 'WEDNESDAY',
  THURSDAY = 'THURSDAY',
  FRIDAY = 'FRIDAY',
}

/** A window of the employer's local time, "HH:mm" to "HH:mm". */
export interface ContactWindow {
  start: string;
  end: string;
}

/**
 * An agency's follow-up policy: every rule of the DOMAIN.md table as a field.
 * The defaults are the articles' (the source of each is in DOMAIN.md).
 */
export interface FollowUpPolicy {
  /** 002 step one: the thank-you the same day, at the latest the next working day. */
  thankYouWithinWorkingDays: number;
  /** 002 step two: the status e-mail to HR. */
  hrStatusEmailAfterWorkingDays: number;
  /** 001, 004: the regular status check with the designated contact, 5 to 10. */
  statusCheckEveryWorkingDays: number;
  /** 002 step three, 004: the stalker guard. */
  minimumGapWorkingDays: number;
  /** 003 */
  contactDays: Weekday[];
  /** 003: start of day, lunchtime, end of day, in the employer's time. */
  contactWindows: ContactWindow[];
  /** 003: a promised decision date passed with no news: call after this many working days. */
  callAfterPromisedDateWorkingDays: number;
  /** 003 (never) vs 001: leaving a message with a gatekeeper. */
  leaveMessageWithGatekeeper: boolean;
  /** 000: no answer from HR for this long: go to the hiring manager. */
  escalateToHiringManagerAfterWorkingDays: number;
  /** 003: unanswered hiring-manager attempts before recommending a visit or a closing letter. */
  hiringManagerAttemptsBeforeVisit: number;
  /** 003: silence after the escalation before OUT_OF_RUNNING. */
  outOfRunningAfterWorkingDays: number;
  /** 001: after about six weeks of silence, a low-pressure contact this often. */
  longSilenceAfterWorkingDays: number;
  lowPressureContactEveryWorkingDays: number;
  /** A next step this many working days past its due time is escalated to the counselor as overdue. */
  overdueGraceWorkingDays: number;
  /** Data rights: days between a candidate's erasure request and its execution (the agency's review). */
  erasureReviewDays: number;
  /** Data rights: days after a rejection before a candidate with only rejected applications is anonymised. */
  rejectedRetentionDays: number;
  /** The weekly report goes out on Monday at this hour of the agency's time zone. */
  weeklyReportHour: number;
  /** Who receives the weekly report by e-mail; empty: the agency's admins. */
  reportRecipients: string[];
  /** The holiday calendar: country and region of date-holidays, and the agency's own days off. */
  holidayCountry: string;
  holidayRegion: string | null;
  extraHolidays: string[];
}

export function defaultFollowUpPolicy(country: string): FollowUpPolicy {
  return {
    thankYouWithinWorkingDays: 1,
    hrStatusEmailAfterWorkingDays: 2,
    statusCheckEveryWorkingDays: 7,
    minimumGapWorkingDays: 5,
    contactDays: [Weekday.TUESDAY, Weekday.WEDNESDAY, Weekday.THURSDAY],
    contactWindows: [
      { start: '08:00', end: '09:30' },
      { start: '12:00', end: '13:00' },
      { start: '17:00', end: '18:00' },
    ],
    callAfterPromisedDateWorkingDays: 1,
    leaveMessageWithGatekeeper: false,
    escalateToHiringManagerAfterWorkingDays: 10,
    hiringManagerAttemptsBeforeVisit: 3,
    outOfRunningAfterWorkingDays: 30,
    longSilenceAfterWorkingDays: 30,
    lowPressureContactEveryWorkingDays: 10,
    overdueGraceWorkingDays: 2,
    erasureReviewDays: 30,
    rejectedRetentionDays: 365,
    weeklyReportHour: 7,
    reportRecipients: [],
    holidayCountry: country,
    holidayRegion: null,
    extraHolidays: [],
  };
}
