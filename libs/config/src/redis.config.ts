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

  /** Seed nodes of a Redis Cluster; empty means the single Redis of REDIS_URL. */
  @Matches(/^([A-Za-z0-9.-]+:\d{1,5}(,[A-Za-z0-9.-]+:\d{1,5})*)?$/, {
    message: 'REDIS_CLUSTER_NODES must be a comma-separated list of host:port (empty for a single Redis)',
  })
  REDIS_CLUSTER_NODES: string = '';
}

export interface RedisNode {
  host: string;
  port: number;
}

/** "a:7000,b:7001" to nodes. */
function clusterNodes(list: string): RedisNode[] {
  if (list === '') return [];
  return list.split(',').map((node) => {
    const separator = node.lastIndexOf(':');
    return { host: node.slice(0, separator), port: Number(node.slice(separator + 1)) };
  });
}

export const redisConfig = registerAs('redis', () => {
  const env = validateEnv(RedisEnv);
  return { url: env.REDIS_URL, keyPrefix: env.REDIS_KEY_PREFIX, clusterNodes: clusterNodes(env.REDIS_CLUSTER_NODES) };
});

/** What a client needs to reach the product's Redis: one server, or a cluster through its seed nodes. */
export type RedisTarget = Pick<ReturnType<typeof redisConfig>, 'url' | 'clusterNodes'>;
