import path from 'node:path';
import { openPageCacheDb, type PageCacheDb } from '@/db/page-cache';
import { dataDir } from '@/lib/config';
import { pageCacheMaxBytes, sharedPageCacheHandler, type PageStore } from './page-cache';

/**
 * Next's page cache in one SQLite file beside the site's database (DATA_DIR/page-cache.sqlite), shared by
 * every server process of the machine: a page one worker rendered is served by all, and a tag one worker
 * invalidates is seen by the next request to any (decision 21). next.config.ts selects it with PAGE_CACHE=sqlite,
 * and by default when WEB_CONCURRENCY is above 1. Bounded by PAGE_CACHE_MAX_MB (default 256): beyond it the
 * least recently read pages go.
 */

const DEFAULT_MAX_MB = 256;

export function pageCacheFile(): string {
  return process.env.PAGE_CACHE_FILE || path.join(dataDir(), 'page-cache.sqlite');
}

/** The store over an open page cache file (synchronous SQLite behind the handler's asynchronous interface). */
export function sqlitePageStore(db: PageCacheDb): PageStore {
  return {
    read: async (key, now) => db.read(key, now),
    write: async (key, page, now) => db.write(key, page, now),
    remove: async (key) => db.remove(key),
    tagTimes: async (tags) => db.tagTimes(tags),
    markTags: async (tags, times) => db.markTags(tags, times),
  };
}

let opened: { db: PageCacheDb; store: PageStore } | undefined;

const SqlitePageCache = sharedPageCacheHandler((_context, buildId) => {
  if (!opened) {
    const db = openPageCacheDb(pageCacheFile(), { maxBytes: pageCacheMaxBytes(process.env.PAGE_CACHE_MAX_MB, DEFAULT_MAX_MB) });
    // Another build's pages name script and style files this build does not have.
    db.keepOnly(`${buildId}:`);
    process.once('exit', () => db.close());
    opened = { db, store: sqlitePageStore(db) };
  }
  return opened.store;
});

export default SqlitePageCache;
