import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum TimelineEventKind {
  STAGE_CHANGED = 'STAGE_CHANGED',
  INTERVIEW = 'INTERVIEW',
  DEBRIEF = 'DEBRIEF',
  FOLLOW_UP = 'FOLLOW_UP',
  REFERENCE_SIGNAL = 'REFERENCE_SIGNAL',
  TASK = 'TASK',
}

registerEnumType(TimelineEventKind, { name: 'TimelineEventKind' });

@ObjectType('TimelineEvent')
export class TimelineEventModel {
  @Field()
  at!: Date;

  @Field(() => TimelineEventKind)
  kind!: TimelineEventKind;

  @Field({ description: 'What happened, in words' })
  summary!: string;

  @Field(() => ID, { description: 'The record behind the event' })
  recordId!: string;
}
