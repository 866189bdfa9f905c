import { Inject, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { logConfig } from '@lib/config';
import type { IncomingMessage } from 'node:http';
import { LoggerModule, Params, PARAMS_PROVIDER_TOKEN } from 'nestjs-pino';
import { Options, pinoHttp } from 'pino-http';
import pino from 'pino';
import { LifecycleLogger } from './lifecycle.logger';

/** What a log line may carry about a request: never a body, a token, a password or personal data. */
const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.adminPassword',
  '*.refreshToken',
  '*.accessToken',
  '*.token',
  '*.email',
  '*.phone',
];

type RawRequest = IncomingMessage & { requestContext?: { agencyId: string | null } };

/** Health checks come every few seconds from the orchestrator: not worth a line each. */
const UNLOGGED_ROUTES = [{ method: RequestMethod.GET, path: 'health' }];

/**
 * Structured JSON logs: one access line per request with its request id and agency id.
 *
 * The access log is pino-http as a middleware of every route, as nestjs-pino
 * would install it, but without nestjs-pino's second middleware, which runs
 * the rest of each request inside an AsyncLocalStorage so that lines logged
 * meanwhile carry the request. An AsyncLocalStorage turns Node's promise
 * hooks on for the whole process, and every promise then pays for them: a
 * seventh of the API's CPU on the counselor's dashboard. Lines logged while
 * a request runs name it themselves where it matters (the GraphQL errors).
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [logConfig.KEY],
      useFactory: (config: ConfigType<typeof logConfig>) => ({
        // nestjs-pino's middlewares on no route: LoggingModule installs the access log itself.
        forRoutes: [],
        pinoHttp: {
          level: config.level,
          // Synchronous writes: the last lines before a shutdown or a crash are never lost in a buffer.
          stream: pino.destination({ dest: 1, sync: true }),
          redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
          customProps: (req: IncomingMessage) => ({
            agencyId: (req as RawRequest).requestContext?.agencyId ?? undefined,
          }),
          serializers: {
            req: (req: { id: string; method: string; url: string }) => ({
              id: req.id,
              method: req.method,
              url: req.url,
            }),
            res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
          },
        },
      }),
    }),
  ],
  providers: [LifecycleLogger],
})
export class LoggingModule implements NestModule {
  constructor(@Inject(PARAMS_PROVIDER_TOKEN) private readonly params: Params) {}

  configure(consumer: MiddlewareConsumer): void {
    // The options nestjs-pino was given, so that both write with the same settings to the same stream.
    const accessLog = pinoHttp(this.params.pinoHttp as Options);
    consumer
      .apply(accessLog)
      .exclude(...UNLOGGED_ROUTES)
      .forRoutes({ path: '*', method: RequestMethod.ALL });
  }
}
