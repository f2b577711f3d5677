import { beforeEach, describe, expect, it, vi } from 'vitest';

// Only what the page is tagged with is under test here: Next's cache itself runs in the e2e suite.
const cachedReads = vi.hoisted(() => [] as string[][]);
vi.mock('next/cache', () => ({
  unstable_cache: (read: () => Promise<unknown>, _key: string[], options: { tags: string[] }) => {
    cachedReads.push(options.tags);
    return read;
  },
}));

const { tagThisPage, TAGS_PER_CACHED_READ } = await import('./page-tags');

describe('tagThisPage', () => {
  beforeEach(() => {
    cachedReads.length = 0;
  });

  it('tags the page with each tag once', async () => {
    await tagThisPage(['section:politics', 'home', 'section:politics']);
    expect(cachedReads).toEqual([['home', 'section:politics']]);
  });

  it("spreads hundreds of tags over several reads, none over Next's limit of 128, so none is dropped", async () => {
    const tags = ['tags', ...Array.from({ length: 300 }, (_, i) => `tag:topic-${i}`)];
    await tagThisPage(tags);
    expect(cachedReads.length).toBe(Math.ceil(301 / TAGS_PER_CACHED_READ));
    expect(Math.max(...cachedReads.map((read) => read.length))).toBeLessThanOrEqual(128);
    expect(cachedReads.flat().sort()).toEqual([...tags].sort());
  });
});
