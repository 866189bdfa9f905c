import { Stage } from '@lib/pipeline';
import { Channel, ContactRole, DelayReason, Direction, Outcome, Purpose, ResponseKind } from '../follow-up-vocabulary';
import { EscalationLevel } from './escalation-level';

/** Everything the engine knows about one application: a snapshot of its history, read in one transaction. */
export interface ApplicationHistory {
  stage: Stage;
  stageChangedAt: Date;
  /** When the candidate was submitted (the application's first stage change). */
  submittedAt: Date;
  /** 1 (lukewarm) to 5 (wants it badly). */
  interestLevel: number;
  employer: { timezone: string; isLocal: boolean };
  /** The employer's contacts; at most one is the designated contact. */
  contacts: HistoryContact[];
  interviews: HistoryInterview[];
  debriefs: HistoryDebrief[];
  followUps: HistoryFollowUp[];
  referenceSignals: HistoryReferenceSignal[];
  /** Escalations raised on this application, open or resolved. */
  escalations: HistoryEscalation[];
}

export interface HistoryContact {
  id: string;
  fullName: string;
  role: ContactRole;
  isDesignatedContact: boolean;
}

export interface HistoryInterview {
  occurredAt: Date;
  interviewerContactIds: string[];
  arrangedByAgency: boolean;
}

export interface HistoryDebrief {
  heldAt: Date;
  promisedDecisionAt: Date | null;
  designatedContactId: string | null;
  callPermission: { slotAt: Date; bestWayToReach: string } | null;
}

export interface HistoryFollowUp {
  occurredAt: Date;
  contactId: string;
  contactRole: ContactRole;
  channel: Channel;
  purpose: Purpose;
  outcome: Outcome;
  direction: Direction;
  responseKind: ResponseKind | null;
  newDecisionAt: Date | null;
  resumeAt: Date | null;
  /** With a DELAYED response: why the employer paused (004), named in the ON_HOLD next step when known. */
  delayReason?: DelayReason | null;
}

export type ReferenceSignalKind = 'REFERENCES_REQUESTED' | 'REFERENCE_CONTACTED' | 'REFERENCE_CHECK_COMPLETED';

export interface HistoryReferenceSignal {
  kind: ReferenceSignalKind;
  occurredAt: Date;
}

export interface HistoryEscalation {
  level: EscalationLevel;
  /** The instant the rung was reckoned from (see EscalationRung.basisAt): with the level, the rung's identity. */
  basisAt: Date;
  raisedAt: Date;
  resolvedAt: Date | null;
}
