import { registerAs } from '@nestjs/config';
import { IsInt, Matches, Max, Min, MinLength, ValidateIf } from 'class-validator';
import { validateEnv } from './validate-env';

/**
 * The operators' endpoints: the queue dashboard and the Prometheus metrics.
 * They show every agency's jobs, so they are for the people who run the
 * service, behind their own credentials, and off until a password is set.
 */
class OpsEnv {
  @Matches(/^[A-Za-z0-9._-]{1,40}$/, { message: 'OPS_USER must be 1-40 letters, digits, dots, dashes or underscores' })
  OPS_USER: string = 'ops';

  @ValidateIf((env: OpsEnv) => env.OPS_PASSWORD !== '')
  @MinLength(16, { message: 'OPS_PASSWORD must be at least 16 characters (or empty to turn the endpoints off)' })
  OPS_PASSWORD: string = '';

  /** The worker's own metrics endpoint (job durations); 0 turns it off. */
  @IsInt({ message: 'WORKER_METRICS_PORT must be a port number' })
  @Min(0, { message: 'WORKER_METRICS_PORT must be a port number' })
  @Max(65535, { message: 'WORKER_METRICS_PORT must be a port number' })
  WORKER_METRICS_PORT: number = 0;
}

export const opsConfig = registerAs('ops', () => {
  const env = validateEnv(OpsEnv);
  return { user: env.OPS_USER, password: env.OPS_PASSWORD || null, workerMetricsPort: env.WORKER_METRICS_PORT };
});
