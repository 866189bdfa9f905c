import type { RedisTarget } from '@lib/config';
import { Cluster, ClusterOptions } from 'ioredis';

/**
 * A Redis Cluster client reached through REDIS_CLUSTER_NODES, with REDIS_URL's credentials and TLS on every
 * node it discovers. `options` are those the caller would give a single-node client (key prefix, retries).
 */
export function connectCluster(
  target: RedisTarget,
  options: Pick<ClusterOptions, 'keyPrefix' | 'lazyConnect'> & { maxRetriesPerRequest: number | null },
): Cluster {
  const url = new URL(target.url);
  const { maxRetriesPerRequest, ...clusterOptions } = options;
  return new Cluster(target.clusterNodes, {
    ...clusterOptions,
    redisOptions: {
      username: url.username ? decodeURIComponent(url.username) : undefined,
      password: url.password ? decodeURIComponent(url.password) : undefined,
      tls: url.protocol === 'rediss:' ? {} : undefined,
      maxRetriesPerRequest,
    },
  });
}

/** Whether the product's Redis is a cluster (REDIS_CLUSTER_NODES set) rather than REDIS_URL's single server. */
export const isCluster = (target: RedisTarget) => target.clusterNodes.length > 0;
