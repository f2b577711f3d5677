import { pageCacheMaxBytes, sharedPageCacheHandler, type PageStore, type StoredPage, type TagTimes } from './page-cache';

/**
 * Next's page cache in this process's memory (PAGE_CACHE=memory, the default with one worker), under the same
 * handler as the shared stores (decision 21), so it keeps pages by when their render began and a render that
 * raced an editor's save is never kept (Next's own handler stores a page as of its storing). Bounded by
 * PAGE_CACHE_MAX_MB (default 64 here: it is the process's heap); beyond it the least recently read pages go.
 */

const DEFAULT_MAX_MB = 64;

interface Entry extends StoredPage {
  bytes: number;
}

/** A Map is kept in insertion order: a read moves its page to the end, so the first pages are the least recently read. */
export function memoryPageStore(maxBytes: number): PageStore & { size(): { entries: number; bytes: number } } {
  const pages = new Map<string, Entry>();
  const tagTimes = new Map<string, TagTimes>();
  let bytes = 0;

  const drop = (key: string) => {
    const entry = pages.get(key);
    if (!entry) return;
    pages.delete(key);
    bytes -= entry.bytes;
  };

  return {
    async read(key) {
      const entry = pages.get(key);
      if (!entry) return undefined;
      pages.delete(key);
      pages.set(key, entry);
      return entry;
    },
    async write(key, page) {
      drop(key);
      // UTF-16 in memory: two bytes a character, plus the tags.
      const entry = { ...page, bytes: 2 * (page.value.length + page.tags.join(',').length) + 200 };
      if (entry.bytes > maxBytes) return;
      pages.set(key, entry);
      bytes += entry.bytes;
      for (const oldest of pages.keys()) {
        if (bytes <= maxBytes) break;
        drop(oldest);
      }
    },
    async remove(key) {
      drop(key);
    },
    async tagTimes(tags) {
      const found = new Map<string, TagTimes>();
      for (const tag of tags) {
        const times = tagTimes.get(tag);
        if (times) found.set(tag, times);
      }
      return found;
    },
    async markTags(tags, times) {
      for (const tag of tags) tagTimes.set(tag, { ...tagTimes.get(tag), ...times(tagTimes.get(tag) ?? {}) });
    },
    size: () => ({ entries: pages.size, bytes }),
  };
}

let store: PageStore | undefined;

const MemoryPageCache = sharedPageCacheHandler(() => {
  store ??= memoryPageStore(pageCacheMaxBytes(process.env.PAGE_CACHE_MAX_MB, DEFAULT_MAX_MB));
  return store;
});

export default MemoryPageCache;
