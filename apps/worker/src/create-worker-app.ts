import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { assertConfiguration } from '@lib/config';
import { Logger } from 'nestjs-pino';
import { WorkerModule } from './worker.module';

/** The worker: processes jobs until SIGTERM, then finishes the jobs in hand and stops. */
export async function createWorkerApp(): Promise<INestApplicationContext> {
  assertConfiguration();
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.init();
  return app;
}
