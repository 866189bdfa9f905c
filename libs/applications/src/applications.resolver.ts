import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Candidate, CandidateModel } from '@lib/candidates';
import { RequestContext } from '@lib/context';
import { Position, positionColumns, PositionModel } from '@lib/employers';
import { Ctx, GraphqlContext, ParseIdPipe, rowById, rowsByParent } from '@lib/graphql';
import { GraphQLResolveInfo } from 'graphql';
import { ApplicationStageChange } from './application-stage-change.entity';
import { Application } from './application.entity';
import { candidateApplications } from './candidate-applications.loader';
import {
  ApplicationConnection,
  ApplicationModel,
  ChangeStageResult,
  StageChangeModel,
  StageChangeNotAllowed,
} from './application.model';
import { ApplicationsArgs } from './dto/applications.args';
import { ApplicationsService } from './applications.service';
import { ChangeStageInput } from './dto/change-stage.input';
import { SubmitCandidateInput } from './dto/submit-candidate.input';

@Resolver(() => ApplicationModel)
export class ApplicationsResolver {
  constructor(private readonly applications: ApplicationsService) {}

  @Mutation(() => ApplicationModel, { description: 'Puts a candidate forward for a position (stage SUBMITTED)' })
  submitCandidate(@Ctx() ctx: RequestContext, @Args('input') input: SubmitCandidateInput): Promise<Application> {
    return this.applications.submit(ctx, input);
  }

  @Mutation(() => ChangeStageResult)
  changeStage(
    @Ctx() ctx: RequestContext,
    @Args('input') input: ChangeStageInput,
  ): Promise<Application | StageChangeNotAllowed> {
    return this.applications.changeStage(ctx, input);
  }

  @Query(() => ApplicationConnection, { name: 'applications', description: 'Applications, oldest first' })
  listApplications(@Ctx() ctx: RequestContext, @Args() args: ApplicationsArgs): Promise<ApplicationConnection> {
    return this.applications.list(ctx, args.first, args.after, args.filter, args.orderBy);
  }

  @Query(() => ApplicationModel)
  application(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }, ParseIdPipe) id: string,
  ): Promise<Application> {
    return this.applications.get(ctx, id);
  }

  @ResolveField(() => CandidateModel)
  candidate(
    application: Application,
    _args: unknown,
    { ctx }: GraphqlContext,
  ): Candidate | Promise<Candidate | undefined> {
    return rowById(ctx, Candidate, application.candidateId);
  }

  @ResolveField(() => PositionModel)
  position(
    application: Application,
    _args: unknown,
    { ctx }: GraphqlContext,
    selection: GraphQLResolveInfo,
  ): Position | Promise<Position | undefined> {
    return rowById(ctx, Position, application.positionId, positionColumns(selection));
  }

  @ResolveField(() => [StageChangeModel], { description: 'Every stage move, oldest first' })
  stageHistory(application: Application, _args: unknown, { ctx }: GraphqlContext): Promise<ApplicationStageChange[]> {
    return rowsByParent(ctx, ApplicationStageChange, 'applicationId', { changedAt: 'ASC' }).load(application.id);
  }
}

@Resolver(() => CandidateModel)
export class CandidateApplicationsResolver {
  @ResolveField(() => [ApplicationModel])
  applications(
    candidate: Candidate,
    _args: unknown,
    { ctx }: GraphqlContext,
    selection: GraphQLResolveInfo,
  ): Promise<Application[]> {
    return candidateApplications(ctx, selection).load(candidate.id);
  }
}
