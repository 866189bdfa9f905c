import { Weekday } from '@lib/policy';
import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

registerEnumType(Weekday, { name: 'Weekday' });

@ObjectType('ContactWindow')
export class ContactWindowModel {
  @Field({ description: "HH:mm, the employer's local time" })
  start!: string;

  @Field({ description: "HH:mm, the employer's local time" })
  end!: string;
}

@ObjectType('HolidayCalendar')
export class HolidayCalendarModel {
  @Field({ description: 'ISO 3166-1 alpha-2 country of the public holidays' })
  country!: string;

  @Field(() => String, { nullable: true, description: 'Subdivision, e.g. ENG, BY, CA' })
  region!: string | null;

  @Field(() => [String], { description: "The agency's own days off, yyyy-MM-dd" })
  extraDates!: string[];
}

/** The agency's follow-up policy (DOMAIN.md, "The follow-up policy"): every rule, in working days. */
@ObjectType('AgencyPolicy')
export class AgencyPolicyModel {
  @Field(() => Int, { description: 'Thank-you to the hiring manager: same day, at the latest after this many' })
  thankYouWithinWorkingDays!: number;

  @Field(() => Int, { description: 'Status e-mail to HR after the interview' })
  hrStatusEmailAfterWorkingDays!: number;

  @Field(() => Int, { description: 'Regular status check with the designated contact' })
  statusCheckEveryWorkingDays!: number;

  @Field(() => Int, { description: 'Minimum gap between two contacts with an employer (the stalker guard)' })
  minimumGapWorkingDays!: number;

  @Field(() => [Weekday])
  contactDays!: Weekday[];

  @Field(() => [ContactWindowModel])
  contactWindows!: ContactWindowModel[];

  @Field(() => Int, { description: 'A promised decision date passed with no news: call after this many' })
  callAfterPromisedDateWorkingDays!: number;

  @Field()
  leaveMessageWithGatekeeper!: boolean;

  @Field(() => Int, { description: 'No answer from HR for this long: go to the hiring manager' })
  escalateToHiringManagerAfterWorkingDays!: number;

  @Field(() => Int)
  hiringManagerAttemptsBeforeVisit!: number;

  @Field(() => Int, { description: 'Silence after the escalation before OUT_OF_RUNNING' })
  outOfRunningAfterWorkingDays!: number;

  @Field(() => Int)
  longSilenceAfterWorkingDays!: number;

  @Field(() => Int)
  lowPressureContactEveryWorkingDays!: number;

  @Field(() => Int, { description: 'A next step this many working days past due is escalated as overdue' })
  overdueGraceWorkingDays!: number;

  @Field(() => Int, { description: "Calendar days between a candidate's erasure request and its execution" })
  erasureReviewDays!: number;

  @Field(() => Int, { description: 'Calendar days after rejection before a rejected candidate is anonymised' })
  rejectedRetentionDays!: number;

  @Field(() => Int, { description: "The weekly report goes out on Monday at this hour of the agency's time zone" })
  weeklyReportHour!: number;

  @Field(() => [String], { description: "Who receives the weekly report; empty: the agency's admins" })
  reportRecipients!: string[];

  @Field(() => HolidayCalendarModel)
  holidays!: HolidayCalendarModel;
}
