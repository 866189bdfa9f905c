import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { assertConfiguration, httpConfig } from '@lib/config';
import { HttpTransactionInterceptor, RequestContextFactory } from '@lib/context';
import { createValidationPipe } from '@lib/errors';
import { DomainErrorFilter } from '@lib/graphql';
import { requestIdFor } from '@lib/logging';
import { Logger } from 'nestjs-pino';
import { ApiModule } from './api.module';
import { GRAPHQL_PATH } from './graphql/graphql-api.module';
import { installGraphqlJsonOnly } from './graphql-json-only.hooks';
import { installOpsRoutes } from './ops/ops-routes';
import { installRequestContext } from './request-context.hooks';

const BODY_LIMIT_BYTES = 1024 * 1024;
const CSV_BODY_LIMIT_BYTES = 10 * 1024 * 1024;

/** The API application, configured but not listening: main.ts listens, tests inject or listen on port 0. */
export async function createApiApp(): Promise<NestFastifyApplication> {
  assertConfiguration();
  const http = httpConfig();
  const adapter = new FastifyAdapter({
    genReqId: requestIdFor,
    trustProxy: http.trustProxy,
    bodyLimit: BODY_LIMIT_BYTES,
  });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule, adapter, {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new DomainErrorFilter());
  app.useGlobalInterceptors(new HttpTransactionInterceptor());
  // CSV uploads (candidate import) arrive as text, up to 10 MB.
  app
    .getHttpAdapter()
    .getInstance()
    .addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: CSV_BODY_LIMIT_BYTES }, (_request, body, done) =>
      done(null, body),
    );
  app.enableShutdownHooks();
  installRequestContext(app.getHttpAdapter().getInstance(), app.get(RequestContextFactory));
  installGraphqlJsonOnly(app.getHttpAdapter().getInstance(), GRAPHQL_PATH);
  await installOpsRoutes(app.getHttpAdapter().getInstance(), app);
  return app;
}
