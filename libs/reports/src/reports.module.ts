import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgenciesModule } from '@lib/agencies';
import { AgencyPolicyModule } from '@lib/agency-policy';
import { AuditModule } from '@lib/audit';
import { PipelineReport } from './pipeline-report.entity';
import { PipelineReportsResolver } from './pipeline-reports.resolver';
import { PipelineReportsService } from './pipeline-reports.service';
import { ReportFiguresService } from './report-figures.service';

@Module({
  imports: [TypeOrmModule.forFeature([PipelineReport]), AgencyPolicyModule, AgenciesModule, AuditModule],
  providers: [ReportFiguresService, PipelineReportsService],
  exports: [ReportFiguresService, PipelineReportsService],
})
export class ReportsModule {}

@Module({ imports: [ReportsModule], providers: [PipelineReportsResolver] })
export class ReportsApiModule {}
