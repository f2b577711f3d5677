import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { describePageCacheContract } from '@/test/support/page-cache-contract';
import { freePort, startRedis, type RunningRedis } from '@/test/support/redis';
import { appPage } from '@/test/support/page-cache-contract';
import { sharedPageCacheHandler } from './page-cache';
import { connectRedis, redisPageStore, redisPageStoreOptions } from './page-cache-redis';

// Debian's redis-server, started by the test on a free port (.ci/run installs it).
let server: RunningRedis;
beforeAll(async () => {
  server = await startRedis();
});
afterAll(async () => {
  await server?.stop();
});

/** A client once connected (the store treats a client that is not as Redis being away). */
async function connected(url: string): Promise<Redis> {
  const redis = new Redis(url);
  if (redis.status !== 'ready') await new Promise((resolve) => redis.once('ready', resolve));
  return redis;
}

describePageCacheContract('Redis', async () => {
  // Two clients of one server: what two origin machines hold.
  const a = await connected(server.url);
  const b = await connected(server.url);
  const options = { prefix: 'contract:', ttlSeconds: 3_600 };
  return {
    a: redisPageStore(a, options),
    b: redisPageStore(b, options),
    async close() {
      a.disconnect();
      b.disconnect();
    },
  };
});

describe('the Redis page cache', () => {
  it('keeps each page for its TTL and the tag times without one (so memory pressure drops pages, never invalidations)', async () => {
    const redis = await connected(server.url);
    try {
      const store = redisPageStore(redis, { prefix: 'ttl:', ttlSeconds: 120 });
      await store.write('build:/page', { value: '{}', tags: ['home'], lastModified: 1 }, 1);
      await store.markTags(['home'], () => ({ expired: 5 }));
      const ttl = await redis.ttl('ttl:page:build:/page');
      expect(ttl).toBeGreaterThan(100);
      expect(ttl).toBeLessThanOrEqual(120);
      expect(await redis.ttl('ttl:tags')).toBe(-1);
      expect(Object.fromEntries(await store.tagTimes(['home', 'never']))).toEqual({ home: { expired: 5 } });
      // A mark writes only the times it sets: the expiry stays when a later mark only makes the tag stale.
      await store.markTags(['home'], () => ({ stale: 9 }));
      expect(Object.fromEntries(await store.tagTimes(['home']))).toEqual({ home: { stale: 9, expired: 5 } });
    } finally {
      redis.disconnect();
    }
  });

  it('reads its prefix and TTL from the environment', () => {
    expect(redisPageStoreOptions({})).toEqual({ prefix: 'news:', ttlSeconds: 86_400 });
    expect(redisPageStoreOptions({ PAGE_CACHE_REDIS_PREFIX: 'site2:', PAGE_CACHE_REDIS_TTL_S: '600' })).toEqual({ prefix: 'site2:', ttlSeconds: 600 });
    expect(redisPageStoreOptions({ PAGE_CACHE_REDIS_TTL_S: 'forever' }).ttlSeconds).toBe(86_400);
  });
});

describe('the Redis page cache with Redis away', () => {
  it('answers a miss (the page is rendered) and never throws into a request, at once', async () => {
    const redis = connectRedis(`redis://127.0.0.1:${await freePort()}/0`);
    const errors: unknown[] = [];
    const originalError = console.error;
    console.error = (...args: unknown[]) => void errors.push(args);
    try {
      const Handler = sharedPageCacheHandler(() => redisPageStore(redis, { prefix: 'away:', ttlSeconds: 60 }));
      const handler = new Handler({ revalidatedTags: [], _requestHeaders: {} });
      const started = Date.now();
      type GetContext = Parameters<typeof handler.get>[1];
      type SetContext = Parameters<typeof handler.set>[2];
      expect(await handler.get('/page', { kind: 'APP_PAGE', isFallback: false } as unknown as GetContext)).toBeNull();
      await handler.set('/page', appPage('<p>page</p>', ['home']), { cacheControl: { revalidate: 60, expire: 120 } } as unknown as SetContext);
      await handler.revalidateTag(['home']);
      // Waiting on Redis would cost each of the three calls its 1 s command timeout: 3 s at least.
      expect(Date.now() - started).toBeLessThan(2_500);
      expect(errors.length).toBeGreaterThan(0);
    } finally {
      console.error = originalError;
      redis.disconnect();
    }
  });
});
