import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { recordCountedViews } from '@/db/views';
import { addTestArticle, withTestDatabase } from '@/test/support/database';
import { runInProcesses } from '@/test/support/processes';
import { isReader, VIEW_WINDOW_MS, ViewCounter } from './view-counter';

describe('isReader', () => {
  it.each([
    'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Version/18.0 Mobile/15E148 Safari/604.1',
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0 Safari/537.36',
  ])('counts a browser: %s', (ua) => expect(isReader(ua)).toBe(true));

  it.each([
    null,
    '',
    'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
    'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; bingbot/2.0)',
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/142.0 Safari/537.36',
    'facebookexternalhit/1.1',
    'curl/8.5.0',
    'python-requests/2.32',
    'Mozilla/5.0 (Linux; Android 11; moto g power (2022)) Chrome-Lighthouse',
  ])('ignores a non-reader: %s', (ua) => expect(isReader(ua)).toBe(false));
});

describe('ViewCounter', () => {
  const database = withTestDatabase();
  let db: Db;
  beforeEach(() => {
    db = database();
  });
  const stored = () => db.$client.prepare('select coalesce(sum(views), 0) from page_views').pluck().get();

  it('holds views in memory until the interval has passed, then writes them in one batch', () => {
    const id = addTestArticle(db);
    const start = Date.now();
    const counter = new ViewCounter(1_000, db);
    counter.count(id, 'reader-a');
    counter.count(id, 'reader-b');
    expect(counter.flushIfDue(start + 10)).toBe(false);
    expect(stored()).toBe(0);
    expect(counter.flushIfDue(start + 2_000)).toBe(true);
    expect(stored()).toBe(2);
  });

  it('reports a trending change once, even when the timer flushed it', () => {
    const first = addTestArticle(db);
    const second = addTestArticle(db);
    const counter = new ViewCounter(1_000, db);
    counter.count(first, 'reader-a');
    counter.flush();
    expect(counter.flushIfDue()).toBe(true);
    expect(counter.flushIfDue()).toBe(false);
    counter.count(first, 'reader-a');
    counter.flush();
    expect(counter.flushIfDue()).toBe(false);
    for (let i = 0; i < 5; i++) counter.count(second, `reader-${i}`);
    counter.flush();
    // Reported once the interval since the last report has passed.
    expect(counter.flushIfDue(Date.now() + 1_000)).toBe(true);
  });

  it('tells which ranking it reported (the ids the pages show, in order), for the caches in front', () => {
    const first = addTestArticle(db);
    const second = addTestArticle(db);
    const counter = new ViewCounter(1_000, db);
    expect(counter.reportedRanking()).toBeNull();
    counter.count(first, 'reader-a');
    counter.flush();
    // Not reported yet: the pages have not been told.
    expect(counter.reportedRanking()).toBeNull();
    expect(counter.flushIfDue()).toBe(true);
    expect(counter.reportedRanking()).toBe(`${first},${second}`);
    for (let i = 0; i < 3; i++) counter.count(second, `reader-${i}`);
    counter.flush();
    expect(counter.reportedRanking()).toBe(`${first},${second}`);
    expect(counter.flushIfDue(Date.now() + 1_000)).toBe(true);
    expect(counter.reportedRanking()).toBe(`${second},${first}`);
  });

  it('counts one view per client per article per window', () => {
    const id = addTestArticle(db);
    const start = Date.now();
    const counter = new ViewCounter(1_000, db);
    for (let i = 0; i < 1_000; i++) counter.count(id, '203.0.113.7', start + i);
    counter.count(id, '198.51.100.2', start);
    counter.flush(start + 2_000);
    expect(stored()).toBe(2);
    // The same reader again within the window: not counted; after it: counted.
    counter.count(id, '203.0.113.7', start + VIEW_WINDOW_MS - 1);
    counter.flush(start + VIEW_WINDOW_MS);
    expect(stored()).toBe(2);
    counter.count(id, '203.0.113.7', start + VIEW_WINDOW_MS + 1);
    counter.flush(start + VIEW_WINDOW_MS + 2);
    expect(stored()).toBe(3);
  });

  it('ignores ids that are not published articles, so made-up ids cannot crowd out real views', () => {
    const draft = addTestArticle(db, { status: 'draft', publishedAt: null });
    const real = addTestArticle(db);
    const counter = new ViewCounter(1_000, db);
    for (let id = real + 1; id < real + 6_000; id++) expect(counter.count(id, 'attacker')).toBe(false);
    expect(counter.count(draft, 'attacker')).toBe(false);
    expect(counter.count(real, 'reader')).toBe(true);
    counter.flush();
    expect(db.$client.prepare('select article_id, views from page_views').all()).toEqual([{ article_id: real, views: 1 }]);
  });

  it('remembers a bounded number of recent views, however many clients send them', () => {
    const id = addTestArticle(db);
    const counter = new ViewCounter(1_000, db, { recentLimit: 100 });
    for (let i = 0; i < 1_000; i++) counter.count(id, `client-${i}`);
    expect(counter.rememberedViews()).toBe(100);
  });

  it('reports a trending change at most once per interval, so views cannot re-render pages faster', () => {
    const [first, second] = [addTestArticle(db), addTestArticle(db)];
    const start = Date.now();
    const counter = new ViewCounter(1_000, db);
    counter.count(first, 'a', start);
    counter.flush(start);
    expect(counter.flushIfDue(start)).toBe(true);
    for (let i = 0; i < 3; i++) counter.count(second, `b${i}`, start);
    counter.flush(start + 10);
    expect(counter.flushIfDue(start + 20)).toBe(false);
    expect(counter.flushIfDue(start + 1_000)).toBe(true);
  });
});

describe('ViewCounter in several processes on one database', () => {
  const database = withTestDatabase();

  it('counts a reader whose beacons reach two worker processes once', async () => {
    const db = database();
    const id = addTestArticle(db);
    const readers = Array.from({ length: 50 }, (_, i) => `198.51.100.${i}`);
    // Each process sees every reader (the cluster hands connections out in turn) and the first 10 of its own.
    const results = await runInProcesses<{ counted: number }>([
      { kind: 'views', file: db.$client.name, articleId: id, clients: [...readers, ...Array.from({ length: 10 }, (_, i) => `a-${i}`)] },
      { kind: 'views', file: db.$client.name, articleId: id, clients: [...readers, ...Array.from({ length: 10 }, (_, i) => `b-${i}`)] },
    ]);
    // Each process counted all it saw; the shared check as they were written kept one of each reader.
    expect(results.map((result) => result.counted)).toEqual([60, 60]);
    expect(db.$client.prepare('select sum(views) from page_views where article_id = ?').pluck().get(id)).toBe(70);
  }, 30_000);

  it('keeps a bounded number of counted keys in the database', () => {
    const db = database();
    const id = addTestArticle(db);
    const now = Date.now();
    const views = Array.from({ length: 30 }, (_, i) => ({ key: `client-${i} ${id}`, articleId: id, at: now }));
    expect(recordCountedViews(views, { now, windowMs: VIEW_WINDOW_MS, keptKeys: 10 }, db)).toBe(30);
    expect(db.$client.prepare('select count(*) from counted_views').pluck().get()).toBe(10);
    // Expired keys go at the next write.
    recordCountedViews([{ key: `late ${id}`, articleId: id, at: now + VIEW_WINDOW_MS }], { now: now + VIEW_WINDOW_MS, windowMs: VIEW_WINDOW_MS, keptKeys: 10 }, db);
    expect(db.$client.prepare('select key from counted_views').pluck().all()).toEqual([`late ${id}`]);
  });
});
