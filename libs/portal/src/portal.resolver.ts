import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Application } from '@lib/applications';
import { InvitationModel } from '@lib/auth';
import { RequestContext, Role, Roles } from '@lib/context';
import { Employer, EmployerContact, Position } from '@lib/employers';
import { FollowUp } from '@lib/follow-ups';
import { Connection, Ctx, PaginationArgs, ParseIdPipe, rowsById, rowsByParent } from '@lib/graphql';
import { Debrief, Interview } from '@lib/interviews';
import { ApplicationNextStep } from '@lib/next-steps';
import { phraseForCandidate } from '@lib/policy';
import { ReferenceSignal } from '@lib/references';
import { Clock } from '@lib/clock';
import { CandidateInvitationsService } from './candidate-invitations.service';
import {
  PortalApplicationConnection,
  PortalApplicationModel,
  PortalFollowUpModel,
  PortalInterviewModel,
  PortalNextStepModel,
  PortalReferenceSignalModel,
} from './portal.models';
import { PortalService } from './portal.service';

@Resolver(() => PortalApplicationModel)
export class PortalResolver {
  constructor(
    private readonly portal: PortalService,
    private readonly invitations: CandidateInvitationsService,
    private readonly clock: Clock,
  ) {}

  @Mutation(() => InvitationModel, { description: 'Invites a candidate to the self-service portal' })
  async inviteCandidate(
    @Ctx() ctx: RequestContext,
    @Args('candidateId', { type: () => ID }, ParseIdPipe) candidateId: string,
  ): Promise<InvitationModel> {
    const issued = await this.invitations.invite(ctx, candidateId);
    return { ...issued.invitation, token: issued.token };
  }

  @Roles(Role.CANDIDATE)
  @Query(() => PortalApplicationConnection, { description: 'The signed-in candidate’s applications, oldest first' })
  myApplications(@Ctx() ctx: RequestContext, @Args() args: PaginationArgs): Promise<Connection<Application>> {
    return this.portal.myApplications(ctx, args.first, args.after);
  }

  @Roles(Role.CANDIDATE)
  @Query(() => PortalApplicationModel)
  myApplication(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }, ParseIdPipe) id: string,
  ): Promise<Application> {
    return this.portal.myApplication(ctx, id);
  }

  @ResolveField(() => String)
  async positionTitle(@Ctx() ctx: RequestContext, @Parent() application: Application): Promise<string> {
    return (await rowsById(ctx, Position).load(application.positionId))!.title;
  }

  @ResolveField(() => String)
  async employerName(@Ctx() ctx: RequestContext, @Parent() application: Application): Promise<string> {
    return (await this.employerOf(ctx, application)).name;
  }

  @ResolveField(() => PortalNextStepModel, { nullable: true })
  async nextStep(@Ctx() ctx: RequestContext, @Parent() application: Application): Promise<PortalNextStepModel | null> {
    const [plan] = await rowsByParent(ctx, ApplicationNextStep, 'applicationId').load(application.id);
    if (!plan) return null;
    const employer = await this.employerOf(ctx, application);
    const contact = plan.contactId ? await rowsById(ctx, EmployerContact).load(plan.contactId) : undefined;
    const phrase = phraseForCandidate({
      action: plan.action,
      dueAt: plan.dueAt,
      contactName: contact?.fullName ?? null,
      employerName: employer.name,
      timezone: employer.timezone,
      now: this.clock.now(),
    });
    return { action: plan.action, dueAt: plan.dueAt, ...phrase };
  }

  @ResolveField(() => [PortalFollowUpModel], { description: 'The contacts with the employer, oldest first' })
  async followUps(@Ctx() ctx: RequestContext, @Parent() application: Application): Promise<PortalFollowUpModel[]> {
    const followUps = await rowsByParent(ctx, FollowUp, 'applicationId', { occurredAt: 'ASC' }).load(application.id);
    return Promise.all(
      followUps.map(async (followUp) => ({
        id: followUp.id,
        occurredAt: followUp.occurredAt,
        channel: followUp.channel,
        purpose: followUp.purpose,
        outcome: followUp.outcome,
        direction: followUp.direction,
        contactRole: (await rowsById(ctx, EmployerContact).load(followUp.contactId))!.role,
        response: followUp.responseKind
          ? {
              kind: followUp.responseKind,
              newDecisionAt: followUp.responseNewDecisionAt,
              delayReason: followUp.responseDelayReason,
              resumeAt: followUp.responseResumeAt,
            }
          : null,
      })),
    );
  }

  @ResolveField(() => [PortalInterviewModel], { description: 'Interviews and their debriefs, oldest first' })
  async interviews(@Ctx() ctx: RequestContext, @Parent() application: Application): Promise<PortalInterviewModel[]> {
    const interviews = await rowsByParent(ctx, Interview, 'applicationId', { occurredAt: 'ASC' }).load(application.id);
    return Promise.all(
      interviews.map(async (interview) => {
        const [debrief] = await rowsByParent(ctx, Debrief, 'interviewId').load(interview.id);
        return {
          id: interview.id,
          occurredAt: interview.occurredAt,
          arrangedByAgency: interview.arrangedByAgency,
          debrief: debrief
            ? {
                heldAt: debrief.heldAt,
                rating: debrief.rating,
                askedAboutNextSteps: debrief.askedAboutNextSteps,
                promisedDecisionAt: debrief.promisedDecisionAt,
                strengths: debrief.strengths,
                observations: debrief.observations,
              }
            : null,
        };
      }),
    );
  }

  @ResolveField(() => [PortalReferenceSignalModel], { description: 'Reference-check signals, oldest first' })
  async referenceSignals(
    @Ctx() ctx: RequestContext,
    @Parent() application: Application,
  ): Promise<PortalReferenceSignalModel[]> {
    const signals = await rowsByParent(ctx, ReferenceSignal, 'applicationId', { occurredAt: 'ASC' }).load(
      application.id,
    );
    return signals.map((signal) => ({ kind: signal.kind, occurredAt: signal.occurredAt }));
  }

  private async employerOf(ctx: RequestContext, application: Application): Promise<Employer> {
    const position = (await rowsById(ctx, Position).load(application.positionId))!;
    return (await rowsById(ctx, Employer).load(position.employerId))!;
  }
}
