import Redis from 'ioredis';

/** Deletes every key of the API's unique prefix (its queues included): the bench leaves Redis as it found it. */
export async function clearRedisPrefix(redisUrl: string, redisKeyPrefix: string): Promise<number> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  let deleted = 0;
  try {
    await redis.connect();
    // The prefix is random and appears whole in both forms the product uses: `<prefix>:...` and `{<prefix>:bull}:...`.
    const stream = redis.scanStream({ match: `*${redisKeyPrefix}*`, count: 1000 });
    for await (const keys of stream as AsyncIterable<string[]>) {
      if (keys.length > 0) deleted += await redis.unlink(...keys);
    }
    return deleted;
  } finally {
    redis.disconnect();
  }
}
