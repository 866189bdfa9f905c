import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgenciesModule } from '@lib/agencies';
import { AgencyPolicyModule } from '@lib/agency-policy';
import { NotificationsModule } from '@lib/notifications';
import { DailyDigestService } from './digest/daily-digest.service';
import { DigestAgencyJob, DigestSweepJob } from './digest/daily-digest.jobs';
import { ApplicationPlanner } from '@lib/applications';
import { ApplicationNextStep } from './application-next-step.entity';
import { NextStepsService } from './next-steps.service';
import { ApplicationNextStepResolver } from './next-steps.resolver';
import { RecomputeAgencyJob } from './recompute-agency.job';

/** Global: every service that changes an application's history plans it again through ApplicationPlanner. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([ApplicationNextStep]), AgencyPolicyModule],
  providers: [NextStepsService, { provide: ApplicationPlanner, useExisting: NextStepsService }],
  exports: [NextStepsService, ApplicationPlanner],
})
export class NextStepsModule {}

@Module({ imports: [NextStepsModule], providers: [ApplicationNextStepResolver] })
export class NextStepsApiModule {}

@Module({
  imports: [NextStepsModule, AgenciesModule, NotificationsModule],
  providers: [RecomputeAgencyJob, DailyDigestService, DigestSweepJob, DigestAgencyJob],
})
export class NextStepsJobsModule {}
