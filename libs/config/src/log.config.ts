import { registerAs } from '@nestjs/config';
import { IsIn } from 'class-validator';
import { validateEnv } from './validate-env';

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

class LogEnv {
  @IsIn(LEVELS, { message: 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent' })
  LOG_LEVEL: (typeof LEVELS)[number] = 'info';
}

export const logConfig = registerAs('log', () => ({ level: validateEnv(LogEnv).LOG_LEVEL }));
