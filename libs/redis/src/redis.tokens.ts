/** The shared ioredis client for the product's own keys (throttling, health). BullMQ keeps its own connections. */
export const REDIS_CLIENT = Symbol('REDIS_CLIENT');
