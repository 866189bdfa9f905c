/**
 * The shared ioredis client for the product's own keys (throttling, health). BullMQ keeps its own connections.
 * A `Redis`, or a `Cluster` when REDIS_CLUSTER_NODES is set: the same commands, so its users type it as `Redis`.
 * Every command they send touches one key, which is what a cluster requires of commands and scripts (the
 * login throttle's scripts and MULTIs each name a single key); a future multi-key command needs a hash tag.
 */
export const REDIS_CLIENT = Symbol('REDIS_CLIENT');
