import { and, desc, eq, gte, inArray, sql } from 'drizzle-orm';
import { getDb, type Db } from './client';
import { articles, pageViews } from './schema';
import type { ArticleTeaser } from './articles/model';
import { isPublishedNotDriving, listLatestArticles, selectTeasers, toTeaser } from './articles/reads';
import { oncePerProcess } from '@/lib/process-state';

export const HOUR_MS = 3_600_000;
/** How many trending stories a reader page shows: a change in the ranking below them changes no page. */
export const TRENDING_SIZE = 8;
export const TRENDING_WINDOW_HOURS = 48;
/** Views lose half their weight every 12 hours, so a story read heavily this morning beats yesterday's. */
export const TRENDING_HALF_LIFE_HOURS = 12;

export const hourOf = (epochMs: number) => Math.floor(epochMs / HOUR_MS);

const publishedLookups = new WeakMap<object, { get: (id: number) => unknown }>();

/** Whether this id is a published article: one primary-key lookup (a few microseconds), prepared once per connection. */
export function isPublishedArticleId(id: number, db: Db = getDb()): boolean {
  let statement = publishedLookups.get(db.$client);
  if (!statement) {
    statement = db.$client.prepare(`SELECT 1 FROM articles WHERE id = ? AND status = 'published'`).pluck();
    publishedLookups.set(db.$client, statement);
  }
  return statement.get(id) !== undefined;
}
/** Adds counted views to their hourly buckets in one transaction; views of unknown or unpublished articles are dropped. */
export function recordViews(counts: ReadonlyMap<number, number>, hour: number, db: Db = getDb()): void {
  if (counts.size === 0) return;
  const insert = db.$client.prepare(
    `INSERT INTO page_views (article_id, hour, views)
     SELECT @articleId, @hour, @views WHERE EXISTS (SELECT 1 FROM articles WHERE id = @articleId AND status = 'published')
     ON CONFLICT (article_id, hour) DO UPDATE SET views = views + excluded.views`,
  );
  db.$client.transaction(() => {
    for (const [articleId, views] of counts) insert.run({ articleId, hour, views });
  })();
}

/** A view counted by one process, not yet checked against the others' (lib/reader/view-counter.ts). */
export interface CountedView {
  /** The client and the article: a view counts once per key and window. */
  key: string;
  articleId: number;
  at: number;
}

/**
 * Writes one process's batch of views (ADR 0020): each is checked against the views every process has
 * counted in the window (counted_views), so a reader whose beacons reach two worker processes counts once;
 * the rest go to their hourly buckets, all in one transaction. Then the window's expired keys are deleted,
 * and, past `keptKeys`, the oldest. Returns how many views counted.
 */
export function recordCountedViews(
  views: readonly CountedView[],
  { now, windowMs, keptKeys }: { now: number; windowMs: number; keptKeys: number },
  db: Db = getDb(),
): number {
  if (views.length === 0) return 0;
  const claim = db.$client.prepare(
    `INSERT INTO counted_views (key, counted_at) VALUES (?, ?)
     ON CONFLICT (key) DO UPDATE SET counted_at = excluded.counted_at WHERE counted_views.counted_at <= excluded.counted_at - ?`,
  );
  return db.$client.transaction(() => {
    const counts = new Map<number, number>();
    for (const view of views) {
      if (claim.run(view.key, view.at, windowMs).changes === 1) counts.set(view.articleId, (counts.get(view.articleId) ?? 0) + 1);
    }
    recordViews(counts, hourOf(now), db);
    db.$client.prepare('DELETE FROM counted_views WHERE counted_at <= ?').run(now - windowMs);
    // Rowids grow with inserts: the lowest are the oldest keys.
    db.$client.prepare('DELETE FROM counted_views WHERE rowid <= (SELECT max(rowid) FROM counted_views) - ?').run(keptKeys);
    return [...counts.values()].reduce((sum, n) => sum + n, 0);
  }).immediate();
}

// Ranked beyond the list's length, so articles unpublished since the ranking leave room to spare.
const RANKING_SLACK = 20;
const RANKING_DEPTH = 30;

interface Ranking {
  /** What the ranking was computed from: the hour, and the database's state (see rankingKey). */
  key: string;
  /** How many places were ranked. */
  depth: number;
  ids: number[];
}

// One ranking per connection and process (pages and the view counter load this module from separate bundles).
const rankings = oncePerProcess('trending rankings', () => new WeakMap<object, Ranking>());

