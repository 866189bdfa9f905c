import { ConnectionType } from '@lib/graphql';
import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('Candidate')
export class CandidateModel {
  @Field(() => ID)
  id!: string;

  @Field()
  fullName!: string;

  @Field()
  email!: string;

  @Field(() => String, { nullable: true })
  phone!: string | null;

  @Field(() => ID)
  counselorId!: string;

  @Field()
  createdAt!: Date;
}

@ObjectType()
export class CandidateConnection extends ConnectionType(CandidateModel) {}
