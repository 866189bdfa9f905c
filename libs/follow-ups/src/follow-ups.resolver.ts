import { Args, Mutation, ResolveField, Resolver } from '@nestjs/graphql';
import { Application, ApplicationModel } from '@lib/applications';
import { RequestContext } from '@lib/context';
import { EmployerContact, EmployerContactModel } from '@lib/employers';
import { Ctx, GraphqlContext, joinsAhead, readsProperties, rowById, rowsByParent } from '@lib/graphql';
import { GraphQLResolveInfo } from 'graphql';
import { LogFollowUpInput } from './dto/log-follow-up.input';
import { FollowUp } from './follow-up.entity';
import {
  FOLLOW_UP_TYPE,
  FollowUpModel,
  FollowUpResponseModel,
  FollowUpTooSoon,
  LogFollowUpResult,
} from './follow-up.model';
import { FollowUpsService } from './follow-ups.service';
import { joinLastFollowUps } from './last-follow-up.join';
import { lastFollowUpColumns, lastFollowUps } from './last-follow-up.loader';

@Resolver(() => FollowUpModel)
export class FollowUpsResolver {
  constructor(private readonly followUps: FollowUpsService) {}

  @Mutation(() => LogFollowUpResult, {
    description: 'FollowUpTooSoon when inside the minimum gap after the last contact, unless overridden with a reason',
  })
  logFollowUp(@Ctx() ctx: RequestContext, @Args('input') input: LogFollowUpInput): Promise<FollowUp | FollowUpTooSoon> {
    return this.followUps.log(ctx, input);
  }

  @ResolveField(() => EmployerContactModel)
  contact(
    followUp: FollowUp,
    _args: unknown,
    { ctx }: GraphqlContext,
  ): EmployerContact | Promise<EmployerContact | undefined> {
    return rowById(ctx, EmployerContact, followUp.contactId);
  }

  @ResolveField(() => FollowUpResponseModel, { nullable: true, description: "The employer's answer, if any" })
  response(followUp: FollowUp): FollowUpResponseModel | null {
    if (!followUp.responseKind) return null;
    return {
      kind: followUp.responseKind,
      newDecisionAt: followUp.responseNewDecisionAt,
      delayReason: followUp.responseDelayReason,
      resumeAt: followUp.responseResumeAt,
    };
  }
}

// What the resolved fields above read of a follow-up, for the statements that read only some of its columns.
readsProperties(FOLLOW_UP_TYPE, 'contact', ['contactId']);
readsProperties(FOLLOW_UP_TYPE, 'response', [
  'responseKind',
  'responseNewDecisionAt',
  'responseDelayReason',
  'responseResumeAt',
]);

// Read by the applications' own statement, joined (a page of a candidate's applications).
joinsAhead(ApplicationModel, 'lastFollowUp', joinLastFollowUps);

@Resolver(() => ApplicationModel)
export class ApplicationFollowUpsResolver {
  @ResolveField(() => FollowUpModel, { nullable: true, description: 'The most recent contact with the employer' })
  lastFollowUp(
    application: Application,
    _args: unknown,
    { ctx }: GraphqlContext,
    selection: GraphQLResolveInfo,
  ): FollowUp | null | Promise<FollowUp | null> {
    return lastFollowUps(ctx, lastFollowUpColumns(selection)).get(application.id);
  }

  @ResolveField(() => [FollowUpModel], { description: 'Contacts with the employer, oldest first' })
  followUps(application: Application, _args: unknown, { ctx }: GraphqlContext): Promise<FollowUp[]> {
    return rowsByParent(ctx, FollowUp, 'applicationId', { occurredAt: 'ASC' }).load(application.id);
  }
}
