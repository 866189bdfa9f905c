import { Module } from '@nestjs/common';
import { AgencyPolicyApiModule } from '@lib/agency-policy';
import { ApplicationsApiModule } from '@lib/applications';
import { AuditApiModule } from '@lib/audit';
import { AuthApiModule } from '@lib/auth';
import { CandidatesApiModule } from '@lib/candidates';
import { ClockModule } from '@lib/clock';
import { ConfigModule } from '@lib/config';
import { ContextModule } from '@lib/context';
import { DatabaseModule } from '@lib/database';
import { EmployersApiModule } from '@lib/employers';
import { EscalationsApiModule } from '@lib/escalations';
import { NextStepsApiModule } from '@lib/next-steps';
import { NotificationsApiModule } from '@lib/notifications';
import { PortalApiModule } from '@lib/portal';
import { ReportsApiModule } from '@lib/reports';
import { QueueModule } from '@lib/queue';
import { FollowUpsApiModule } from '@lib/follow-ups';
import { InterviewsApiModule } from '@lib/interviews';
import { ReferencesApiModule } from '@lib/references';
import { TasksApiModule } from '@lib/tasks';
import { TimelineApiModule } from '@lib/timeline';
import { HealthModule } from '@lib/health';
import { LoggingModule } from '@lib/logging';
import { MetricsModule } from '@lib/metrics';
import { RedisModule } from '@lib/redis';
import { UsersApiModule } from '@lib/users';
import { GraphqlApiModule } from './graphql/graphql-api.module';

@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    ClockModule,
    DatabaseModule,
    RedisModule,
    QueueModule,
    MetricsModule,
    ContextModule,
    GraphqlApiModule,
    HealthModule,
    AuthApiModule,
    UsersApiModule,
    CandidatesApiModule,
    EmployersApiModule,
    ApplicationsApiModule,
    AuditApiModule,
    InterviewsApiModule,
    FollowUpsApiModule,
    ReferencesApiModule,
    TasksApiModule,
    TimelineApiModule,
    AgencyPolicyApiModule,
    NextStepsApiModule,
    EscalationsApiModule,
    NotificationsApiModule,
    PortalApiModule,
    ReportsApiModule,
  ],
})
export class ApiModule {}
