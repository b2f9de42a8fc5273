/** Connects to the real Redis on 127.0.0.1:6379; under CI an unreachable server fails the suite (never skips). */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';

export async function connectTestRedis(): Promise<Redis | null> {
  const redis = new Redis({ host: '127.0.0.1', port: 6379, lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    await redis.ping();
    return redis;
  } catch (err) {
    redis.disconnect();
    if (process.env.CI === 'true') throw new Error('Redis at 127.0.0.1:6379 is required when CI=true', { cause: err });
    return null;
  }
}

export function testPrefix(): string {
  return `rl:test:${randomUUID()}:`;
}

export async function dropPrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}
