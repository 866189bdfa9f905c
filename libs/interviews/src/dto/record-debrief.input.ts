import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsFreeText, IsId } from '@lib/errors';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDate,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

@InputType()
export class CallPermissionInput {
  @Field({ description: 'The agreed time to call' })
  @Type(() => Date)
  @IsDate()
  slotAt!: Date;

  @Field({ description: 'How to get through at that time' })
  @IsFreeText(500)
  @IsNotEmpty()
  bestWayToReach!: string;
}

@InputType()
export class RecordDebriefInput {
  @Field(() => ID)
  @IsId()
  interviewId!: string;

  @Field({ description: 'When the debrief took place; not in the future' })
  @Type(() => Date)
  @IsDate()
  heldAt!: Date;

  @Field(() => Int, { description: 'How it went, 1 (badly) to 5 (very well)' })
  @IsInt()
  @Min(1)
  @Max(5)
  rating!: number;

  @Field({ description: 'Did the candidate ask how they did and what the next steps are?' })
  @IsBoolean()
  askedAboutNextSteps!: boolean;

  @Field({ nullable: true, description: 'The decision date the employer promised' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  promisedDecisionAt?: Date;

  @Field(() => ID, { nullable: true, description: 'Who promised it' })
  @IsOptional()
  @IsId()
  promisedByContactId?: string;

  @Field(() => ID, { nullable: true, description: 'The person with current information on the process (004)' })
  @IsOptional()
  @IsId()
  designatedContactId?: string;

  @Field(() => CallPermissionInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => CallPermissionInput)
  callPermission?: CallPermissionInput;

  @Field(() => [String], { description: 'Strengths to press in follow-ups' })
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  strengths!: string[];

  @Field({ nullable: true, description: 'Observations to quote in an interest letter' })
  @IsOptional()
  @IsFreeText(5000)
  observations?: string;

  @Field({ nullable: true, description: 'Counselor-only notes' })
  @IsOptional()
  @IsFreeText(5000)
  notes?: string;
}
