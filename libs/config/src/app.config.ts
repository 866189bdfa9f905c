import { registerAs } from '@nestjs/config';
import { IsIn } from 'class-validator';
import { validateEnv } from './validate-env';

export const NODE_ENVS = ['development', 'test', 'production'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];

class AppEnv {
  @IsIn(NODE_ENVS, { message: 'NODE_ENV must be one of development, test, production' })
  NODE_ENV: NodeEnv = 'development';
}

export const appConfig = registerAs('app', () => {
  const env = validateEnv(AppEnv);
  return { env: env.NODE_ENV, isProduction: env.NODE_ENV === 'production' };
});
