import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgencyPolicyModule } from '@lib/agency-policy';
import { ApplicationsModule } from '@lib/applications';
import { AuditModule } from '@lib/audit';
import { EmployersModule } from '@lib/employers';
import { TasksModule } from '@lib/tasks';
import { FollowUp } from './follow-up.entity';
import { ApplicationFollowUpsResolver, FollowUpsResolver } from './follow-ups.resolver';
import { FollowUpsService } from './follow-ups.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([FollowUp]),
    AuditModule,
    ApplicationsModule,
    EmployersModule,
    TasksModule,
    AgencyPolicyModule,
  ],
  providers: [FollowUpsService],
  exports: [FollowUpsService],
})
export class FollowUpsModule {}

@Module({ imports: [FollowUpsModule], providers: [FollowUpsResolver, ApplicationFollowUpsResolver] })
export class FollowUpsApiModule {}
