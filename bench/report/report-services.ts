import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CandidatesModule } from '@lib/candidates';
import { ClockModule } from '@lib/clock';
import { ConfigModule } from '@lib/config';
import { ContextModule } from '@lib/context';
import { DatabaseModule } from '@lib/database';
import { LoggingModule } from '@lib/logging';
import { QueueModule } from '@lib/queue';
import { RedisModule } from '@lib/redis';
import { ReportsModule } from '@lib/reports';
import { UsersModule } from '@lib/users';

@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    ClockModule,
    DatabaseModule,
    RedisModule,
    QueueModule,
    ContextModule,
    // The entities' foreign keys reach users and candidates: TypeORM needs their metadata loaded too.
    UsersModule,
    CandidatesModule,
    ReportsModule,
  ],
})
class ReportBenchModule {}

/** The report's services in this process, on the given database and Redis, under their own key prefix. */
export function bootReportServices(
  ownerUrl: string,
  appUrl: string,
  redisUrl: string,
): Promise<INestApplicationContext> {
  Object.assign(process.env, {
    DATABASE_URL: ownerUrl,
    DATABASE_APP_URL: appUrl,
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: `bench-${randomBytes(4).toString('hex')}`,
    AUTH_JWT_SECRET: randomBytes(32).toString('base64url'),
    LOG_LEVEL: 'silent',
    MAIL_DIR: join(tmpdir(), 'bench-mail'),
  });
  return NestFactory.createApplicationContext(ReportBenchModule, { logger: false, abortOnError: false });
}

/** Every row of the agency the report's statements read, counted by one statement: the floor to compare with. */
export const COUNT_THE_REPORTS_ROWS = `
  SELECT (SELECT count(*) FROM applications WHERE agency_id = $1)
       + (SELECT count(*) FROM candidates WHERE agency_id = $1)
       + (SELECT count(*) FROM interviews WHERE agency_id = $1)
       + (SELECT count(*) FROM debriefs WHERE agency_id = $1)
       + (SELECT count(*) FROM follow_ups WHERE agency_id = $1)
       + (SELECT count(*) FROM reference_signals WHERE agency_id = $1)
       + (SELECT count(*) FROM application_stage_changes WHERE agency_id = $1)
       + (SELECT count(*) FROM escalations WHERE agency_id = $1) AS rows`;
