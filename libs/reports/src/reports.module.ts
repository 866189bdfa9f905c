import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgenciesModule } from '@lib/agencies';
import { AgencyPolicyModule } from '@lib/agency-policy';
import { AuditModule } from '@lib/audit';
import { NotificationsModule } from '@lib/notifications';
import { PipelineReport } from './pipeline-report.entity';
import { PipelineReportsResolver } from './pipeline-reports.resolver';
import { PipelineReportsService } from './pipeline-reports.service';
import { ReportDownloadsController } from './report-downloads.controller';
import { ReportFiguresService } from './report-figures.service';
import { ReportScheduleAgencyJob, ReportSchedulesSweepJob, WeeklyReportJob } from './report-jobs';
import { ReportScheduler } from './report-scheduler';

@Module({
  imports: [TypeOrmModule.forFeature([PipelineReport]), AgencyPolicyModule, AgenciesModule, AuditModule],
  providers: [ReportFiguresService, PipelineReportsService, ReportScheduler],
  exports: [ReportFiguresService, PipelineReportsService, ReportScheduler],
})
export class ReportsModule {}

@Module({
  imports: [ReportsModule, AgenciesModule],
  controllers: [ReportDownloadsController],
  providers: [PipelineReportsResolver],
})
export class ReportsApiModule {}

@Module({
  imports: [ReportsModule, AgenciesModule, AgencyPolicyModule, NotificationsModule],
  providers: [ReportSchedulesSweepJob, ReportScheduleAgencyJob, WeeklyReportJob],
})
export class ReportJobsModule {}
