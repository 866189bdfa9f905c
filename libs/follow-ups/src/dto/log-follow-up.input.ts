import { Field, ID, InputType } from '@nestjs/graphql';
import { IsFreeText, IsId } from '@lib/errors';
import { Channel, DelayReason, Direction, Outcome, Purpose, ResponseKind } from '@lib/policy';
import { Type } from 'class-transformer';
import { IsDate, IsEnum, IsNotEmpty, IsOptional, ValidateNested } from 'class-validator';
import '../graphql-enums';

@InputType()
export class FollowUpResponseInput {
  @Field(() => ResponseKind)
  @IsEnum(ResponseKind)
  kind!: ResponseKind;

  @Field({ nullable: true, description: 'With DECISION_PENDING: the new date the employer gave' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  newDecisionAt?: Date;

  @Field(() => DelayReason, { nullable: true, description: 'With DELAYED' })
  @IsOptional()
  @IsEnum(DelayReason)
  delayReason?: DelayReason;

  @Field({
    nullable: true,
    description: 'With DELAYED: when the process resumes; the application is ON_HOLD until then',
  })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  resumeAt?: Date;
}

@InputType()
export class FollowUpOverrideInput {
  @Field({ description: 'Why this contact cannot wait for the minimum gap' })
  @IsFreeText(500)
  @IsNotEmpty()
  reason!: string;
}

@InputType()
export class LogFollowUpInput {
  @Field(() => ID)
  @IsId()
  applicationId!: string;

  @Field(() => ID, { description: "A contact of the application's employer" })
  @IsId()
  contactId!: string;

  @Field(() => Channel)
  @IsEnum(Channel)
  channel!: Channel;

  @Field(() => Purpose)
  @IsEnum(Purpose)
  purpose!: Purpose;

  @Field(() => Outcome)
  @IsEnum(Outcome)
  outcome!: Outcome;

  @Field(() => Direction, { nullable: true, defaultValue: Direction.OUTBOUND })
  @IsOptional()
  @IsEnum(Direction)
  direction?: Direction;

  @Field({ description: 'When it took place; not in the future' })
  @Type(() => Date)
  @IsDate()
  occurredAt!: Date;

  @Field(() => FollowUpResponseInput, { nullable: true, description: "The employer's answer, if any" })
  @IsOptional()
  @ValidateNested()
  @Type(() => FollowUpResponseInput)
  response?: FollowUpResponseInput;

  @Field({ nullable: true, description: 'Counselor-only notes' })
  @IsOptional()
  @IsFreeText(5000)
  notes?: string;

  @Field(() => FollowUpOverrideInput, { nullable: true, description: 'Log it inside the minimum gap anyway' })
  @IsOptional()
  @ValidateNested()
  @Type(() => FollowUpOverrideInput)
  override?: FollowUpOverrideInput;
}
