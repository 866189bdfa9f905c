import { createUnionType, Field, ID, ObjectType } from '@nestjs/graphql';
import { Channel, DelayReason, Direction, Outcome, Purpose, ResponseKind } from '@lib/policy';
import './graphql-enums';

@ObjectType('FollowUpResponse')
export class FollowUpResponseModel {
  @Field(() => ResponseKind)
  kind!: ResponseKind;

  @Field(() => Date, { nullable: true })
  newDecisionAt!: Date | null;

  @Field(() => DelayReason, { nullable: true })
  delayReason!: DelayReason | null;

  @Field(() => Date, { nullable: true })
  resumeAt!: Date | null;
}

/** The GraphQL type's name, for what its fields read (readsProperties). */
export const FOLLOW_UP_TYPE = 'FollowUp';

@ObjectType(FOLLOW_UP_TYPE)
export class FollowUpModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  applicationId!: string;

  @Field(() => Channel)
  channel!: Channel;

  @Field(() => Purpose)
  purpose!: Purpose;

  @Field(() => Outcome)
  outcome!: Outcome;

  @Field(() => Direction)
  direction!: Direction;

  @Field()
  occurredAt!: Date;

  @Field(() => String, { nullable: true, description: 'Counselor-only' })
  notes!: string | null;

  @Field(() => String, { nullable: true, description: 'Why the minimum gap was overridden, if it was' })
  overrideReason!: string | null;

  @Field(() => ID, { nullable: true })
  loggedByUserId!: string | null;
}

/** The stalker guard's answer: too soon after the last contact, and from when it is not. */
@ObjectType()
export class FollowUpTooSoon {
  @Field()
  nextAllowedAt!: Date;

  @Field()
  reason!: string;
}

export const LogFollowUpResult = createUnionType({
  name: 'LogFollowUpResult',
  types: () => [FollowUpModel, FollowUpTooSoon] as const,
  resolveType: (value) => (value instanceof FollowUpTooSoon ? FollowUpTooSoon : FollowUpModel),
});
