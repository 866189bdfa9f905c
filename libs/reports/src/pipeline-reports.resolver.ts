import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { RequestContext, Role, Roles } from '@lib/context';
import { Connection, Ctx, PaginationArgs } from '@lib/graphql';
import { PipelineReportConnection, PipelineReportModel } from './pipeline-report.model';
import { PipelineReportsService } from './pipeline-reports.service';

@Resolver(() => PipelineReportModel)
export class PipelineReportsResolver {
  constructor(private readonly reports: PipelineReportsService) {}

  @Query(() => PipelineReportConnection, { description: 'Every generated report, oldest first' })
  async pipelineReports(
    @Ctx() ctx: RequestContext,
    @Args() args: PaginationArgs,
  ): Promise<Connection<PipelineReportModel>> {
    const page = await this.reports.list(ctx, args.first, args.after);
    return { ...page, edges: page.edges.map((edge) => ({ ...edge, node: this.reports.view(ctx, edge.node) })) };
  }

  @Query(() => PipelineReportModel, { description: 'The latest revision of the week starting on that Monday' })
  async pipelineReport(
    @Ctx() ctx: RequestContext,
    @Args('weekStart', { description: 'A Monday, yyyy-MM-dd' }) weekStart: string,
  ): Promise<PipelineReportModel> {
    return this.reports.view(ctx, await this.reports.get(ctx, weekStart));
  }

  @Roles(Role.ADMIN)
  @Mutation(() => PipelineReportModel, { description: 'Generates the week again, as a new revision' })
  async generatePipelineReport(
    @Ctx() ctx: RequestContext,
    @Args('weekStart', { description: 'A Monday, yyyy-MM-dd' }) weekStart: string,
  ): Promise<PipelineReportModel> {
    return this.reports.view(ctx, await this.reports.generate(ctx, weekStart, true));
  }
}
