/** How an escalation ended. */
export enum EscalationResolution {
  /** The counselor did what it recommended. */
  DONE = 'DONE',
  /** The counselor judged it needless. */
  DISMISSED = 'DISMISSED',
  /** Automatic: the employer answered. */
  EMPLOYER_ANSWERED = 'EMPLOYER_ANSWERED',
  /** Automatic: the application left the open stages. */
  APPLICATION_CLOSED = 'APPLICATION_CLOSED',
}

/** What a counselor may choose; the automatic resolutions are the system's to record. */
export enum CounselorResolution {
  DONE = 'DONE',
  DISMISSED = 'DISMISSED',
}
