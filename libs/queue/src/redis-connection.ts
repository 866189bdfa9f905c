import type { RedisTarget } from '@lib/config';
import { connectCluster, isCluster } from '@lib/redis';
import type { Cluster, RedisOptions } from 'ioredis';

/** BullMQ takes ioredis options, not a URL. */
export function redisConnectionOptions(url: string): RedisOptions {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 6379),
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0,
    tls: parsed.protocol === 'rediss:' ? {} : undefined,
    // BullMQ workers block on Redis; they must retry forever rather than fail a command.
    maxRetriesPerRequest: null,
  };
}

/**
 * The connection every queue and worker of a process is given. For one server, options: each opens its own
 * connections and closes them. For a cluster, one client: BullMQ builds a cluster only from a client, shares
 * it between the queues and workers given it (duplicating it for each worker's blocking reads) and never
 * closes it, so its owner must (`closeQueueConnection`) once they are closed.
 */
export function queueConnection(target: RedisTarget): RedisOptions | Cluster {
  if (!isCluster(target)) return redisConnectionOptions(target.url);
  // No key prefix: BullMQ refuses clients that carry one (it prefixes its keys itself).
  return connectCluster(target, { maxRetriesPerRequest: null });
}

/** Closes a shared cluster client; options need nothing (each queue and worker closed its own connections). */
export async function closeQueueConnection(connection: unknown): Promise<void> {
  if (!isClusterClient(connection)) return;
  await connection.quit().catch(() => connection.disconnect());
}

function isClusterClient(connection: unknown): connection is Cluster {
  return typeof connection === 'object' && connection !== null && (connection as Cluster).isCluster === true;
}
