import { ConnectionType } from '@lib/graphql';
import { Channel, ContactRole, DelayReason, Direction, NextAction, Outcome, Purpose, ResponseKind } from '@lib/policy';
import { Stage } from '@lib/pipeline';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

/*
 * The candidate portal's types. They are the field-level rule, declared once:
 * a portal type simply has no field for what only staff may see (counselor
 * notes, override reasons, temperature, escalations, audit data, other
 * candidates), so no resolver can leak it.
 */

@ObjectType('PortalNextStep', { description: 'What happens next, in the candidate’s words' })
export class PortalNextStepModel {
  @Field(() => NextAction)
  action!: NextAction;

  @Field({ description: 'e.g. "Send a thank-you e-mail to Helen Manager today"' })
  text!: string;

  @Field({ description: 'True when it is the candidate’s own step, false when the counselor acts' })
  candidateActs!: boolean;

  @Field(() => Date, { nullable: true })
  dueAt!: Date | null;
}

@ObjectType('PortalEmployerResponse')
export class PortalEmployerResponseModel {
  @Field(() => ResponseKind)
  kind!: ResponseKind;

  @Field(() => Date, { nullable: true })
  newDecisionAt!: Date | null;

  @Field(() => DelayReason, { nullable: true })
  delayReason!: DelayReason | null;

  @Field(() => Date, { nullable: true })
  resumeAt!: Date | null;
}

@ObjectType('PortalFollowUp', { description: 'A contact with the employer, without staff notes' })
export class PortalFollowUpModel {
  @Field(() => ID)
  id!: string;

  @Field()
  occurredAt!: Date;

  @Field(() => Channel)
  channel!: Channel;

  @Field(() => Purpose)
  purpose!: Purpose;

  @Field(() => Outcome)
  outcome!: Outcome;

  @Field(() => Direction)
  direction!: Direction;

  @Field(() => ContactRole, { description: 'Who at the employer' })
  contactRole!: ContactRole;

  @Field(() => PortalEmployerResponseModel, { nullable: true, description: 'The employer’s answer, if any' })
  response!: PortalEmployerResponseModel | null;
}

@ObjectType('PortalDebrief', { description: 'The candidate’s debrief, without the counselor’s notes' })
export class PortalDebriefModel {
  @Field()
  heldAt!: Date;

  @Field(() => Int)
  rating!: number;

  @Field()
  askedAboutNextSteps!: boolean;

  @Field(() => Date, { nullable: true })
  promisedDecisionAt!: Date | null;

  @Field(() => [String])
  strengths!: string[];

  @Field(() => String, { nullable: true })
  observations!: string | null;
}

@ObjectType('PortalInterview')
export class PortalInterviewModel {
  @Field(() => ID)
  id!: string;

  @Field()
  occurredAt!: Date;

  @Field()
  arrangedByAgency!: boolean;

  @Field(() => PortalDebriefModel, { nullable: true })
  debrief!: PortalDebriefModel | null;
}

@ObjectType('PortalReferenceSignal')
export class PortalReferenceSignalModel {
  @Field()
  kind!: string;

  @Field()
  occurredAt!: Date;
}

@ObjectType('PortalApplication', { description: 'One of the candidate’s own applications' })
export class PortalApplicationModel {
  @Field(() => ID)
  id!: string;

  @Field(() => Stage)
  stage!: Stage;

  @Field()
  stageChangedAt!: Date;

  @Field()
  positionTitle!: string;

  @Field()
  employerName!: string;
}

@ObjectType()
export class PortalApplicationConnection extends ConnectionType(PortalApplicationModel) {}

@ObjectType('PortalReference', { description: 'One of the candidate’s referees' })
export class PortalReferenceModel {
  @Field(() => ID)
  id!: string;

  @Field()
  fullName!: string;

  @Field(() => String, { nullable: true })
  relationship!: string | null;

  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field(() => String, { nullable: true })
  phone!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the referee was told their details are held' })
  informedAt!: Date | null;
}

@ObjectType('PortalDebriefRequest')
export class PortalDebriefRequestModel {
  @Field(() => ID)
  interviewId!: string;

  @Field({ description: 'The soonest preferred time: when the counselor’s task is due' })
  dueAt!: Date;
}

@ObjectType('PortalErasureRequest')
export class PortalErasureRequestModel {
  @Field()
  requestedAt!: Date;

  @Field({ description: 'When the erasure is carried out, after the agency’s review period' })
  eraseAfter!: Date;

  @Field(() => Date, { nullable: true })
  completedAt!: Date | null;
}
