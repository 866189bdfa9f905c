import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AuthJobsModule } from '@lib/auth';
import { ClockModule } from '@lib/clock';
import { ConfigModule } from '@lib/config';
import { ContextModule } from '@lib/context';
import { DatabaseModule } from '@lib/database';
import { LoggingModule } from '@lib/logging';
import { JobDispatcher, QueueModule } from '@lib/queue';
import { RedisModule } from '@lib/redis';
import { MaintenanceProcessor } from './maintenance.processor';
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
    DiscoveryModule,
    AuthJobsModule,
  ],
  providers: [JobDispatcher, MaintenanceProcessor, Schedules],
})
export class WorkerModule {}
