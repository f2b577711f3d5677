import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { e2eSite } from './site';

/** The files of the page cache (rendered pages and cached reads) under the test build folder. */
function cacheFiles(): Set<string> {
  const files = new Set<string>();
  // Next 16 keeps pages rendered at run time in server/route-cache, made with the first one.
  for (const folder of ['server/app', 'server/route-cache', 'cache']) {
    const root = path.join(e2eSite.distDir, folder);
    if (!fs.existsSync(root)) continue;
    for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) files.add(path.join(entry.parentPath, entry.name));
    }
  }
  return files;
}

test('thousands of different unknown addresses add nothing to the page cache on disk', async ({ request }) => {
  test.setTimeout(120_000);
  const shapes = [
    (n: number) => `/no-such-section-${n}`,
    (n: number) => `/politics/no-such-story-${n}`,
    (n: number) => `/tags/no-such-tag-${n}`,
    (n: number) => `/authors/no-such-author-${n}`,
    (n: number) => `/politics?page=${1000 + n}`,
    (n: number) => `/no-such-section-${n}/rss.xml`,
    (n: number) => `/sitemaps/no-such-${n}.xml`,
    (n: number) => `/share/${900_000 + n}-1.png`,
    // Addresses under the newsroom, the API and the site's files, which a section's route would take.
    (n: number) => `/admin/no-such-page-${n}`,
    (n: number) => `/api/no-such-endpoint-${n}`,
    (n: number) => `/media/page/${900_000 + n}`,
    (n: number) => `/no-such-file-${n}.txt`,
  ];
  // Warm up the one not-found page, so what it caches once is not counted as growth.
  for (const shape of shapes) expect([404]).toContain((await request.get(shape(0))).status());
  const before = cacheFiles();
  const statuses = new Set<number>();
  for (let n = 1; n <= 2_000; n += shapes.length) {
    const responses = await Promise.all(shapes.map((shape, i) => request.get(shape(n + i))));
    for (const response of responses) statuses.add(response.status());
  }
  expect([...statuses]).toEqual([404]);
  // Other tests run beside this one and fill the cache with real pages: what must not appear is any entry
  // for the addresses asked for here, and the cache must not grow with the number of requests.
  const added = [...cacheFiles()].filter((file) => !before.has(file));
  const forUnknownAddresses = added.filter((file) => /no-such|90000\d/.test(`${file}\n${fs.readFileSync(file, 'latin1')}`));
  expect(forUnknownAddresses).toEqual([]);
  expect(added.length).toBeLessThan(100);
});
