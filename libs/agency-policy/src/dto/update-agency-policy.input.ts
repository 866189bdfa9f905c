import { Field, InputType, Int } from '@nestjs/graphql';
import { Weekday } from '@lib/policy';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsEnum,
  IsInt,
  IsISO31661Alpha2,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

@InputType()
export class ContactWindowInput {
  @Field()
  @Matches(TIME, { message: 'start must be a time HH:mm' })
  start!: string;

  @Field()
  @Matches(TIME, { message: 'end must be a time HH:mm' })
  end!: string;
}

@InputType()
export class HolidayCalendarInput {
  @Field()
  @IsISO31661Alpha2({ message: 'country must be an ISO 3166-1 alpha-2 code such as GB' })
  country!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  region?: string | null;

  @Field(() => [String], { nullable: true, defaultValue: [] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsISO8601({ strict: true }, { each: true, message: 'extraDates must be dates yyyy-MM-dd' })
  extraDates?: string[];
}

const days = (min: number, max: number) => [IsOptional(), IsInt(), Min(min), Max(max)];
const apply =
  (decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, key) =>
    decorators.forEach((decorator) => decorator(target, key));

/** Every field optional: what is given changes, the rest stays. */
@InputType()
export class UpdateAgencyPolicyInput {
  @Field(() => Int, { nullable: true })
  @apply(days(0, 5))
  thankYouWithinWorkingDays?: number;

  @Field(() => Int, { nullable: true })
  @apply(days(1, 10))
  hrStatusEmailAfterWorkingDays?: number;

  @Field(() => Int, { nullable: true })
  @apply(days(1, 30))
  statusCheckEveryWorkingDays?: number;

  @Field(() => Int, { nullable: true })
  @apply(days(1, 20))
  minimumGapWorkingDays?: number;

  @Field(() => [Weekday], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsEnum(Weekday, { each: true })
  contactDays?: Weekday[];

  @Field(() => [ContactWindowInput], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(6)
  @ValidateNested({ each: true })
  @Type(() => ContactWindowInput)
  contactWindows?: ContactWindowInput[];

  @Field(() => Int, { nullable: true })
  @apply(days(0, 10))
  callAfterPromisedDateWorkingDays?: number;

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  leaveMessageWithGatekeeper?: boolean;

  @Field(() => Int, { nullable: true })
  @apply(days(1, 60))
  escalateToHiringManagerAfterWorkingDays?: number;

  @Field(() => Int, { nullable: true })
  @apply(days(1, 10))
  hiringManagerAttemptsBeforeVisit?: number;

  @Field(() => Int, { nullable: true })
  @apply(days(5, 120))
  outOfRunningAfterWorkingDays?: number;

  @Field(() => Int, { nullable: true })
  @apply(days(5, 120))
  longSilenceAfterWorkingDays?: number;

  @Field(() => Int, { nullable: true })
  @apply(days(1, 60))
  lowPressureContactEveryWorkingDays?: number;

  @Field(() => Int, { nullable: true })
  @apply(days(0, 20))
  overdueGraceWorkingDays?: number;

  @Field(() => Int, { nullable: true })
  @apply(days(0, 90))
  erasureReviewDays?: number;

  @Field(() => Int, { nullable: true })
  @apply(days(30, 3650))
  rejectedRetentionDays?: number;

  @Field(() => Int, { nullable: true })
  @apply(days(0, 23))
  weeklyReportHour?: number;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsEmail({}, { each: true, message: 'Each report recipient must be an e-mail address' })
  reportRecipients?: string[];

  @Field(() => HolidayCalendarInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => HolidayCalendarInput)
  holidays?: HolidayCalendarInput;
}
