import { registerAs } from '@nestjs/config';
import { Matches } from 'class-validator';
import { validateEnv } from './validate-env';

class RedisEnv {
  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL: string = 'redis://127.0.0.1:6379';

  @Matches(/^[A-Za-z0-9:_-]{1,40}$/, {
    message: 'REDIS_KEY_PREFIX must be 1-40 letters, digits, colons, dashes or underscores',
  })
  REDIS_KEY_PREFIX: string = 'recruiting';
}

export const redisConfig = registerAs('redis', () => {
  const env = validateEnv(RedisEnv);
  return { url: env.REDIS_URL, keyPrefix: env.REDIS_KEY_PREFIX };
});
