import { Stage } from '@lib/pipeline';

/** `OFFER_VERBAL` → `Offer verbal`: the vocabulary's values, readable in a report. */
export function labelOf(key: string): string {
  const words = key.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The funnel's order: the way forward first, then the ways out. */
export const STAGE_ORDER: readonly string[] = [
  Stage.SUBMITTED,
  Stage.INTERVIEWING,
  Stage.AWAITING_DECISION,
  Stage.REFERENCE_CHECK,
  Stage.OFFER_VERBAL,
  Stage.OFFER_WRITTEN,
  Stage.PLACED,
  Stage.ON_HOLD,
  Stage.REJECTED,
  Stage.WITHDRAWN,
  Stage.OUT_OF_RUNNING,
];

export function byStageOrder<T extends { stage: string }>(stages: readonly T[]): T[] {
  const rank = (stage: string) => {
    const index = STAGE_ORDER.indexOf(stage);
    return index === -1 ? STAGE_ORDER.length : index;
  };
  return [...stages].sort((a, b) => rank(a.stage) - rank(b.stage));
}
