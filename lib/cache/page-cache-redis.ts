import { Redis } from 'ioredis';
import { sharedPageCacheHandler, type PageStore, type TagTimes } from './page-cache';

/**
 * Next's page cache on a Redis server (PAGE_CACHE=redis, REDIS_URL), for several origin machines behind one
 * CDN: a page any of them rendered is served by all, and a tag any of them invalidates is seen by the next
 * request to any (decision 21). Each page is a hash (`value`, `tags`, `lastModified`) under
 * `<prefix>page:<build id>:<Next's key>`, kept PAGE_CACHE_REDIS_TTL_S seconds (a day unless set); the tags'
 * times are one hash, `<prefix>tags`, with no expiry. Run Redis with `maxmemory` and
 * `maxmemory-policy volatile-lru`: under pressure it then drops pages (they have a TTL), never the tag times
 * (which would bring invalidated pages back). PAGE_CACHE_REDIS_PREFIX (default `news:`) lets sites share a server.
 */

const DEFAULT_TTL_S = 86_400;

export interface RedisPageStoreOptions {
  prefix: string;
  ttlSeconds: number;
}

export function redisPageStoreOptions(env: Record<string, string | undefined> = process.env): RedisPageStoreOptions {
  const ttl = env.PAGE_CACHE_REDIS_TTL_S?.trim() ?? '';
  return {
    prefix: env.PAGE_CACHE_REDIS_PREFIX || 'news:',
    ttlSeconds: /^[1-9][0-9]{0,7}$/.test(ttl) ? Number(ttl) : DEFAULT_TTL_S,
  };
}

/** A tag's two times are two fields of the tags hash, so a mark writes only what it changes (no read-modify-write). */
const STALE = '|stale';
const EXPIRED = '|expired';

export function redisPageStore(redis: Redis, { prefix, ttlSeconds }: RedisPageStoreOptions): PageStore {
  const pageKey = (key: string) => `${prefix}page:${key}`;
  const tagsKey = `${prefix}tags`;
  // Not connected (starting, or Redis away: the client logs why): pages are rendered and not stored, quietly;
  // an invalidation that cannot be written fails, and is logged.
  const connected = () => redis.status === 'ready';
  return {
    async read(key) {
      if (!connected()) return undefined;
      const [value, tags, lastModified] = await redis.hmget(pageKey(key), 'value', 'tags', 'lastModified');
      if (value == null || tags == null || lastModified == null) return undefined;
      return { value, tags: JSON.parse(tags) as string[], lastModified: Number(lastModified) };
    },
    async write(key, page) {
      if (!connected()) return;
      await redis
        .multi()
        .hset(pageKey(key), { value: page.value, tags: JSON.stringify(page.tags), lastModified: String(page.lastModified) })
        .expire(pageKey(key), ttlSeconds)
        .exec();
    },
    async remove(key) {
      if (!connected()) return;
      await redis.del(pageKey(key));
    },
    async tagTimes(tags) {
      const times = new Map<string, TagTimes>();
      if (tags.length === 0 || !connected()) return times;
      const fields = tags.flatMap((tag) => [tag + STALE, tag + EXPIRED]);
      const values = await redis.hmget(tagsKey, ...fields);
      tags.forEach((tag, i) => {
        const stale = values[2 * i];
        const expired = values[2 * i + 1];
        if (stale == null && expired == null) return;
        times.set(tag, { ...(stale != null && { stale: Number(stale) }), ...(expired != null && { expired: Number(expired) }) });
      });
      return times;
    },
    async markTags(tags, times) {
      if (!connected()) throw new Error(`Redis is not connected (${redis.status}): these tags stay valid until their pages' revalidate time`);
      const fields: Record<string, string> = {};
      for (const tag of tags) {
        const marked = times({});
        if (marked.stale !== undefined) fields[tag + STALE] = String(marked.stale);
        if (marked.expired !== undefined) fields[tag + EXPIRED] = String(marked.expired);
      }
      if (Object.keys(fields).length > 0) await redis.hset(tagsKey, fields);
    },
  };
}

/** A client that fails a command after a second at most rather than holding a reader's request. */
export function connectRedis(url = process.env.REDIS_URL): Redis {
  if (!url) throw new Error('PAGE_CACHE=redis needs REDIS_URL (for example redis://127.0.0.1:6379/0).');
  // No offline queue: while Redis is away a command fails at once (a miss, the page is rendered) instead of waiting.
  const redis = new Redis(url, { commandTimeout: 1_000, maxRetriesPerRequest: 1, connectTimeout: 2_000, enableOfflineQueue: false });
  redis.on('error', (error: Error) => console.error(`Page cache: Redis: ${error.message}`));
  return redis;
}

let store: PageStore | undefined;

const RedisPageCache = sharedPageCacheHandler(() => {
  if (!store) {
    const redis = connectRedis();
    process.once('exit', () => redis.disconnect());
    store = redisPageStore(redis, redisPageStoreOptions());
  }
  return store;
});

export default RedisPageCache;
