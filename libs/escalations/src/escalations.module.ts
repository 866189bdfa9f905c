import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@lib/audit';
import { NextStepsModule } from '@lib/next-steps';
import { NotificationsModule } from '@lib/notifications';
import { Escalation } from './escalation.entity';
import { EscalationRaiser } from './escalation-raiser';
import { EscalationsService } from './escalations.service';
import { ApplicationEscalationsResolver, EscalationsResolver } from './escalations.resolver';
import { EscalateAgencyJob, EscalationSweepJob, NextStepDueJob } from './jobs/escalation-jobs';

@Module({
  imports: [TypeOrmModule.forFeature([Escalation]), AuditModule, NextStepsModule, NotificationsModule],
  providers: [EscalationsService, EscalationRaiser],
  exports: [EscalationsService, EscalationRaiser],
})
export class EscalationsModule {}

@Module({ imports: [EscalationsModule], providers: [EscalationsResolver, ApplicationEscalationsResolver] })
export class EscalationsApiModule {}

@Module({
  imports: [EscalationsModule, NotificationsModule],
  providers: [EscalationSweepJob, EscalateAgencyJob, NextStepDueJob],
})
export class EscalationJobsModule {}
