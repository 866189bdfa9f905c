import { registerAs } from '@nestjs/config';
import { IsInt, IsNotEmpty, Max, Min, Matches } from 'class-validator';
import { validateEnv } from './validate-env';

const POSTGRES_URL = /^postgres(ql)?:\/\/.+/;

class DatabaseEnv {
  /** The owner role: runs migrations, owns the tables. Never used by the API or the workers. */
  @IsNotEmpty({ message: 'DATABASE_URL is required (postgres://owner@host:port/db)' })
  @Matches(POSTGRES_URL, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL: string = '';

  /** The application role: no owner, no superuser, no BYPASSRLS; row-level security applies to it. */
  @IsNotEmpty({ message: 'DATABASE_APP_URL is required (postgres://app_user:password@host:port/db)' })
  @Matches(POSTGRES_URL, { message: 'DATABASE_APP_URL must be a postgres:// URL' })
  DATABASE_APP_URL: string = '';

  @IsInt({ message: 'DATABASE_POOL_SIZE must be an integer between 1 and 100' })
  @Min(1, { message: 'DATABASE_POOL_SIZE must be an integer between 1 and 100' })
  @Max(100, { message: 'DATABASE_POOL_SIZE must be an integer between 1 and 100' })
  DATABASE_POOL_SIZE: number = 10;

  @IsInt({ message: 'DATABASE_STATEMENT_TIMEOUT_MS must be a positive integer' })
  @Min(1, { message: 'DATABASE_STATEMENT_TIMEOUT_MS must be a positive integer' })
  DATABASE_STATEMENT_TIMEOUT_MS: number = 15000;
}

export const databaseConfig = registerAs('database', () => {
  const env = validateEnv(DatabaseEnv);
  return {
    ownerUrl: env.DATABASE_URL,
    appUrl: env.DATABASE_APP_URL,
    poolSize: env.DATABASE_POOL_SIZE,
    statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
  };
});
