import { Controller, Get, Param, Res } from '@nestjs/common';
import { AgenciesService } from '@lib/agencies';
import { HttpCtx, RequestContext } from '@lib/context';
import { NotFoundError } from '@lib/errors';
import type { FastifyReply } from 'fastify';
import { PipelineReportsService } from './pipeline-reports.service';
import { renderReportCsv } from './render/report-csv';
import { renderReportHtml } from './render/report-html';

const DOWNLOAD = /^(?<id>[^.]+)\.(?<format>csv|html)$/;

/** The page may carry nothing but itself: no script, no request anywhere. */
const HTML_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/**
 * `GET /reports/<id>.csv` and `GET /reports/<id>.html` with the bearer token:
 * one stored revision of a weekly report, as the reader may see it (a
 * counselor gets candidate names only for their own candidates).
 */
@Controller('reports')
export class ReportDownloadsController {
  constructor(
    private readonly reports: PipelineReportsService,
    private readonly agencies: AgenciesService,
  ) {}

  @Get(':file')
  async download(
    @HttpCtx() ctx: RequestContext,
    @Param('file') file: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const match = DOWNLOAD.exec(file);
    if (!match) throw new NotFoundError('PipelineReport');
    const { id, format } = match.groups!;
    const report = this.reports.view(ctx, await this.reports.getById(ctx, id!));
    const name = `pipeline-report-${report.weekStart}-r${report.revision}.${format}`;
    void reply
      .header('cache-control', 'private, no-store')
      .header('x-content-type-options', 'nosniff')
      .header('content-disposition', `${format === 'csv' ? 'attachment' : 'inline'}; filename="${name}"`);
    if (format === 'csv') {
      void reply.type('text/csv; charset=utf-8');
      return renderReportCsv(report);
    }
    const agency = await this.agencies.current(ctx);
    void reply.type('text/html; charset=utf-8').header('content-security-policy', HTML_POLICY);
    return renderReportHtml({ agencyName: agency.name, report });
  }
}
