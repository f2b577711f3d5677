import { expect, test } from '@playwright/test';
import { storedPages, UNKNOWN_URL_SHAPE_COUNT, unknownUrl } from '../test/support/server-footprint';
import { e2eSite } from './site';

test('thousands of different unknown addresses add nothing to the page cache', async ({ request }) => {
  test.setTimeout(120_000);
  // Warm up the one not-found page (one address of each shape), so what it caches once is not counted as growth.
  for (let n = 0; n < UNKNOWN_URL_SHAPE_COUNT; n++) expect([404]).toContain((await request.get(unknownUrl(n))).status());
  const keys = () => storedPages(e2eSite.dataDir);
  const before = new Set(keys().map((page) => page.key));
  expect(before.size).toBeGreaterThan(0);
  const statuses = new Set<number>();
  for (let n = UNKNOWN_URL_SHAPE_COUNT; n < 2_000 + UNKNOWN_URL_SHAPE_COUNT; n += UNKNOWN_URL_SHAPE_COUNT) {
    const responses = await Promise.all(Array.from({ length: UNKNOWN_URL_SHAPE_COUNT }, (_, i) => request.get(unknownUrl(n + i))));
    for (const response of responses) statuses.add(response.status());
  }
  expect([...statuses]).toEqual([404]);
  // Other tests run beside this one and fill the cache with real pages: what must not appear is any entry
  // for the addresses asked for here, and the cache must not grow with the number of requests.
  const added = keys().filter((page) => !before.has(page.key));
  const forUnknownAddresses = added.filter((page) => /no-such|90000\d/.test(`${page.key}\n${page.raw}`)).map((page) => page.key);
  expect(forUnknownAddresses).toEqual([]);
  // One entry per address asked for would be 2,000; other specs add a few dozen real pages meanwhile.
  expect(added.length, added.map((page) => page.key).join('\n')).toBeLessThan(500);
});
