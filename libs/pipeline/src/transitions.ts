import { Stage } from './stage';

/**
 * Every stage move a counselor may make, in one place. Closed stages
 * (PLACED, REJECTED, WITHDRAWN) admit no move; OUT_OF_RUNNING can be reopened
 * when the employer comes back, because an application is never assumed lost
 * unless the employer says so (001). ON_HOLD resumes to any open stage.
 * Only OFFER_WRITTEN ends the campaign (003), so a verbal offer still moves on.
 */
const ACTIVE_TARGETS = [
  Stage.INTERVIEWING,
  Stage.AWAITING_DECISION,
  Stage.REFERENCE_CHECK,
  Stage.OFFER_VERBAL,
  Stage.OFFER_WRITTEN,
];
const EXITS = [Stage.REJECTED, Stage.WITHDRAWN, Stage.OUT_OF_RUNNING, Stage.ON_HOLD];

const ALLOWED: Record<Stage, readonly Stage[]> = {
  [Stage.SUBMITTED]: [Stage.INTERVIEWING, Stage.REJECTED, Stage.WITHDRAWN, Stage.ON_HOLD],
  [Stage.INTERVIEWING]: [
    Stage.AWAITING_DECISION,
    Stage.REFERENCE_CHECK,
    Stage.OFFER_VERBAL,
    Stage.OFFER_WRITTEN,
    ...EXITS,
  ],
  [Stage.AWAITING_DECISION]: [
    Stage.INTERVIEWING,
    Stage.REFERENCE_CHECK,
    Stage.OFFER_VERBAL,
    Stage.OFFER_WRITTEN,
    ...EXITS,
  ],
  [Stage.REFERENCE_CHECK]: [
    Stage.INTERVIEWING,
    Stage.AWAITING_DECISION,
    Stage.OFFER_VERBAL,
    Stage.OFFER_WRITTEN,
    ...EXITS,
  ],
  [Stage.OFFER_VERBAL]: [Stage.OFFER_WRITTEN, ...EXITS],
  [Stage.OFFER_WRITTEN]: [Stage.PLACED, Stage.REJECTED, Stage.WITHDRAWN],
  [Stage.PLACED]: [],
  [Stage.REJECTED]: [],
  [Stage.WITHDRAWN]: [],
  [Stage.OUT_OF_RUNNING]: [Stage.INTERVIEWING, Stage.AWAITING_DECISION, Stage.REJECTED, Stage.WITHDRAWN],
  [Stage.ON_HOLD]: [...ACTIVE_TARGETS, Stage.REJECTED, Stage.WITHDRAWN, Stage.OUT_OF_RUNNING],
};

export const CLOSED_STAGES: readonly Stage[] = [Stage.PLACED, Stage.REJECTED, Stage.WITHDRAWN, Stage.OUT_OF_RUNNING];

export function allowedMoves(from: Stage): readonly Stage[] {
  return ALLOWED[from];
}

export function canMove(from: Stage, to: Stage): boolean {
  return ALLOWED[from].includes(to);
}

export function isOpen(stage: Stage): boolean {
  return !CLOSED_STAGES.includes(stage);
}
