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
 * traffic spike costs one write a few seconds instead of one per view. A flush reports whether the
 * trending list changed, so the caller can revalidate the pages that show it.
 */
export class ViewCounter {
  private pending = new Map<number, number>();
  private lastFlush = Date.now();
  private lastTrending = '';

  constructor(private readonly flushIntervalMs: number = FLUSH_INTERVAL_MS) {}

  count(articleId: number): void {
    if (this.pending.size >= MAX_PENDING_ARTICLES && !this.pending.has(articleId)) return;
    this.pending.set(articleId, (this.pending.get(articleId) ?? 0) + 1);
  }

  isFlushDue(now: number = Date.now()): boolean {
    return this.pending.size > 0 && now - this.lastFlush >= this.flushIntervalMs;
  }

  /** Writes the pending counts; true when the trending list is now different. */
  flush(now: number = Date.now()): boolean {
    this.lastFlush = now;
    if (this.pending.size === 0) return false;
    const batch = this.pending;
    this.pending = new Map();
    recordViews(batch, hourOf(now));
    const trending = listTrendingArticles(10, now)
      .map((a) => a.id)
      .join(',');
    const changed = trending !== this.lastTrending;
    this.lastTrending = trending;
    return changed;
  }
}

const holder = globalThis as typeof globalThis & { __viewCounter?: ViewCounter };

/** The process's counter; its pending views are also written on a timer and when the process is asked to stop. */
export function viewCounter(): ViewCounter {
  if (!holder.__viewCounter) {
    const counter = new ViewCounter();
    holder.__viewCounter = counter;
    setInterval(() => counter.flush(), FLUSH_INTERVAL_MS).unref();
    process.once('SIGTERM', () => {
      counter.flush();
      process.exit(0);
    });
  }
  return holder.__viewCounter;
}
