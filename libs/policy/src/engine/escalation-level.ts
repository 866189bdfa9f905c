/** The rungs of the escalation ladder (DOMAIN.md, follow-up policy). */
export enum EscalationLevel {
  /** The next step's due time passed by the policy's grace without it being done. */
  NEXT_STEP_OVERDUE = 'NEXT_STEP_OVERDUE',
  /** 000: no answer from HR: go around HR to the hiring manager. */
  HIRING_MANAGER = 'HIRING_MANAGER',
  /** 003: the hiring manager unanswered after N attempts, employer local: visit in person. */
  VISIT = 'VISIT',
  /** 003: the same, employer not local: a closing letter. */
  CLOSING_LETTER = 'CLOSING_LETTER',
  /** 003: everything tried, or long silence after the escalation: out of the running, keep the relationship. */
  OUT_OF_RUNNING = 'OUT_OF_RUNNING',
}