/**
 * What a ranking depends on: the current hour (the window and the decay move with it), the rows this
 * connection has changed (total_changes: views written by the counter, any edit) and commits by other
 * connections (data_version). One cheap statement instead of summing 48 hours of view buckets.
 */
function rankingKey(currentHour: number, db: Db): string {
  const state = db.$client.prepare('SELECT total_changes() AS changes, (SELECT data_version FROM pragma_data_version) AS version').get() as {
    changes: number;
    version: number;
  };
  return `${currentHour}:${state.changes}:${state.version}`;
}

/** The ids of the most-read published articles of the window, best first (the costly part: tens of ms at 100k articles). */
function rankTrending(limit: number, currentHour: number, db: Db): number[] {
  const decayPerHour = Math.LN2 / TRENDING_HALF_LIFE_HOURS;
  const scores = db
    .select({
      articleId: pageViews.articleId,
      score: sql<number>`sum(${pageViews.views} * exp(-(${currentHour} - ${pageViews.hour}) * ${decayPerHour}))`.as(
        'score',
      ),
    })
    .from(pageViews)
    .where(gte(pageViews.hour, currentHour - TRENDING_WINDOW_HOURS + 1))
    // "+": group from the (hour, article, views) index range instead of walking the primary key.
    .groupBy(sql`+${pageViews.articleId}`)
    .as('scores');
  return db
    .select({ id: articles.id })
    .from(articles)
    .innerJoin(scores, eq(scores.articleId, articles.id))
    .where(isPublishedNotDriving)
    .orderBy(desc(scores.score), desc(articles.publishedAt))
    .limit(limit)
    .all()
    .map((row) => row.id);
}

/**
 * The most-read published articles of the last 48 hours, each hour's views weighted by
 * exp(-age / half-life * ln 2); topped up with the newest articles when too few were read.
 * The ranking is kept until views are written, anything else changes or the hour turns (rankingKey):
 * the view counter ranks right after each write, so pages rendered between writes never pay for it.
 */
export function listTrendingArticles(limit: number, now: number = Date.now(), db: Db = getDb()): ArticleTeaser[] {
  const currentHour = hourOf(now);
  const key = rankingKey(currentHour, db);
  let ranking = rankings.get(db.$client);
  if (!ranking || ranking.key !== key || ranking.depth < limit + RANKING_SLACK) {
    const depth = Math.max(limit + RANKING_SLACK, RANKING_DEPTH);
    ranking = { key, depth, ids: rankTrending(depth, currentHour, db) };
    rankings.set(db.$client, ranking);
  }
  const teasers = ranking.ids.length
    ? new Map(selectTeasers(db).where(and(isPublishedNotDriving, inArray(articles.id, ranking.ids))).all().map((row) => [row.id, row]))
    : new Map();
  const read = ranking.ids.flatMap((id) => teasers.get(id) ?? []).slice(0, limit).map(toTeaser);
  if (read.length >= limit) return read;
  return [...read, ...listLatestArticles({ limit: limit - read.length, excludeIds: read.map((a) => a.id) }, db)];
}

/** Views per day over the last `days` days (UTC days, oldest first; days without views count 0). */
export function listDailyViews(days: number, now: number = Date.now(), db: Db = getDb()): { day: number; views: number }[] {
  const DAY_HOURS = 24;
  const today = Math.floor(hourOf(now) / DAY_HOURS);
  const firstDay = today - days + 1;
  // Summed per hour first (straight off the covering index), then per day. A literal divisor: a bound
  // number would be a REAL, and the division with it not an integer one.
  const hourly = db
    .select({ hour: pageViews.hour, views: sql<number>`sum(${pageViews.views})`.as('views') })
    .from(pageViews)
    .where(gte(pageViews.hour, firstDay * DAY_HOURS))
    .groupBy(pageViews.hour)
    .as('hourly');
  const dayOfHour = sql<number>`${hourly.hour} / ${sql.raw(String(DAY_HOURS))}`;
  const rows = db
    .select({ day: dayOfHour, views: sql<number>`sum(${hourly.views})` })
    .from(hourly)
    .groupBy(dayOfHour)
    .all();
  const byDay = new Map(rows.map((r) => [r.day, r.views]));
  return Array.from({ length: days }, (_, i) => ({ day: (firstDay + i) * DAY_HOURS * HOUR_MS, views: byDay.get(firstDay + i) ?? 0 }));
}
