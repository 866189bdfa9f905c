import { InputType, Field, ID, OmitType } from '@nestjs/graphql';
import { IsEmailAddress, IsFreeText, IsId, IsName, IsPhone } from '@lib/errors';
import { LogFollowUpInput } from '@lib/follow-ups';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDate, IsOptional } from 'class-validator';

/** A follow-up the candidate made themselves: the counselor's input without the counselor-only notes. */
@InputType()
export class LogMyFollowUpInput extends OmitType(LogFollowUpInput, ['notes'] as const, InputType) {}

@InputType()
export class AddMyReferenceInput {
  @Field()
  @IsName()
  fullName!: string;

  @Field({ nullable: true, description: 'e.g. "former manager"' })
  @IsOptional()
  @IsFreeText(200)
  relationship?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsEmailAddress()
  email?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsPhone()
  phone?: string;

  @Field({ description: 'When the referee was told their details are held; not in the future' })
  @Type(() => Date)
  @IsDate()
  informedAt!: Date;
}

@InputType()
export class RequestDebriefInput {
  @Field(() => ID)
  @IsId()
  interviewId!: string;

  @Field(() => [Date], { description: 'Times that suit the candidate, soonest first' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @Type(() => Date)
  @IsDate({ each: true })
  preferredTimes!: Date[];
}
