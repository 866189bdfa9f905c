import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { RequestContext, Role, Roles } from '@lib/context';
import { FollowUp, FollowUpTooSoon, LogFollowUpResult } from '@lib/follow-ups';
import { Ctx, ParseIdPipe } from '@lib/graphql';
import { CandidateReference } from '@lib/references';
import { AddMyReferenceInput, LogMyFollowUpInput, RequestDebriefInput } from './dto/portal.inputs';
import { DataExportService } from './data-export.service';
import { ErasureRequest, ErasureService } from '@lib/data-rights';
import { candidateOf } from './portal.service';
import { PortalActionsService } from './portal-actions.service';
import { PortalDebriefRequestModel, PortalErasureRequestModel, PortalReferenceModel } from './portal.models';

@Resolver()
export class PortalActionsResolver {
  constructor(
    private readonly actions: PortalActionsService,
    private readonly exports: DataExportService,
    private readonly erasures: ErasureService,
  ) {}

  @Roles(Role.CANDIDATE)
  @Mutation(() => LogFollowUpResult, {
    description: 'A follow-up the candidate made; FollowUpTooSoon inside the minimum gap unless overridden',
  })
  logMyFollowUp(
    @Ctx() ctx: RequestContext,
    @Args('input') input: LogMyFollowUpInput,
  ): Promise<FollowUp | FollowUpTooSoon> {
    return this.actions.logFollowUp(ctx, input);
  }

  @Roles(Role.CANDIDATE)
  @Mutation(() => PortalDebriefRequestModel, { description: 'Asks the counselor for a debrief of an interview' })
  async requestDebrief(
    @Ctx() ctx: RequestContext,
    @Args('input') input: RequestDebriefInput,
  ): Promise<PortalDebriefRequestModel> {
    return { interviewId: input.interviewId, dueAt: await this.actions.requestDebrief(ctx, input) };
  }

  @Roles(Role.CANDIDATE)
  @Query(() => String, {
    description:
      'Every record held about the signed-in candidate, as a JSON document (format recruiting-followup.candidate-export)',
  })
  async exportMyData(@Ctx() ctx: RequestContext): Promise<string> {
    return JSON.stringify(await this.exports.export(ctx));
  }

  @Roles(Role.CANDIDATE)
  @Mutation(() => PortalErasureRequestModel, {
    description: "Asks for the candidate's data to be erased; carried out after the agency's review period",
  })
  requestErasure(@Ctx() ctx: RequestContext): Promise<ErasureRequest> {
    return this.erasures.request(ctx, candidateOf(ctx));
  }

  @Roles(Role.CANDIDATE)
  @Query(() => [PortalReferenceModel], { description: 'The candidate’s referees, oldest first' })
  myReferences(@Ctx() ctx: RequestContext): Promise<CandidateReference[]> {
    return this.actions.references(ctx);
  }

  @Roles(Role.CANDIDATE)
  @Mutation(() => PortalReferenceModel)
  addMyReference(@Ctx() ctx: RequestContext, @Args('input') input: AddMyReferenceInput): Promise<CandidateReference> {
    return this.actions.addReference(ctx, input);
  }

  @Roles(Role.CANDIDATE)
  @Mutation(() => Boolean)
  removeMyReference(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }, ParseIdPipe) id: string,
  ): Promise<boolean> {
    return this.actions.removeReference(ctx, id);
  }
}
