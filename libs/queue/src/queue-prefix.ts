/**
 * The key prefix of every queue of the product, whoever opens it (the apps, `npm run sweep`, tests). Keys are
 * `{<REDIS_KEY_PREFIX>:bull}:<queue>:<...>`.
 *
 * Why the braces: each BullMQ command is a Lua script over several keys of a queue (wait, active, delayed,
 * meta, events, the job's own hash...), and Redis Cluster refuses a script whose keys hash to different
 * slots (CROSSSLOT). Redis hashes only what is inside the first `{...}` of a key that has one, so this hash
 * tag puts every key of every queue in one slot, and a cluster runs the scripts as a single server does. The
 * price is that the queues live on one cluster node; the cluster spreads the product's other keys.
 */
export function bullPrefix(keyPrefix: string): string {
  return `{${keyPrefix}:bull}`;
}
