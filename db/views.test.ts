import { beforeEach, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { openDatabase, type Db } from './client';
import { articles } from './schema';
import { addTestArticle, withTestDatabase } from '@/test/support/database';
import { HOUR_MS, hourOf, listDailyViews, listTrendingArticles, recordViews } from './views';

const database = withTestDatabase();
let db: Db;
beforeEach(() => {
  db = database();
});

const now = Date.UTC(2026, 10, 28, 12);
const hoursAgo = (h: number) => hourOf(now) - h;
const views = (entries: [number, number][], hour: number) => recordViews(new Map(entries), hour, db);
const trendingIds = (limit = 10) => listTrendingArticles(limit, now, db).map((a) => a.id);

it('ranks recent views above the same number of older views', () => {
  const older = addTestArticle(db);
  const recent = addTestArticle(db);
  views([[older, 100]], hoursAgo(20));
  views([[recent, 100]], hoursAgo(1));
  expect(trendingIds(2)).toEqual([recent, older]);
});

it('lets many older views beat a few recent ones (decay, not a cut-off)', () => {
  const busyYesterday = addTestArticle(db);
  const quietNow = addTestArticle(db);
  views([[busyYesterday, 1000]], hoursAgo(24));
  views([[quietNow, 50]], hoursAgo(0));
  expect(trendingIds(2)).toEqual([busyYesterday, quietNow]);
});

it('ignores views older than 48 hours and falls back to the newest articles', () => {
  const old = addTestArticle(db, { publishedAt: now - 100 * HOUR_MS });
  const newest = addTestArticle(db, { publishedAt: now - HOUR_MS });
  views([[old, 5000]], hoursAgo(49));
  expect(trendingIds(1)).toEqual([newest]);
});

it('adds up views counted in several batches of the same hour', () => {
  const a = addTestArticle(db);
  const b = addTestArticle(db);
  views([[a, 30]], hoursAgo(0));
  views([[b, 40]], hoursAgo(0));
  views([[a, 20]], hoursAgo(0));
  expect(trendingIds(2)).toEqual([a, b]);
});

it('drops views of unknown and unpublished articles, and never lists unpublished ones', () => {
  const draft = addTestArticle(db, { status: 'draft', publishedAt: null });
  const published = addTestArticle(db);
  views(
    [
      [draft, 500],
      [999_999, 500],
      [published, 1],
    ],
    hoursAgo(0),
  );
  const stored = db.$client.prepare('select article_id, views from page_views').all();
  expect(stored).toEqual([{ article_id: published, views: 1 }]);
  expect(trendingIds()).toEqual([published]);
});

it('adds up views per day, with empty days counted as none', () => {
  const a = addTestArticle(db);
  views([[a, 5]], hoursAgo(0));
  views([[a, 7]], hoursAgo(1));
  views([[a, 100]], hoursAgo(24 * 9));
  const days = listDailyViews(7, now, db);
  expect(days).toHaveLength(7);
  expect(days.reduce((sum, d) => sum + d.views, 0)).toBe(12);
  expect(days.at(-1)?.day).toBe(Math.floor(now / 86_400_000) * 86_400_000);
});

it('keeps its ranking only while nothing changes: new views, another connection or a new hour re-rank', () => {
  const first = addTestArticle(db);
  const second = addTestArticle(db);
  views([[first, 10]], hoursAgo(0));
  expect(trendingIds(2)).toEqual([first, second]);
  views([[second, 20]], hoursAgo(0));
  expect(trendingIds(2)).toEqual([second, first]);

  // Another process (a second connection to the same file) writes views.
  const other = openDatabase(db.$client.name);
  try {
    recordViews(new Map([[first, 50]]), hoursAgo(0), other);
  } finally {
    other.$client.close();
  }
  expect(trendingIds(2)).toEqual([first, second]);

  // An article unpublished since the ranking leaves the list at once.
  db.update(articles).set({ status: 'draft' }).where(eq(articles.id, first)).run();
  expect(trendingIds(1)).toEqual([second]);

  // With nothing written, the hours alone move the window: two days on, every view has left it and the
  // list falls back to the newest articles.
  db.update(articles).set({ status: 'published' }).where(eq(articles.id, first)).run();
  expect(trendingIds(2)).toEqual([first, second]);
  expect(listTrendingArticles(2, now + 48 * HOUR_MS, db).map((a) => a.id)).toEqual([second, first]);
});
