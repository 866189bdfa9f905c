import { Module } from '@nestjs/common';
import { ConfigModule as NestConfigModule } from '@nestjs/config';
import { appConfig } from './app.config';
import { authConfig } from './auth.config';
import { databaseConfig } from './database.config';
import { graphqlConfig } from './graphql.config';
import { httpConfig } from './http.config';
import { logConfig } from './log.config';
import { mailConfig } from './mail.config';
import { opsConfig } from './ops.config';
import { redisConfig } from './redis.config';

export const CONFIG_GROUPS = [
  appConfig,
  httpConfig,
  databaseConfig,
  redisConfig,
  authConfig,
  graphqlConfig,
  logConfig,
  mailConfig,
  opsConfig,
];

/** Every configuration group, validated when the module is built: a bad variable stops the boot. */
@Module({
  imports: [NestConfigModule.forRoot({ isGlobal: true, cache: true, load: CONFIG_GROUPS })],
})
export class ConfigModule {}

/**
 * Validates every group before Nest starts, so that a bad variable stops the
 * process with its one line instead of a framework stack trace.
 */
export function assertConfiguration(): void {
  for (const group of CONFIG_GROUPS) group();
}
