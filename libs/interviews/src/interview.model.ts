import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('Interview')
export class InterviewModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  applicationId!: string;

  @Field()
  occurredAt!: Date;

  @Field()
  arrangedByAgency!: boolean;
}
