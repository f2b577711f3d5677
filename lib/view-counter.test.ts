import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { addTestArticle, withTestDatabase } from '@/db/testing';
import { isReader, ViewCounter } from './view-counter';

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
    counter.count(id);
    counter.count(id);
    expect(counter.flushIfDue(start + 10)).toBe(false);
    expect(stored()).toBe(0);
    expect(counter.flushIfDue(start + 2_000)).toBe(true);
    expect(stored()).toBe(2);
  });

  it('reports a trending change once, even when the timer flushed it', () => {
    const first = addTestArticle(db);
    const second = addTestArticle(db);
    const counter = new ViewCounter(1_000, db);
    counter.count(first);
    counter.flush();
    expect(counter.flushIfDue()).toBe(true);
    expect(counter.flushIfDue()).toBe(false);
    counter.count(first);
    counter.flush();
    expect(counter.flushIfDue()).toBe(false);
    for (let i = 0; i < 5; i++) counter.count(second);
    counter.flush();
    expect(counter.flushIfDue()).toBe(true);
  });
});
