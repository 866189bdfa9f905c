import { Module, RequestMethod } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { logConfig } from '@lib/config';
import type { IncomingMessage } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
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

/** Structured JSON logs: one access line per request with its request id and agency id. */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [logConfig.KEY],
      useFactory: (config: ConfigType<typeof logConfig>) => ({
        // Health checks come every few seconds from the orchestrator: not worth a line each.
        exclude: [{ method: RequestMethod.GET, path: 'health' }],
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
export class LoggingModule {}
