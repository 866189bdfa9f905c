import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { redisConfig } from '@lib/config';
import Redis from 'ioredis';
import { connectCluster, isCluster } from './redis-cluster';
import { REDIS_CLIENT } from './redis.tokens';

@Global()
@Module({
  providers: [
    {
      provide: REDIS_CLIENT,
      inject: [redisConfig.KEY],
      useFactory: (config: ConfigType<typeof redisConfig>) => {
        const options = { keyPrefix: `${config.keyPrefix}:`, lazyConnect: false, maxRetriesPerRequest: 2 };
        return isCluster(config) ? connectCluster(config, options) : new Redis(config.url, options);
      },
    },
  ],
  exports: [REDIS_CLIENT],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS_CLIENT) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
