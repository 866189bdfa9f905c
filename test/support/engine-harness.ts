import { randomUUID } from 'node:crypto';
import { INestApplicationContext, Module, Type } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { ApplicationsModule } from '@lib/applications';
import { Clock, ClockModule, FixedClock } from '@lib/clock';
import { ConfigModule } from '@lib/config';
import { ContextModule, RequestContext, RequestContextFactory, Role } from '@lib/context';
import { DataRightsJobsModule } from '@lib/data-rights';
import { DatabaseModule } from '@lib/database';
import { EscalationJobsModule } from '@lib/escalations';
import { FollowUpsModule } from '@lib/follow-ups';
import { InterviewsModule } from '@lib/interviews';
import { LoggingModule } from '@lib/logging';
import { NextStepsJobsModule } from '@lib/next-steps';
import { NotificationJobsModule } from '@lib/notifications';
import { QueueModule } from '@lib/queue';
import { RedisModule } from '@lib/redis';
import { ReportJobsModule } from '@lib/reports';
import { ReferencesModule } from '@lib/references';
import { createTestDatabase, TestDatabase, withOwner } from './database';
import { insertAgencyWithAdmin } from './seed';
import { applyTestEnv } from './test-env';

/** The domain services and the worker's job handlers, without HTTP, on a clock the test moves. */
@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    ClockModule,
    DatabaseModule,
    RedisModule,
    QueueModule,
    ContextModule,
    DiscoveryModule,
    ApplicationsModule,
    InterviewsModule,
    FollowUpsModule,
    ReferencesModule,
    EscalationJobsModule,
    NextStepsJobsModule,
    NotificationJobsModule,
    DataRightsJobsModule,
    ReportJobsModule,
  ],
})
class EngineHarnessModule {}

export interface EngineHarness {
  app: INestApplicationContext;
  db: TestDatabase;
  clock: FixedClock;
  get<T>(type: Type<T>): T;
  /** Runs `work` as the counselor of `agency`, in one transaction, committed when it resolves. */
  asCounselor<T>(agency: SeededPipeline, work: (ctx: RequestContext) => Promise<T>): Promise<T>;
  /** Stops the services and drops the database. */
  close(): Promise<void>;
  /** Stops the services and keeps the database, for processes started afterwards. */
  stop(): Promise<void>;
}

export async function startEngineHarness(
  start: string,
  overrides: Record<string, string> = {},
): Promise<EngineHarness> {
  const db = await createTestDatabase();
  applyTestEnv(db, overrides);
  const clock = new FixedClock(start);
  const moduleRef = await Test.createTestingModule({ imports: [EngineHarnessModule] })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  const app = await moduleRef.init();
  const contexts = app.get(RequestContextFactory);
  return {
    app,
    db,
    clock,
    get: (type) => app.get(type),
    asCounselor: (agency, work) => {
      const ctx = contexts.create();
      ctx.authenticate({
        kind: 'user',
        agencyId: agency.agencyId,
        userId: agency.counselorId,
        role: Role.COUNSELOR,
        sessionId: randomUUID(),
      });
      return contexts.run(ctx, work);
    },
    close: async () => {
      await app.close();
      await db.drop();
    },
    stop: () => app.close(),
  };
}

export interface SeededPipeline {
  agencyId: string;
  counselorId: string;
  candidateId: string;
  employerId: string;
  hiringManagerId: string;
  hrId: string;
  positionId: string;
}

/**
 * An agency with a counselor, a candidate, and an employer in `timezone`
 * with a hiring manager and an HR contact: the cast of a follow-up story.
 * Written as the owner; the story itself then runs through the services.
 */
export async function seedPipeline(
  db: TestDatabase,
  label: string,
  employer: { timezone?: string; isLocal?: boolean } = {},
): Promise<SeededPipeline> {
  return withOwner(db.ownerUrl, async (client) => {
    const { agencyId } = await insertAgencyWithAdmin(client, label);
    const ids = {
      counselorId: randomUUID(),
      candidateId: randomUUID(),
      employerId: randomUUID(),
      hiringManagerId: randomUUID(),
      hrId: randomUUID(),
      positionId: randomUUID(),
    };
    await client.query(
      `INSERT INTO users (agency_id, id, email, full_name, role, password_hash, created_at)
       VALUES ($1, $2, $3, 'Casey Counselor', 'COUNSELOR', '$argon2id$placeholder', now())`,
      [agencyId, ids.counselorId, `counselor@${label}.test`],
    );
    await client.query(
      `INSERT INTO candidates (agency_id, id, full_name, email, counselor_id, created_at)
       VALUES ($1, $2, 'Ada Lovelace', $3, $4, now())`,
      [agencyId, ids.candidateId, `ada@${label}.test`, ids.counselorId],
    );
    await client.query(
      `INSERT INTO employers (agency_id, id, name, timezone, is_local, created_at) VALUES ($1, $2, 'Babbage Ltd', $3, $4, now())`,
      [agencyId, ids.employerId, employer.timezone ?? 'Europe/London', employer.isLocal ?? true],
    );
    await client.query(
      `INSERT INTO employer_contacts (agency_id, id, employer_id, full_name, role, is_designated_contact, created_at)
       VALUES ($1, $2, $4, 'Helen Manager', 'HIRING_MANAGER', false, now()),
              ($1, $3, $4, 'Harry Resources', 'HR', true, now())`,
      [agencyId, ids.hiringManagerId, ids.hrId, ids.employerId],
    );
    await client.query(
      `INSERT INTO positions (agency_id, id, employer_id, title, created_at) VALUES ($1, $2, $3, 'Analyst', now())`,
      [agencyId, ids.positionId, ids.employerId],
    );
    return { agencyId, ...ids };
  });
}
