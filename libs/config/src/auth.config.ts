import { registerAs } from '@nestjs/config';
import { IsInt, IsNotEmpty, IsString, Max, Min, MinLength } from 'class-validator';
import { validateEnv } from './validate-env';

class AuthEnv {
  @MinLength(32, { message: 'AUTH_JWT_SECRET must be at least 32 characters' })
  AUTH_JWT_SECRET: string = '';

  @IsString()
  @IsNotEmpty({ message: 'AUTH_JWT_ISSUER must not be empty' })
  AUTH_JWT_ISSUER: string = 'recruiting-followup';

  @IsString()
  @IsNotEmpty({ message: 'AUTH_JWT_AUDIENCE must not be empty' })
  AUTH_JWT_AUDIENCE: string = 'recruiting-followup-api';

  @IsInt({ message: 'AUTH_ACCESS_TOKEN_TTL_SECONDS must be between 60 and 900' })
  @Min(60, { message: 'AUTH_ACCESS_TOKEN_TTL_SECONDS must be between 60 and 900' })
  @Max(900, { message: 'AUTH_ACCESS_TOKEN_TTL_SECONDS must be between 60 and 900' })
  AUTH_ACCESS_TOKEN_TTL_SECONDS: number = 900;

  @IsInt({ message: 'AUTH_REFRESH_TOKEN_TTL_DAYS must be between 1 and 90' })
  @Min(1, { message: 'AUTH_REFRESH_TOKEN_TTL_DAYS must be between 1 and 90' })
  @Max(90, { message: 'AUTH_REFRESH_TOKEN_TTL_DAYS must be between 1 and 90' })
  AUTH_REFRESH_TOKEN_TTL_DAYS: number = 30;

  @IsInt({ message: 'AUTH_INVITATION_TTL_HOURS must be between 1 and 720' })
  @Min(1, { message: 'AUTH_INVITATION_TTL_HOURS must be between 1 and 720' })
  @Max(720, { message: 'AUTH_INVITATION_TTL_HOURS must be between 1 and 720' })
  AUTH_INVITATION_TTL_HOURS: number = 72;

  @IsInt({ message: 'AUTH_LOGIN_MAX_FAILURES_PER_ACCOUNT must be a positive integer' })
  @Min(1, { message: 'AUTH_LOGIN_MAX_FAILURES_PER_ACCOUNT must be a positive integer' })
  AUTH_LOGIN_MAX_FAILURES_PER_ACCOUNT: number = 100;

  @IsInt({ message: 'AUTH_LOGIN_MAX_FAILURES_PER_ADDRESS must be a positive integer' })
  @Min(1, { message: 'AUTH_LOGIN_MAX_FAILURES_PER_ADDRESS must be a positive integer' })
  AUTH_LOGIN_MAX_FAILURES_PER_ADDRESS: number = 100;

  @IsInt({ message: 'AUTH_LOGIN_MAX_CONSECUTIVE_FAILURES must be a positive integer' })
  @Min(1, { message: 'AUTH_LOGIN_MAX_CONSECUTIVE_FAILURES must be a positive integer' })
  AUTH_LOGIN_MAX_CONSECUTIVE_FAILURES: number = 10;
}

export const authConfig = registerAs('auth', () => {
  const env = validateEnv(AuthEnv);
  return {
    jwtSecret: env.AUTH_JWT_SECRET,
    jwtIssuer: env.AUTH_JWT_ISSUER,
    jwtAudience: env.AUTH_JWT_AUDIENCE,
    accessTokenTtlSeconds: env.AUTH_ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlDays: env.AUTH_REFRESH_TOKEN_TTL_DAYS,
    invitationTtlHours: env.AUTH_INVITATION_TTL_HOURS,
    loginThrottle: {
      /** Failures per account per hour; past it the account refuses logins until the hour is over. */
      maxFailuresPerAccount: env.AUTH_LOGIN_MAX_FAILURES_PER_ACCOUNT,
      /** Failures per client address per hour, across accounts (password spraying). */
      maxFailuresPerAddress: env.AUTH_LOGIN_MAX_FAILURES_PER_ADDRESS,
      /** Consecutive failures for one account from one address before a 15-minute pause. */
      maxConsecutiveFailures: env.AUTH_LOGIN_MAX_CONSECUTIVE_FAILURES,
    },
  };
});
