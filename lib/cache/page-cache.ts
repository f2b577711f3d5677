import fs from 'node:fs';
import path from 'node:path';
import type { CacheHandler, CacheHandlerContext, CacheHandlerValue } from 'next/dist/server/lib/incremental-cache';

/**
 * What Next's page cache (`cacheHandler` in next.config.ts) must do, over a store that every server process
 * shares (decision 21): lib/cache/page-cache-sqlite.ts for the processes of one machine, page-cache-redis.ts
 * for several machines.
 *
 * Next 16 keeps the state of cache tags in a Map in each process's memory (its `tagsManifest`), written by
 * `revalidateTag`/`updateTag` in the process that ran them, and its default handler keeps pages in each process's
 * memory and build folder: a publish handled by one process would leave the others serving the old page.
 * Here both live in the store: a page is stored with the tags it carries (Next's `x-next-cache-tags` header);
 * `revalidateTag(tags, durations)` writes each tag's stale and expired times to the store with Next's own
 * semantics; `get` compares them with the entry's time, in whichever process asks:
 * - a tag expired after the entry was stored (and the expiry has come): a miss, so Next renders before
 *   answering (what the newsroom's `updateTag` / `revalidateTag(tag, { expire: 0 })` asks for);
 * - a tag made stale after the entry was stored: the entry is returned as older than its `revalidate` time, so
 *   Next serves it and renders a fresh one in the background (`revalidateTag(tag, 'max')`, the trending list).
 *
 * Only page and route responses are kept. Cached reads (`unstable_cache`, kind FETCH) are not: the site's only
 * one is lib/cache/page-tags.ts, a no-op read whose purpose is to give its tags to the page; caching `true`
 * would cost a store round trip per render to save nothing.
 */

export interface TagTimes {
  stale?: number;
  expired?: number;
}

export interface StoredPage {
  value: string;
  tags: string[];
  lastModified: number;
}

/** A store shared by every process: the SQLite file or Redis. */
export interface PageStore {
  read(key: string, now: number): Promise<StoredPage | undefined>;
  write(key: string, page: StoredPage, now: number): Promise<void>;
  remove(key: string): Promise<void>;
  tagTimes(tags: readonly string[]): Promise<Map<string, TagTimes>>;
  /**
   * Sets each tag's times to what `times` returns; a time it leaves out keeps its value. (A store may pass
   * `{}` and write only the returned fields: `markedTimes` never needs the existing ones.)
   */
  markTags(tags: readonly string[], times: (existing: TagTimes) => TagTimes): Promise<void>;
}

type HandlerGetContext = Parameters<CacheHandler['get']>[1];
type HandlerSetContext = Parameters<CacheHandler['set']>[2];
type CacheValue = Parameters<CacheHandler['set']>[1];

const TAGS_HEADER = 'x-next-cache-tags';
const STORED_KINDS = new Set(['APP_PAGE', 'APP_ROUTE', 'PAGES']);

/** JSON with the buffers (RSC payload, segment data, route bodies) as base64 and maps as entry lists. */
export function encodeValue(value: unknown): string {
  return JSON.stringify(toPortable(value));
}

export function decodeValue(text: string): unknown {
  return fromPortable(JSON.parse(text) as unknown);
}

function toPortable(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Uint8Array) return { $bytes: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
  if (value instanceof Map) return { $map: [...value].map(([key, item]) => [key, toPortable(item)]) };
  if (Array.isArray(value)) return value.map(toPortable);
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) if (item !== undefined) out[key] = toPortable(item);
  return out;
}

function fromPortable(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(fromPortable);
  const record = value as Record<string, unknown>;
  if (typeof record.$bytes === 'string') return Buffer.from(record.$bytes, 'base64');
  if (Array.isArray(record.$map)) return new Map((record.$map as [string, unknown][]).map(([key, item]) => [key, fromPortable(item)]));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(record)) out[key] = fromPortable(item);
  return out;
}

/** The cache tags a stored response carries, from the header Next keeps them in. */
export function tagsOf(value: CacheValue): string[] {
  if (!value || !('headers' in value) || !value.headers) return [];
  const header = value.headers[TAGS_HEADER];
  return typeof header === 'string' && header !== '' ? header.split(',') : [];
}

export type Freshness = 'fresh' | 'stale' | 'expired';

/** Next 16's rules (its tags-manifest), applied to the shared tag times: see the comment at the top. */
export function freshness(times: Iterable<TagTimes>, lastModified: number, now: number): Freshness {
  let stale = false;
  for (const { stale: staleAt, expired } of times) {
    if (expired !== undefined && expired <= now && expired > lastModified) return 'expired';
    if (staleAt !== undefined && staleAt > lastModified) stale = true;
  }
  return stale ? 'stale' : 'fresh';
}

/** A tag's times after `revalidateTag(tag, durations)` at `now`, as Next's own handler sets them. */
export function markedTimes(existing: TagTimes, durations: { expire?: number } | undefined, now: number): TagTimes {
  if (!durations) return { ...existing, expired: now };
  return { ...existing, stale: now, ...(durations.expire !== undefined && { expired: now + durations.expire * 1000 }) };
}

