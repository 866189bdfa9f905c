import { registerEnumType } from '@nestjs/graphql';

/** How a counselor's lists can be ordered. */
export enum PipelineOrder {
  /** Oldest first. */
  CREATED = 'CREATED',
  /** Hottest first (the temperature score), so the live ones get the day's attention. */
  TEMPERATURE = 'TEMPERATURE',
  /** Soonest due next step first: overdue ones on top, nothing due at the end. */
  DUE_AT = 'DUE_AT',
}

registerEnumType(PipelineOrder, { name: 'PipelineOrder' });
