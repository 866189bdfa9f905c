import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@lib/audit';
import { CandidatesModule } from '@lib/candidates';
import { EmployersModule } from '@lib/employers';
import { ApplicationStageChange } from './application-stage-change.entity';
import { Application } from './application.entity';
import { ApplicationsResolver, CandidateApplicationsResolver } from './applications.resolver';
import { ApplicationsService } from './applications.service';

export const APPLICATION_ENTITIES = [Application, ApplicationStageChange];

@Module({
  imports: [TypeOrmModule.forFeature(APPLICATION_ENTITIES), AuditModule, CandidatesModule, EmployersModule],
  providers: [ApplicationsService],
  exports: [ApplicationsService],
})
export class ApplicationsModule {}

@Module({ imports: [ApplicationsModule], providers: [ApplicationsResolver, CandidateApplicationsResolver] })
export class ApplicationsApiModule {}
