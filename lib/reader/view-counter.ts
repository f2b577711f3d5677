import { getDb, type Db } from '@/db/client';
import { isPublishedArticleId, listTrendingArticles, recordCountedViews, TRENDING_SIZE, type CountedView } from '@/db/views';
import { oncePerProcess } from '../process-state';

/** User agents that are not readers: crawlers, previewers, monitors, scripts and headless browsers. */
const NON_READER =
  /bot|crawl|spider|slurp|archiver|preview|facebookexternalhit|embedly|headless|lighthouse|pagespeed|pingdom|uptime|monitor|curl|wget|python|java\/|go-http|node-fetch|axios|okhttp|httpclient|libwww|scrapy|phantom/i;

export function isReader(userAgent: string | null): boolean {
  return !!userAgent && userAgent.length < 1000 && !NON_READER.test(userAgent);
}

const FLUSH_INTERVAL_MS = Number(process.env.VIEW_FLUSH_INTERVAL_MS) || 10_000;
const MAX_PENDING_VIEWS = 20_000;
/** A client's views of one article count once per this window: reloading or replaying the beacon adds nothing. */
export const VIEW_WINDOW_MS = 30 * 60_000;
/** How many (client, article) views of the window are remembered: about 10 MB at most. */
const RECENT_VIEWS_LIMIT = 50_000;
/** How many are kept in the database, shared by every worker process: a few tens of MB at most. */
const COUNTED_VIEWS_LIMIT = 200_000;

/**
 * Views are counted in memory and written to hourly buckets in one transaction per interval, so a
 * traffic spike costs one write every few seconds instead of one per view. The counter remembers when
 * the trending list changed, so the next beacon request can revalidate the pages that show it.
 *
 * What one client can do is bounded: a view counts once per client address, article and window
 * (VIEW_WINDOW_MS), across every worker process of the site (each batch is checked against the views all
 * of them have counted as it is written: recordCountedViews), only for a published article (one primary-key lookup, made only for a view not
 * already counted in the window), and trending is reported changed, re-rendering the pages that show
 * it, at most once per flush interval.
 */
export class ViewCounter {
  private pending: CountedView[] = [];
  /**
   * `client article` → when it was counted. Every entry lives the same window, so insertion order is
   * expiry order: the oldest are at the front, dropped first when expired or when the map is full
   * (a view of a dropped entry may count again: it costs a flood of other views first).
   */
  private recent = new Map<string, number>();
  private lastFlush = Date.now();
  private lastTrending = '';
  private trendingChanged = false;
  private reportedTrending: string | null = null;
  private lastReported = -Infinity;
  private readonly recentLimit: number;

  constructor(
    private readonly flushIntervalMs: number = FLUSH_INTERVAL_MS,
    private readonly database?: Db,
    options: { recentLimit?: number } = {},
  ) {
    this.recentLimit = options.recentLimit ?? RECENT_VIEWS_LIMIT;
  }

  /**
   * Counts a view of `articleId` by `client` (its address); returns whether it counted in this process
   * (another process may have counted it first: then the write drops it).
   */
  count(articleId: number, client: string, now: number = Date.now()): boolean {
    const key = `${client} ${articleId}`;
    this.forgetBefore(now - VIEW_WINDOW_MS);
    if (this.recent.has(key)) return false;
    if (!isPublishedArticleId(articleId, this.database ?? getDb())) return false;
    if (this.recent.size >= this.recentLimit) this.recent.delete(this.recent.keys().next().value as string);
    this.recent.set(key, now);
    // Full: write now rather than drop views.
    if (this.pending.length >= MAX_PENDING_VIEWS) this.flush(now);
    this.pending.push({ key, articleId, at: now });
    return true;
  }

  private forgetBefore(cutoff: number): void {
    for (const [key, at] of this.recent) {
      if (at > cutoff) break;
      this.recent.delete(key);
    }
  }

  /** How many recent views are remembered (for tests). */
  rememberedViews(): number {
    return this.recent.size;
  }

  /** Writes the pending counts and notes whether the trending list changed. */
  flush(now: number = Date.now()): void {
    this.lastFlush = now;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    const db = this.database ?? getDb();
    recordCountedViews(batch, { now, windowMs: VIEW_WINDOW_MS, keptKeys: COUNTED_VIEWS_LIMIT }, db);
    const trending = listTrendingArticles(TRENDING_SIZE, now, db)
      .map((a) => a.id)
      .join(',');
    if (trending !== this.lastTrending) this.trendingChanged = true;
    this.lastTrending = trending;
  }

  /**
   * Called while handling a request (where pages can be revalidated): flushes if an interval has
   * passed, and says whether trending changed since it last said so, whoever flushed; at most once an interval.
   */
  flushIfDue(now: number = Date.now()): boolean {
    if (this.pending.length > 0 && now - this.lastFlush >= this.flushIntervalMs) this.flush(now);
    if (!this.trendingChanged || now - this.lastReported < this.flushIntervalMs) return false;
    this.trendingChanged = false;
    this.lastReported = now;
    this.reportedTrending = this.lastTrending;
    return true;
  }

  /**
   * The trending list (its article ids in order) as of the last time flushIfDue said it changed, or null
   * before it has: the ranking the pages were told about, which the caches in front may be told about next
   * (lib/cache/trending-purge.ts).
   */
  reportedRanking(): string | null {
    return this.reportedTrending;
  }
}

/** The process's counter; its pending views are also written on a timer and when the process exits. */
export function viewCounter(): ViewCounter {
  return oncePerProcess('view counter', () => {
    const counter = new ViewCounter();
    setInterval(() => counter.flush(), FLUSH_INTERVAL_MS).unref();
    // On exit, not on SIGTERM: the server exits once in-flight requests are done, and the views they
    // counted after the signal are saved too. Put first, so the database (getDb) is still open; the
    // write is synchronous, as an exit listener's must be.
    process.prependListener('exit', () => counter.flush());
    return counter;
  });
}
