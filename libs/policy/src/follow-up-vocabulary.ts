/** The words of a follow-up (DOMAIN.md, "Follow-up"). */
export enum Channel {
  EMAIL = 'EMAIL',
  PHONE = 'PHONE',
  LETTER = 'LETTER',
  LINKEDIN = 'LINKEDIN',
  IN_PERSON = 'IN_PERSON',
  OTHER = 'OTHER',
}

export enum Purpose {
  THANK_YOU = 'THANK_YOU',
  STATUS_CHECK = 'STATUS_CHECK',
  INTEREST_LETTER = 'INTEREST_LETTER',
  ESCALATION = 'ESCALATION',
  VISIT = 'VISIT',
  CLOSING_THANKS = 'CLOSING_THANKS',
}

export enum Outcome {
  REACHED = 'REACHED',
  NO_ANSWER = 'NO_ANSWER',
  BLOCKED_BY_GATEKEEPER = 'BLOCKED_BY_GATEKEEPER',
  MESSAGE_LEFT = 'MESSAGE_LEFT',
  REPLIED = 'REPLIED',
}

/** Who started the exchange: the agency or candidate reaching out, or the employer reaching in. */
export enum Direction {
  OUTBOUND = 'OUTBOUND',
  INBOUND = 'INBOUND',
}

export enum ResponseKind {
  STILL_INTERVIEWING = 'STILL_INTERVIEWING',
  DECISION_PENDING = 'DECISION_PENDING',
  DELAYED = 'DELAYED',
  REFERENCES_REQUESTED = 'REFERENCES_REQUESTED',
  REJECTED = 'REJECTED',
  OFFER_VERBAL = 'OFFER_VERBAL',
  OFFER_WRITTEN = 'OFFER_WRITTEN',
}

export enum DelayReason {
  BUDGET = 'BUDGET',
  VACATION = 'VACATION',
  HIRING_FREEZE = 'HIRING_FREEZE',
  PROCESS = 'PROCESS',
}

/** Who a contact at the employer is (DOMAIN.md, "Employer and employer contacts"). */
export enum ContactRole {
  HIRING_MANAGER = 'HIRING_MANAGER',
  HR = 'HR',
  GATEKEEPER = 'GATEKEEPER',
  INTERVIEWER = 'INTERVIEWER',
}
