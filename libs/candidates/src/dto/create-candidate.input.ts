import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEmailAddress, IsId, IsName, IsPhone } from '@lib/errors';
import { IsOptional } from 'class-validator';

@InputType()
export class CreateCandidateInput {
  @Field()
  @IsName()
  fullName!: string;

  @Field()
  @IsEmailAddress()
  email!: string;

  @Field({ nullable: true, description: 'International format, e.g. +44 20 7946 0958' })
  @IsOptional()
  @IsPhone()
  phone?: string;

  @Field(() => ID, { nullable: true, description: 'The owning counselor; the caller when omitted' })
  @IsOptional()
  @IsId()
  counselorId?: string;
}
