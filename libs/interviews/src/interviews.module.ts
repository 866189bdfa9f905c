import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApplicationsModule } from '@lib/applications';
import { AuditModule } from '@lib/audit';
import { EmployersModule } from '@lib/employers';
import { Interview, InterviewInterviewer } from './interview.entity';
import { ApplicationInterviewsResolver, InterviewsResolver } from './interviews.resolver';
import { InterviewsService } from './interviews.service';

export const INTERVIEW_ENTITIES = [Interview, InterviewInterviewer];

@Module({
  imports: [TypeOrmModule.forFeature(INTERVIEW_ENTITIES), AuditModule, ApplicationsModule, EmployersModule],
  providers: [InterviewsService],
  exports: [InterviewsService],
})
export class InterviewsModule {}

@Module({ imports: [InterviewsModule], providers: [InterviewsResolver, ApplicationInterviewsResolver] })
export class InterviewsApiModule {}
