import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPageCacheDb } from './page-cache';
import { listLatestArticles } from './articles/reads';
import { countQueriesInto, type QueryTally } from './query-count';
import { withTestDatabase } from '@/test/support/database';

describe('countQueriesInto', () => {
  const db = withTestDatabase();

  it('counts the statements run inside it, and only those', () => {
    const outside = db().$client.prepare('select count(*) from articles').pluck();
    const tally: QueryTally = { count: 0, ms: 0 };
    countQueriesInto(tally, () => {
      outside.get();
      db().$client.pragma('user_version');
    });
    outside.get();
    expect(tally.count).toBe(2);
    expect(tally.ms).toBeGreaterThan(0);
  });

  it('follows asynchronous work and counts drizzle queries', async () => {
    const tally: QueryTally = { count: 0, ms: 0 };
    await countQueriesInto(tally, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      listLatestArticles({ limit: 5 }, db());
    });
    expect(tally.count).toBeGreaterThan(0);
  });

  it("does not count the page cache's statements: a cached page costs the site's database nothing", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'query-count-'));
    const cache = openPageCacheDb(path.join(dir, 'page-cache.sqlite'), { maxBytes: 1_000_000 });
    try {
      db().$client.pragma('user_version');
      const tally: QueryTally = { count: 0, ms: 0 };
      countQueriesInto(tally, () => {
        cache.read('b:/', Date.now());
        cache.tagTimes(['home']);
      });
      expect(tally.count).toBe(0);
    } finally {
      cache.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
