import { Args, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Application, ApplicationModel } from '@lib/applications';
import { RequestContext } from '@lib/context';
import { EmployerContact, EmployerContactModel } from '@lib/employers';
import { Ctx, rowsById, rowsByParent } from '@lib/graphql';
import { LogFollowUpInput } from './dto/log-follow-up.input';
import { FollowUp } from './follow-up.entity';
import { FollowUpModel, FollowUpResponseModel, FollowUpTooSoon, LogFollowUpResult } from './follow-up.model';
import { FollowUpsService } from './follow-ups.service';
import { lastFollowUps } from './last-follow-up.loader';

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
  async contact(@Ctx() ctx: RequestContext, @Parent() followUp: FollowUp): Promise<EmployerContact> {
    return (await rowsById(ctx, EmployerContact).load(followUp.contactId))!;
  }

  @ResolveField(() => FollowUpResponseModel, { nullable: true, description: "The employer's answer, if any" })
  response(@Parent() followUp: FollowUp): FollowUpResponseModel | null {
    if (!followUp.responseKind) return null;
    return {
      kind: followUp.responseKind,
      newDecisionAt: followUp.responseNewDecisionAt,
      delayReason: followUp.responseDelayReason,
      resumeAt: followUp.responseResumeAt,
    };
  }
}

@Resolver(() => ApplicationModel)
export class ApplicationFollowUpsResolver {
  @ResolveField(() => FollowUpModel, { nullable: true, description: 'The most recent contact with the employer' })
  lastFollowUp(@Ctx() ctx: RequestContext, @Parent() application: Application): Promise<FollowUp | null> {
    return lastFollowUps(ctx).load(application.id);
  }

  @ResolveField(() => [FollowUpModel], { description: 'Contacts with the employer, oldest first' })
  followUps(@Ctx() ctx: RequestContext, @Parent() application: Application): Promise<FollowUp[]> {
    return rowsByParent(ctx, FollowUp, 'applicationId', { occurredAt: 'ASC' }).load(application.id);
  }
}
