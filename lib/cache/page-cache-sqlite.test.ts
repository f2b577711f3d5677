import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPageCacheDb } from '@/db/page-cache';
import { runInProcesses } from '@/test/support/processes';
import { describePageCacheContract } from '@/test/support/page-cache-contract';
import { pageCacheMaxBytes } from './page-cache';
import { sqlitePageStore } from './page-cache-sqlite';

describePageCacheContract('SQLite', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'page-cache-sqlite-'));
  const file = path.join(dir, 'page-cache.sqlite');
  // Two connections to one file: what two worker processes hold.
  const a = openPageCacheDb(file, { maxBytes: 64 * 1024 * 1024 });
  const b = openPageCacheDb(file, { maxBytes: 64 * 1024 * 1024 });
  return {
    a: sqlitePageStore(a),
    b: sqlitePageStore(b),
    async close() {
      a.close();
      b.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
});

function tempCache(maxBytes: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'page-cache-bounds-'));
  const db = openPageCacheDb(path.join(dir, 'page-cache.sqlite'), { maxBytes });
  return { db, dir, done: () => (db.close(), fs.rmSync(dir, { recursive: true, force: true })) };
}

const page = (n: number) => ({ value: `${'x'.repeat(10_000)}${n}`, tags: [`article:${n}`], lastModified: 1_000 + n });

describe('the SQLite page cache file', () => {
  it('holds at most its size in bytes, dropping the least recently read pages first', () => {
    const { db, done } = tempCache(100_000);
    try {
      let now = 1_000_000;
      db.write('b:kept', page(0), now);
      for (let n = 1; n <= 30; n++) {
        now += 120_000; // past the read-touch interval: each read counts
        db.write(`b:page-${n}`, page(n), now);
        db.read('b:kept', now);
      }
      const { entries, bytes } = db.size();
      expect(bytes).toBeLessThanOrEqual(100_000);
      expect(entries).toBeLessThanOrEqual(9);
      expect(entries).toBeGreaterThanOrEqual(5);
      expect(db.read('b:kept', now)?.value).toBe(page(0).value);
      expect(db.read('b:page-30', now)).toBeDefined();
      expect(db.read('b:page-1', now)).toBeUndefined();
    } finally {
      done();
    }
  });

  it('counts a replaced page once', () => {
    const { db, done } = tempCache(1_000_000);
    try {
      for (let i = 0; i < 5; i++) db.write('b:same', page(i), 1_000 + i);
      expect(db.size().entries).toBe(1);
      db.remove('b:same');
      expect(db.size()).toEqual({ entries: 0, bytes: 0 });
    } finally {
      done();
    }
  });

  it("drops another build's pages when a build opens it", () => {
    const { db, done } = tempCache(1_000_000);
    try {
      db.write('old-build:/a', page(1), 1);
      db.write('new-build:/a', page(2), 2);
      db.keepOnly('new-build:');
      expect(db.read('old-build:/a', 3)).toBeUndefined();
      expect(db.read('new-build:/a', 3)).toBeDefined();
      expect(db.size().entries).toBe(1);
    } finally {
      done();
    }
  });

  it('keeps tag times per tag, written by one connection and read by another', () => {
    const { db, dir, done } = tempCache(1_000_000);
    const other = openPageCacheDb(path.join(dir, 'page-cache.sqlite'), { maxBytes: 1_000_000 });
    try {
      db.markTags(['home', 'article:1'], (existing) => ({ ...existing, stale: 5 }));
      other.markTags(['home'], (existing) => ({ ...existing, expired: 7 }));
      expect(Object.fromEntries(db.tagTimes(['home', 'article:1', 'never']))).toEqual({ home: { stale: 5, expired: 7 }, 'article:1': { stale: 5 } });
    } finally {
      other.close();
      done();
    }
  });

  it('takes pages and tag marks from several processes at once without refusing any (a lost tag mark is a stale page)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'page-cache-processes-'));
    try {
      const file = path.join(dir, 'page-cache.sqlite');
      const results = await runInProcesses<{ failures: number; first: string | null }>([
        { kind: 'page-cache', file, writes: 1_500 },
        { kind: 'page-cache', file, writes: 1_500 },
      ]);
      expect(results).toEqual([
        { failures: 0, first: null },
        { failures: 0, first: null },
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it('reads its bound from PAGE_CACHE_MAX_MB, its default unless set to a whole number', () => {
    expect(pageCacheMaxBytes(undefined, 256)).toBe(256 * 1024 * 1024);
    expect(pageCacheMaxBytes('64', 256)).toBe(64 * 1024 * 1024);
    expect(pageCacheMaxBytes('-1', 256)).toBe(256 * 1024 * 1024);
    expect(pageCacheMaxBytes('lots', 256)).toBe(256 * 1024 * 1024);
  });
});
