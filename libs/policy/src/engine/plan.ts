import { EscalationLevel } from './escalation-level';

/** What should happen next on an application. */
export enum NextAction {
  SEND_THANK_YOU = 'SEND_THANK_YOU',
  EMAIL_HR_STATUS = 'EMAIL_HR_STATUS',
  STATUS_CHECK = 'STATUS_CHECK',
  CALL_PROMISED_DATE_PASSED = 'CALL_PROMISED_DATE_PASSED',
  CALL_AT_PERMISSION = 'CALL_AT_PERMISSION',
  ESCALATE_TO_HIRING_MANAGER = 'ESCALATE_TO_HIRING_MANAGER',
  VISIT = 'VISIT',
  CLOSING_LETTER = 'CLOSING_LETTER',
  MARK_OUT_OF_RUNNING = 'MARK_OUT_OF_RUNNING',
  LOW_PRESSURE_CHECK = 'LOW_PRESSURE_CHECK',
  /** ON_HOLD: nothing until the employer's resume date; dueAt is that date's first contact slot. */
  RESUME_AFTER_HOLD = 'RESUME_AFTER_HOLD',
  SEND_CLOSING_THANKS = 'SEND_CLOSING_THANKS',
  /** The campaign is over (written offer, placed, withdrawn, out of the running, closing thanks sent). */
  NONE = 'NONE',
}

export interface NextStep {
  action: NextAction;
  /** When it is due, in UTC; null only for NONE. */
  dueAt: Date | null;
  /** Whom to contact; null when the employer has no suitable contact or for NONE. */
  contactId: string | null;
  /** Why, in words a counselor understands, naming the rule (e.g. "Two working days after the interview ..."). */
  reason: string;
}

/** The next escalation that is not raised yet in the current silence, and when it falls due. */
export interface EscalationRung {
  level: EscalationLevel;
  dueAt: Date;
  /**
   * What the rung is reckoned from: the start of the silence for the ladder,
   * the next step's due time for NEXT_STEP_OVERDUE. (level, basisAt) is the
   * rung's identity: the database raises each identity once.
   */
  basisAt: Date;
  /** Plain words: "No answer from HR for 10 working days since the interview on 3 Dec". */
  reason: string;
  /** Plain words: "Call Ms Jones, the hiring manager, ...". */
  recommendedAction: string;
  contactId: string | null;
}

export interface TemperatureReason {
  /** Signed contribution to the score. */
  points: number;
  /** Plain words: "References requested on 4 Dec (+15)". */
  text: string;
}

export interface Temperature {
  /** 0 (cold) to 100 (hot). */
  score: number;
  reasons: TemperatureReason[];
}

export interface FollowUpPlan {
  nextStep: NextStep;
  escalation: EscalationRung | null;
  temperature: Temperature;
  /**
   * The next instant at which time alone changes the plan without being one
   * of its due times (a promised decision date passing, a long silence
   * beginning): when the application must be planned again. Null if none.
   */
  revisitAt: Date | null;
}
