import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, expect, it } from 'vitest';
import { readSeedContent } from '@/lib/seed-content';
import { seedLargeSite } from './large-seed';
import { createTestDatabase } from './testing';
import { hourOf, listTrendingArticles, TRENDING_WINDOW_HOURS } from './views';

const content = readSeedContent(path.join(import.meta.dirname, '..', 'scripts', 'seed-content'));
const now = Date.UTC(2026, 10, 28, 12, 30);
let cleanup = () => {};
afterEach(() => cleanup());

it('loads articles with their parts and shares out exactly the views asked for over 48 hours', () => {
  const test = createTestDatabase();
  cleanup = test.cleanup;
  const progress: string[] = [];
  const summary = seedLargeSite(test.db, content, { articles: 1200, views: 50_000, now, progress: (done, total, label) => progress.push(`${label} ${done}/${total}`) });
  const count = (table: string) => test.db.get<{ n: number }>(sql.raw(`select count(*) as n from ${table}`))?.n;
  expect(count('articles')).toBe(1200);
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
