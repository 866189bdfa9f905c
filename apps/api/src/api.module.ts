import { Module } from '@nestjs/common';
import { AuthApiModule } from '@lib/auth';
import { ClockModule } from '@lib/clock';
import { ConfigModule } from '@lib/config';
import { ContextModule } from '@lib/context';
import { DatabaseModule } from '@lib/database';
import { HealthModule } from '@lib/health';
import { LoggingModule } from '@lib/logging';
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
    ContextModule,
    GraphqlApiModule,
    HealthModule,
    AuthApiModule,
    UsersApiModule,
  ],
})
export class ApiModule {}
