import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { AgenciesService } from '@lib/agencies';
import { AuditService } from '@lib/audit';
import { Clock } from '@lib/clock';
import { RequestContext, Role } from '@lib/context';
import { NotFoundError } from '@lib/errors';
import { Connection, paginateByCreation } from '@lib/graphql';
import { randomUUID } from 'node:crypto';
import { PipelineReport } from './pipeline-report.entity';
import { PipelineReportModel } from './pipeline-report.model';
import { presentReport } from './present-report';
import { ReportFiguresService } from './report-figures.service';
import { previousWeek, reportWeek } from './report-week';

@Injectable()
export class PipelineReportsService {
  constructor(
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly agencies: AgenciesService,
    private readonly figures: ReportFiguresService,
  ) {}

  /**
   * Stores a snapshot of the week. `regenerate` (an admin's explicit wish)
   * adds a revision; otherwise a week already generated is returned as it is,
   * so a re-run of the schedule replaces nothing.
   */
  async generate(ctx: RequestContext, weekStart: string, regenerate: boolean): Promise<PipelineReport> {
    const agency = await this.agencies.current(ctx);
    const week = reportWeek(weekStart, agency.timezone);
    const latestRevision = await this.latestRevision(ctx, weekStart);
    if (latestRevision !== null && !regenerate) return (await this.latestRow(ctx, weekStart))!;
    const report: PipelineReport = {
      agencyId: ctx.agencyId!,
      id: randomUUID(),
      weekStart: week.weekStart,
      weekEnd: week.weekEnd,
      timezone: agency.timezone,
      revision: (latestRevision ?? 0) + 1,
      figures: await this.figures.compute(ctx, week, previousWeek(week, agency.timezone)),
      generatedAt: this.clock.now(),
      generatedByUserId: ctx.principal?.kind === 'user' ? ctx.principal.userId : null,
    };
    await (await ctx.repository(PipelineReport)).insert(report);
    await this.audit.record(ctx, {
      action: 'pipeline_report.generated',
      recordType: 'pipeline_report',
      recordId: report.id,
      details: { weekStart, revision: report.revision },
    });
    return report;
  }

  async get(ctx: RequestContext, weekStart: string): Promise<PipelineReport> {
    const agency = await this.agencies.current(ctx);
    reportWeek(weekStart, agency.timezone);
    const report = await this.latestRow(ctx, weekStart);
    if (!report) throw new NotFoundError('PipelineReport');
    return report;
  }

  /** One stored revision by its id (the downloads' address); another agency's is NOT_FOUND under row-level security. */
  async getById(ctx: RequestContext, id: string): Promise<PipelineReport> {
    if (!isUUID(id)) throw new NotFoundError('PipelineReport');
    const report = await (await ctx.repository(PipelineReport)).findOneBy({ agencyId: ctx.agencyId!, id });
    if (!report) throw new NotFoundError('PipelineReport');
    return report;
  }

  async list(ctx: RequestContext, first: number, after?: string): Promise<Connection<PipelineReport>> {
    const query = (await ctx.repository(PipelineReport))
      .createQueryBuilder('r')
      .where('r.agencyId = :agencyId', { agencyId: ctx.agencyId });
    return paginateByCreation(ctx, query, first, after, 'generatedAt');
  }

  /** The report as the reader may see it: a counselor sees candidate names for their own candidates only. */
  view(ctx: RequestContext, report: PipelineReport): PipelineReportModel {
    const user = ctx.user;
    return presentReport(report, (counselorId) => user.role === Role.ADMIN || counselorId === user.userId);
  }

  /** Only the number: a revision's figures run to megabytes for a large agency (its stalled list). */
  private async latestRevision(ctx: RequestContext, weekStart: string): Promise<number | null> {
    const [row] = await ctx.query<{ revision: number }>(
      `SELECT max(revision) AS revision FROM pipeline_reports WHERE agency_id = $1 AND week_start = $2`,
      [ctx.agencyId, weekStart],
    );
    return row?.revision ?? null;
  }

  private async latestRow(ctx: RequestContext, weekStart: string): Promise<PipelineReport | null> {
    return (await ctx.repository(PipelineReport)).findOne({
      where: { agencyId: ctx.agencyId!, weekStart },
      order: { revision: 'DESC' },
    });
  }
}
