import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AuthJobsModule } from '@lib/auth';
import { ClockModule } from '@lib/clock';
import { ConfigModule } from '@lib/config';
import { ContextModule } from '@lib/context';
import { DataRightsJobsModule } from '@lib/data-rights';
import { DatabaseModule } from '@lib/database';
import { EscalationJobsModule } from '@lib/escalations';
import { NextStepsJobsModule } from '@lib/next-steps';
import { NotificationJobsModule } from '@lib/notifications';
import { LoggingModule } from '@lib/logging';
import { MetricsModule } from '@lib/metrics';
import { JobDispatcher, QueueModule } from '@lib/queue';
import { RedisModule } from '@lib/redis';
import { ReportJobsModule } from '@lib/reports';
import { FollowUpProcessor, MaintenanceProcessor, NotificationsProcessor } from './processors';
import { WorkerMetricsServer } from './metrics-server';
import { Schedules } from './schedules';

/** The same domain modules as the API, with queue processors instead of GraphQL. */
@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    ClockModule,
    DatabaseModule,
    RedisModule,
    ContextModule,
    QueueModule,
    MetricsModule,
    DiscoveryModule,
    AuthJobsModule,
    EscalationJobsModule,
    NextStepsJobsModule,
    NotificationJobsModule,
    DataRightsJobsModule,
    ReportJobsModule,
  ],
  providers: [
    JobDispatcher,
    MaintenanceProcessor,
    FollowUpProcessor,
    NotificationsProcessor,
    Schedules,
    WorkerMetricsServer,
  ],
})
export class WorkerModule {}
