/** The pipeline stages of an application (DOMAIN.md, "Pipeline stages"). */
export enum Stage {
  SUBMITTED = 'SUBMITTED',
  INTERVIEWING = 'INTERVIEWING',
  AWAITING_DECISION = 'AWAITING_DECISION',
  REFERENCE_CHECK = 'REFERENCE_CHECK',
  OFFER_VERBAL = 'OFFER_VERBAL',
  OFFER_WRITTEN = 'OFFER_WRITTEN',
  PLACED = 'PLACED',
  REJECTED = 'REJECTED',
  WITHDRAWN = 'WITHDRAWN',
  OUT_OF_RUNNING = 'OUT_OF_RUNNING',
  ON_HOLD = 'ON_HOLD',
}

/** The stages as an SQL list, for CHECK constraints: `'SUBMITTED', 'INTERVIEWING', ...`. */
export const STAGE_SQL_LIST = Object.values(Stage)
  .map((stage) => `'${stage}'`)
  .join(', ');