/** PAGE_CACHE_MAX_MB in bytes, or the store's default when it is not a whole number of megabytes. */
export function pageCacheMaxBytes(raw: string | undefined, defaultMb: number): number {
  const trimmed = raw?.trim() ?? '';
  const mb = /^[1-9][0-9]{0,5}$/.test(trimmed) ? Number(trimmed) : defaultMb;
  return mb * 1024 * 1024;
}

/** The build's id: cached pages name its script and style files, so another build's pages are never served. */
export function buildIdOf(serverDistDir: string | undefined): string {
  if (!serverDistDir) return 'unknown-build';
  try {
    return fs.readFileSync(path.join(serverDistDir, '..', 'BUILD_ID'), 'utf8').trim();
  } catch {
    return 'unknown-build';
  }
}

let lastFaultReport = 0;
/** To the operator's log, at most once a second (a store that is away fails every request). */
function reportStoreFault(what: string, error: unknown): void {
  const now = Date.now();
  if (now - lastFaultReport < 1_000 && !what.startsWith('invalidate')) return;
  lastFaultReport = now;
  console.error(`Page cache: ${what} failed:`, error instanceof Error ? error.message : error);
}

interface Envelope {
  value: unknown;
  cacheControl?: CacheHandlerValue['cacheControl'];
}

/**
 * A store that hands back the same object for the same stored page (the memory store) has it decoded once, not
 * at every hit (a page's JSON is 100-200 KB). Next's own memory cache also hands every request one object.
 */
const decoded = new WeakMap<StoredPage, Envelope>();
function decodedOnce(stored: StoredPage): Envelope {
  let envelope = decoded.get(stored);
  if (!envelope) {
    envelope = decodeValue(stored.value) as Envelope;
    decoded.set(stored, envelope);
  }
  return envelope;
}

/**
 * A Next `cacheHandler` class over a shared store. Next makes an instance per request; `storeFor` is called
 * with each one's context and should hand back the process's one store.
 */
export function sharedPageCacheHandler(storeFor: (context: CacheHandlerContext, buildId: string) => PageStore) {
  return class SharedPageCache implements CacheHandler {
    readonly #store: PageStore;
    readonly #prefix: string;
    /**
     * When this request began, so before its render read anything (Next makes a handler per request). A page
     * is stored as of then, not as of its storing: a render that read the front page before an editor's save
     * and finished after the save's `updateTag` would otherwise be stored as newer than the change, and
     * served as fresh until the next change. One millisecond earlier, because a save can commit and mark
     * its tags within the millisecond the render began.
     */
    readonly #renderBegan = Date.now() - 1;

    constructor(context: CacheHandlerContext) {
      const buildId = buildIdOf(context.serverDistDir);
      this.#prefix = `${buildId}:`;
      this.#store = storeFor(context, buildId);
    }

    async get(key: string, context: HandlerGetContext): Promise<CacheHandlerValue | null> {
      if (!STORED_KINDS.has(context.kind)) return null;
      // A store that cannot answer (Redis away, the file locked too long) is a miss: the page is rendered.
      return this.#read(key).catch((error: unknown) => {
        reportStoreFault('read', error);
        return null;
      });
    }

    async #read(key: string): Promise<CacheHandlerValue | null> {
      const now = Date.now();
      const stored = await this.#store.read(this.#prefix + key, now);
      if (!stored) return null;
      const state = stored.tags.length === 0 ? 'fresh' : freshness((await this.#store.tagTimes(stored.tags)).values(), stored.lastModified, now);
      if (state === 'expired') return null;
      const { value, cacheControl } = decodedOnce(stored);
      let lastModified = stored.lastModified;
      if (state === 'stale') {
        // Older than its revalidate time: Next serves it and renders a new one in the background.
        const revalidate = cacheControl?.revalidate;
        if (typeof revalidate !== 'number') return null;
        lastModified = Math.min(lastModified, now - revalidate * 1000 - 1);
      }
      return { lastModified, value: value as CacheHandlerValue['value'], cacheControl };
    }

    async set(key: string, value: CacheValue, context: HandlerSetContext): Promise<void> {
      if (!value || !STORED_KINDS.has(value.kind)) {
        if (!value) await this.#store.remove(this.#prefix + key).catch((error: unknown) => reportStoreFault('write', error));
        return;
      }
      const cacheControl = 'cacheControl' in context ? context.cacheControl : undefined;
      const now = Date.now();
      const envelope: Envelope = { value, ...(cacheControl && { cacheControl }) };
      await this.#store.write(this.#prefix + key, { value: encodeValue(envelope), tags: tagsOf(value), lastModified: this.#renderBegan }, now).catch((error: unknown) => reportStoreFault('write', error));
    }

    async revalidateTag(tags: string | string[], durations?: { expire?: number }): Promise<void> {
      const list = typeof tags === 'string' ? [tags] : tags;
      if (list.length === 0) return;
      const now = Date.now();
      // The editor's change is saved already; a failed mark leaves pages stale until their revalidate time (60 s).
      await this.#store.markTags(list, (existing) => markedTimes(existing, durations, now)).catch((error: unknown) => reportStoreFault(`invalidate ${list.join(' ')}`, error));
    }

    resetRequestCache(): void {}
  };
}
