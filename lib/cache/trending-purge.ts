import { getDb, type Db } from '@/db/client';
import { recordOncePerInterval } from '@/db/leases';
import { oncePerProcess } from '../process-state';
import { purgeAfterResponse, purgeQueue, type PurgeQueue } from './purge';
import { cacheTags } from './tags';

/**
 * The trending list in the caches in front of the site (decision 22). Every article page and the front page show
 * it, and the site's own cache re-renders them in the background when the ranking changes
 * (`revalidateTag('trending', 'max')`, app/api/views). A cache in front (Varnish holds pages for hours) is told
 * by purging the `trending` key, which every one of those pages carries: a purge of all of them. So it is
 * bounded: only when the ranking the pages show changed (its members or their order, not every write of view
 * counts), at most once per TRENDING_PURGE_MIN_S across every process and restart (a row in `leases`), and soft
 * (marked stale, served while refetched: Varnish's xkey.softpurge, Fastly's Fastly-Soft-Purge; Cloudflare has
 * no soft purge by tag, so there it is a plain purge).
 */

export const TRENDING_PURGE_LEASE = 'trending-purge';
export const DEFAULT_TRENDING_PURGE_MIN_S = 300;

/** TRENDING_PURGE_MIN_S in milliseconds: unset, 300 s; `0` or `off`, never purged; otherwise whole seconds from 1 to 86,400. */
export function trendingPurgeMinMs(raw: string | undefined): number | null {
  const trimmed = raw?.trim().toLowerCase() ?? '';
  if (trimmed === '') return DEFAULT_TRENDING_PURGE_MIN_S * 1000;
  if (trimmed === '0' || trimmed === 'off') return null;
  if (!/^[1-9][0-9]{0,4}$/.test(trimmed) || Number(trimmed) > 86_400) {
    throw new Error(`TRENDING_PURGE_MIN_S must be a whole number of seconds from 1 to 86400, or 0/off, not "${raw}"`);
  }
  return Number(trimmed) * 1000;
}

export interface TrendingPurgeOptions {
  minIntervalMs: number | null;
  queue?: () => PurgeQueue;
  db?: () => Db;
  now?: () => number;
  log?: (message: string) => void;
}

/**
 * Decides, for one process, when the ranking's change is purged in front. It remembers what the shared row said
 * last (the ranking purged, and from when the next may be), so a beacon costs no statement until the ranking
 * differs from that one and the interval has passed; then one statement decides which process purges.
 */
export class TrendingPurge {
  #known: string | null = null;
  #notBefore = 0;
  readonly #minIntervalMs: number | null;
  readonly #queue: () => PurgeQueue;
  readonly #db: () => Db;
  readonly #now: () => number;
  readonly #log: (message: string) => void;

  constructor({ minIntervalMs, queue = purgeQueue, db = getDb, now = Date.now, log = (message) => console.error(message) }: TrendingPurgeOptions) {
    this.#minIntervalMs = minIntervalMs;
    this.#queue = queue;
    this.#db = db;
    this.#now = now;
    this.#log = log;
  }

  /**
   * `ranking`: the trending list this process last told the site's own cache about (the ids in order), or null
   * before it has. Soft-purges `trending` in front, once the response is gone, when it differs from the one
   * purged last and the interval has passed; whether this call did.
   */
  consider(ranking: string | null): boolean {
    if (ranking === null || this.#minIntervalMs === null) return false;
    const now = this.#now();
    if (ranking === this.#known || now < this.#notBefore) return false;
    const queue = this.#queue();
    if (queue.purgers.length === 0) return false;
    let outcome: ReturnType<typeof recordOncePerInterval>;
    try {
      outcome = recordOncePerInterval(TRENDING_PURGE_LEASE, ranking, now, this.#minIntervalMs, this.#db());
    } catch (error) {
      // The next beacon asks again; the pages meanwhile stay as they are in front.
      this.#log(`Could not decide on purging the trending list: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    }
    this.#known = outcome.value;
    this.#notBefore = outcome.nextAt;
    if (!outcome.recorded) return false;
    // Not repeated (PURGE_REPEAT_MS): that would be a second purge of every page in the interval. A fetch that
    // raced this purge keeps the old list until the next change's purge, at most an interval later.
    purgeAfterResponse([cacheTags.trending], queue, { soft: true, repeat: false });
    return true;
  }
}

/** The process's trending purge (TRENDING_PURGE_MIN_S), shared by every copy of this module Next loads. */
export function trendingPurge(): TrendingPurge {
  return oncePerProcess('trending purge', () => new TrendingPurge({ minIntervalMs: trendingPurgeMinMs(process.env.TRENDING_PURGE_MIN_S) }));
}
