import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { ConfigError } from './config-error';

type EnvClass<T> = new () => T;

function firstProblem(errors: ValidationError[]): string | undefined {
  for (const error of errors) {
    const message = Object.values(error.constraints ?? {})[0];
    if (message) return message;
  }
  return undefined;
}

/**
 * Reads one group of variables from the environment and validates it.
 * Empty strings count as missing, so `FOO=` in a .env file falls back to the default.
 */
export function validateEnv<T extends object>(schema: EnvClass<T>, env: NodeJS.ProcessEnv = process.env): T {
  const defaults = new schema() as Record<string, unknown>;
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(defaults)) {
    const value = env[key];
    raw[key] = value === undefined || value === '' ? defaults[key] : value;
  }
  const instance = plainToInstance(schema, raw, { enableImplicitConversion: true });
  const errors = validateSync(instance, { forbidUnknownValues: true });
  const problem = firstProblem(errors);
  if (problem) throw new ConfigError(`Invalid configuration: ${problem} (see .env.example)`);
  return instance;
}
