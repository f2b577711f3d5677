import { getDb, type Db } from '@/db/client';
import { hourOf, listTrendingArticles, recordViews } from '@/db/views';

/** User agents that are not readers: crawlers, previewers, monitors, scripts and headless browsers. */
const NON_READER =
  /bot|crawl|spider|slurp|archiver|preview|facebookexternalhit|embedly|headless|lighthouse|pagespeed|pingdom|uptime|monitor|curl|wget|python|java\/|go-http|node-fetch|axios|okhttp|httpclient|libwww|scrapy|phantom/i;

export function isReader(userAgent: string | null): boolean {
  return !!userAgent && userAgent.length < 1000 && !NON_READER.test(userAgent);
}

const FLUSH_INTERVAL_MS = Number(process.env.VIEW_FLUSH_INTERVAL_MS) || 10_000;
const MAX_PENDING_ARTICLES = 5_000;

/**
 * Views are counted in memory and written to hourly buckets in one transaction per interval, so a
 * traffic spike costs one write every few seconds instead of one per view. The counter remembers when
 * the trending list changed, so the next beacon request can revalidate the pages that show it.
 */
export class ViewCounter {
  private pending = new Map<number, number>();
  private lastFlush = Date.now();
  private lastTrending = '';
  private trendingChanged = false;

  constructor(
    private readonly flushIntervalMs: number = FLUSH_INTERVAL_MS,
    private readonly database?: Db,
  ) {}

  count(articleId: number): void {
    if (this.pending.size >= MAX_PENDING_ARTICLES && !this.pending.has(articleId)) return;
    this.pending.set(articleId, (this.pending.get(articleId) ?? 0) + 1);
  }

  /** Writes the pending counts and notes whether the trending list changed. */
  flush(now: number = Date.now()): void {
    this.lastFlush = now;
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    const db = this.database ?? getDb();
    recordViews(batch, hourOf(now), db);
    const trending = listTrendingArticles(10, now, db)
      .map((a) => a.id)
      .join(',');
    if (trending !== this.lastTrending) this.trendingChanged = true;
    this.lastTrending = trending;
  }

  /**
   * Called while handling a request (where pages can be revalidated): flushes if an interval has
   * passed, and says whether trending changed since it last said so, whoever flushed.
   */
  flushIfDue(now: number = Date.now()): boolean {
    if (this.pending.size > 0 && now - this.lastFlush >= this.flushIntervalMs) this.flush(now);
    const changed = this.trendingChanged;
    this.trendingChanged = false;
    return changed;
  }
}

const holder = globalThis as typeof globalThis & { __viewCounter?: ViewCounter };

/** The process's counter; its pending views are also written on a timer and when the process exits. */
export function viewCounter(): ViewCounter {
  if (!holder.__viewCounter) {
    const counter = new ViewCounter();
    holder.__viewCounter = counter;
    setInterval(() => counter.flush(), FLUSH_INTERVAL_MS).unref();
    // On exit, not on SIGTERM: the server exits once in-flight requests are done, and the views they
    // counted after the signal are saved too. Put first, so the database (getDb) is still open; the
    // write is synchronous, as an exit listener's must be.
    process.prependListener('exit', () => counter.flush());
  }
  return holder.__viewCounter;
}
