import { Module } from '@nestjs/common';
import { AgencyPolicyModule } from '@lib/agency-policy';
import { ReportFiguresService } from './report-figures.service';

@Module({ imports: [AgencyPolicyModule], providers: [ReportFiguresService], exports: [ReportFiguresService] })
export class ReportsModule {}
