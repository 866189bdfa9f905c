import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApplicationsModule } from '@lib/applications';
import { AuditModule } from '@lib/audit';
import { EmployersModule } from '@lib/employers';
import { Debrief } from './debrief.entity';
import { DebriefsService } from './debriefs.service';
import { Interview, InterviewInterviewer } from './interview.entity';
import { ApplicationInterviewsResolver, DebriefsResolver, InterviewsResolver } from './interviews.resolver';
import { InterviewsService } from './interviews.service';

export const INTERVIEW_ENTITIES = [Interview, InterviewInterviewer, Debrief];

@Module({
  imports: [TypeOrmModule.forFeature(INTERVIEW_ENTITIES), AuditModule, ApplicationsModule, EmployersModule],
  providers: [InterviewsService, DebriefsService],
  exports: [InterviewsService, DebriefsService],
})
export class InterviewsModule {}

@Module({
  imports: [InterviewsModule],
  providers: [InterviewsResolver, DebriefsResolver, ApplicationInterviewsResolver],
})
export class InterviewsApiModule {}
