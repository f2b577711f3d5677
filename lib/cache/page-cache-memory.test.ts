import { describe, expect, it } from 'vitest';
import { describePageCacheContract } from '@/test/support/page-cache-contract';
import { memoryPageStore } from './page-cache-memory';

// One process: both "processes" of the contract hold the one store.
describePageCacheContract('memory', async () => {
  const store = memoryPageStore(64 * 1024 * 1024);
  return { a: store, b: store, close: async () => {} };
});

const page = (n: number) => ({ value: `${'x'.repeat(10_000)}${n}`, tags: [`article:${n}`], lastModified: 1_000 + n });

describe("the page cache in the process's memory", () => {
  it('holds at most its size in bytes, dropping the least recently read pages first', async () => {
    const store = memoryPageStore(100_000);
    await store.write('b:kept', page(0), 0);
    for (let n = 1; n <= 30; n++) {
      await store.write(`b:page-${n}`, page(n), n);
      await store.read('b:kept', n);
    }
    const { entries, bytes } = store.size();
    expect(bytes).toBeLessThanOrEqual(100_000);
    expect(entries).toBeGreaterThanOrEqual(3);
    expect((await store.read('b:kept', 31))?.value).toBe(page(0).value);
    expect(await store.read('b:page-30', 31)).toBeDefined();
    expect(await store.read('b:page-1', 31)).toBeUndefined();
  });

  it('counts a replaced page once, and keeps no page larger than the whole bound', async () => {
    const store = memoryPageStore(1_000_000);
    for (let i = 0; i < 5; i++) await store.write('b:same', page(i), i);
    expect(store.size().entries).toBe(1);
    await store.remove('b:same');
    expect(store.size()).toEqual({ entries: 0, bytes: 0 });
    const small = memoryPageStore(1_000);
    await small.write('b:huge', page(1), 0);
    expect(small.size()).toEqual({ entries: 0, bytes: 0 });
  });

  it('keeps each tag its times, a mark changing only the times it names', async () => {
    const store = memoryPageStore(1_000_000);
    await store.markTags(['home', 'article:1'], () => ({ stale: 5 }));
    await store.markTags(['home'], () => ({ expired: 7 }));
    expect(Object.fromEntries(await store.tagTimes(['home', 'article:1', 'never']))).toEqual({ home: { stale: 5, expired: 7 }, 'article:1': { stale: 5 } });
  });
});
