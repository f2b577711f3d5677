import { sql } from 'drizzle-orm';
import { afterEach, expect, it } from 'vitest';
import { readSeedContent, DEMO_CONTENT_DIR } from '@/ops/seed-content';
import { seedLargeSite } from './large-seed';
import { createTestDatabase } from '@/test/support/database';
import { hourOf, listTrendingArticles, TRENDING_WINDOW_HOURS } from '@/db/views';

const content = readSeedContent(DEMO_CONTENT_DIR);
const now = Date.UTC(2026, 10, 28, 12, 30);
let cleanup = () => {};
afterEach(() => cleanup());

it('loads articles with their parts and shares out exactly the views asked for over 48 hours', () => {
  const test = createTestDatabase();
  cleanup = test.cleanup;
  const progress: string[] = [];
  const summary = seedLargeSite(test.db, content, { articles: 150, views: 50_000, now, progress: (done, total, label) => progress.push(`${label} ${done}/${total}`) });
  const count = (table: string) => test.db.get<{ n: number }>(sql.raw(`select count(*) as n from ${table}`))?.n;
  expect(count('articles')).toBe(150);
  expect(count('article_key_points')).toBe(summary.keyPoints);
  expect(count('article_tags')).toBe(summary.articleTags);
  expect(count('article_related')).toBe(summary.relatedPicks);
  expect(count('page_views')).toBe(summary.viewRows);
  const windowStart = hourOf(now) - TRENDING_WINDOW_HOURS + 1;
  expect(test.db.get<{ n: number }>(sql`select sum(views) as n from page_views where hour >= ${windowStart}`)?.n).toBe(50_000);
  expect(test.db.get<{ n: number }>(sql`select count(*) as n from page_views where hour > ${hourOf(now)}`)?.n).toBe(0);
  expect(listTrendingArticles(8, now, test.db)).toHaveLength(8);
  expect(progress.at(-1)).toMatch(/^page views (\d+)\/\1$/);
  expect(test.db.$client.pragma('synchronous', { simple: true })).toBe(1);
});

it('indexes every article for search in one pass and leaves the index triggers in place', () => {
  const test = createTestDatabase();
  cleanup = test.cleanup;
  const triggers = () => test.db.$client.prepare("select name from sqlite_master where type = 'trigger' order by name").pluck().all();
  const before = triggers();
  seedLargeSite(test.db, content, { articles: 100, views: 0, now });
  expect(triggers()).toEqual(before);
  expect(before.length).toBeGreaterThan(0);
  const count = (table: string) => test.db.$client.prepare(`select count(*) from ${table}`).pluck().get();
  expect(count('article_search')).toBe(100);
  const [id, headline] = test.db.$client.prepare('select id, headline from articles order by id desc limit 1').raw().get() as [number, string];
  expect(test.db.$client.prepare('select rowid from article_search where article_search match ?').pluck().all(`"${headline.replaceAll('"', '""')}"`)).toContain(id);
  // After the load, a write is indexed by the triggers again.
  test.db.$client.prepare("update articles set headline = 'Xylophone recital' where id = ?").run(id);
  expect(test.db.$client.prepare("select rowid from article_search where article_search match 'xylophone'").pluck().all()).toEqual([id]);
});
