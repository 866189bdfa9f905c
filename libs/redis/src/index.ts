export * from './redis-cluster';
export * from './redis.module';
export * from './redis.tokens';
