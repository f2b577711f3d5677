import { like } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { seedLargeSite } from '@/ops/large-seed';
import { articles } from '@/db/schema';
import { createTestDatabase } from '@/test/support/database';
import { readSeedContent, DEMO_CONTENT_DIR } from '@/ops/seed-content';
import { growingTableScans, hotQueryCases } from './hot-queries';

// A generated archive big enough that SQLite plans as it does at 100,000 articles (the planner works
// from the schema's indexes, not from row counts, until ANALYZE is run, which the site never does).
const now = Date.UTC(2026, 10, 28, 12, 30);
let db: Db;
let cleanup = () => {};

beforeAll(() => {
  ({ db, cleanup } = createTestDatabase());
  seedLargeSite(db, readSeedContent(DEMO_CONTENT_DIR), { articles: 3_000, views: 200_000, now });
}, 120_000);
afterAll(() => cleanup());

it('no hot read of the reader pages, feeds, sitemaps, search, trending or the newsroom list scans a growing table', () => {
  const cases = hotQueryCases(db, now);
  expect(cases.length).toBeGreaterThan(30);
  const scans = cases.flatMap((test) => growingTableScans(db, test).map((line) => `${test.name}: ${line}`));
  expect(scans).toEqual([]);
});

it('the check catches a read of the articles table row by row', () => {
  const scans = growingTableScans(db, {
    name: 'summary contains a word',
    run: (d) => d.select({ id: articles.id }).from(articles).where(like(articles.summary, '%budget%')).all(),
  });
  expect(scans).toHaveLength(1);
  expect(scans[0]).toMatch(/^SCAN articles\b/);
});
