import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('CallPermission')
export class CallPermissionModel {
  @Field()
  slotAt!: Date;

  @Field()
  bestWayToReach!: string;
}

@ObjectType('Debrief')
export class DebriefModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  interviewId!: string;

  @Field()
  heldAt!: Date;

  @Field(() => Int)
  rating!: number;

  @Field()
  askedAboutNextSteps!: boolean;

  @Field(() => Date, { nullable: true })
  promisedDecisionAt!: Date | null;

  @Field(() => ID, { nullable: true })
  promisedByContactId!: string | null;

  @Field(() => ID, { nullable: true })
  designatedContactId!: string | null;

  @Field(() => [String])
  strengths!: string[];

  @Field(() => String, { nullable: true })
  observations!: string | null;

  @Field(() => String, { nullable: true, description: 'Counselor-only' })
  notes!: string | null;
}
