import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { openDatabase } from '@/db/client';
import { fieldErrors, findForm, FormClient, noticeText, setField, type Page as FormPage } from '../test/support/form-client';
import { startRedis } from '../test/support/redis';
import { startSite, type RunningSite } from '../test/support/site-server';
import { SHOWS_WITHIN_MS } from './eventually';
import { copyTestBuild, copyTestDatabase } from './isolated-site';
import { e2eSite, e2eUsers } from './site';

/**
 * Several server processes, one page cache (decision 21): what one renders the others serve, and a change made
 * through one is seen through the others (how soon is printed: the product's second is a figure here). Servers of their own, on copies of the test
 * database, so nothing published here reaches the pages other specs read.
 */

// Ports E2E_PORT+1..+4 are every spec's, in use by others at the same time (caching proxy, restarts, the XSS
// corpus): these servers listen on loopback addresses of their own, as security-headers.spec.ts does.
const ONE_MACHINE = '127.0.0.21';
const TWO_MACHINES = '127.0.0.22';

const ARTICLE = '/politics/zelenskyy-signals-readiness-to-trade-nato-bid-for-security-guarantees';

async function read(site: RunningSite, address: string): Promise<{ status: number; etag: string | null; cache: string | null; body: string }> {
  const response = await fetch(`${site.url}${address}`, { headers: { 'accept-encoding': 'gzip' } });
  return { status: response.status, etag: response.headers.get('etag'), cache: response.headers.get('x-nextjs-cache'), body: await response.text() };
}

/** Publishes a Science story through `site`'s newsroom, without a browser. */
async function publishThrough(site: RunningSite, dataDir: string, headline: string): Promise<void> {
  const db = openDatabase(path.join(dataDir, 'news.db'));
  const scienceId = db.$client.prepare("select id from sections where slug = 'science'").pluck().get() as number;
  const authorId = db.$client.prepare('select id from authors order by id limit 1').pluck().get() as number;
  db.$client.close();
  const client = new FormClient(site.url, 30_000);
  await client.signIn(e2eUsers.editor);
  const page: FormPage = await client.get('/admin/articles/new');
  const form = findForm(page.html, 'headline');
  const values: Record<string, string> = {
    headline,
    sectionId: String(scienceId),
    authorIds: String(authorId),
    summary: `${headline}: the summary.`,
    body: `${headline}: the body of the story.`,
    keyPointsTitle: 'Key points',
    'keyPoints.0.label': 'Shared',
    'keyPoints.0.text': 'One cache for every process.',
    whyItMatters: 'Readers of every process see it.',
  };
  for (const [name, value] of Object.entries(values)) setField(form, name, value);
  const answer = await client.submit(page, form, 'Publish');
  expect(fieldErrors(answer.html)).toEqual([]);
  expect(noticeText(answer.html, 'error')).toBeNull();
}

/**
 * Milliseconds until `address` through `site` satisfies `check` (polled every 50 ms): a figure to print, not to
 * bound (./eventually.ts); it fails only if the change never shows before the page could have expired by itself.
 */
async function timeUntil(site: RunningSite, address: string, check: (body: string) => boolean): Promise<number> {
  const started = Date.now();
  await expect.poll(async () => check((await read(site, address)).body), { timeout: SHOWS_WITHIN_MS, intervals: [50] }).toBe(true);
  return Date.now() - started;
}

test('two processes on one machine share one SQLite page cache: renders, and publishes (the time it took is printed)', async () => {
  test.setTimeout(120_000);
  const dataDir = await copyTestDatabase('news-shared-cache-');
  fs.cpSync(path.join(e2eSite.dataDir, 'media'), path.join(dataDir, 'media'), { recursive: true });
  const env = { ...e2eSite.env, PAGE_CACHE: 'sqlite' };
  const sites: RunningSite[] = [];
  try {
    // One machine: one data folder, one build folder.
    const a = await startSite({ dataDir, distDir: e2eSite.distDir, port: e2eSite.port + 1, host: ONE_MACHINE, env });
    sites.push(a);
    const b = await startSite({ dataDir, distDir: e2eSite.distDir, port: e2eSite.port + 2, host: ONE_MACHINE, env });
    sites.push(b);

    // A renders the article; B serves A's render (Next says HIT: no render), under the same ETag.
    const rendered = await read(a, ARTICLE);
    expect(rendered.status).toBe(200);
    const served = await read(b, ARTICLE);
    expect(served.status).toBe(200);
    expect(served.cache).toBe('HIT');
    expect(served.body).toBe(rendered.body);
    expect(served.etag).not.toBeNull();
    expect((await read(a, ARTICLE)).etag).toBe(served.etag);

    // The Science front, cached through B; a story published through A shows there (how soon is printed).
    const headline = `Shared Cache Story ${Date.now()}`;
    expect((await read(b, '/science')).body).not.toContain(headline);
    expect((await read(b, '/science')).body).not.toContain(headline);
    const published = Date.now();
    await publishThrough(a, dataDir, headline);
    const saved = Date.now() - published;
    const shown = await timeUntil(b, '/science', (body) => body.includes(headline));
    console.log(`SQLite page cache: the save took ${saved} ms; then the story showed through the other process in ${shown} ms`);
  } finally {
    for (const site of sites) await site.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test('two processes on separate data folders share one Redis page cache: renders, and invalidations (the time they took is printed)', async () => {
  test.setTimeout(120_000);
  const redis = await startRedis();
  const dataDirs = [await copyTestDatabase('news-redis-a-'), await copyTestDatabase('news-redis-b-')];
  const builds: { distDir: string; remove(): void }[] = [];
  const sites: RunningSite[] = [];
  try {
    // Two machines: a data folder and a build folder each (the same build).
    for (const [i, dataDir] of dataDirs.entries()) {
      const port = e2eSite.port + 3 + i;
      fs.cpSync(path.join(e2eSite.dataDir, 'media'), path.join(dataDir, 'media'), { recursive: true });
      const build = copyTestBuild(`redis-${i}`);
      builds.push(build);
      const env = { ...e2eSite.env, PAGE_CACHE: 'redis', REDIS_URL: redis.url, PAGE_CACHE_REDIS_PREFIX: 'e2e:' };
      sites.push(await startSite({ dataDir, distDir: build.distDir, port, host: TWO_MACHINES, env }));
    }
    const [a, b] = sites as [RunningSite, RunningSite];
    const [dataDirA, dataDirB] = dataDirs as [string, string];

    // B renders the Science front from its own database; A serves B's render.
    expect((await read(b, '/science')).status).toBe(200);
    const fromB = await read(a, '/science');
    expect(fromB.cache).toBe('HIT');

    // A story published through A (into A's database only): B's cached front is dropped (how soon is printed)...
    const headline = `Redis Cache Story ${Date.now()}`;
    await publishThrough(a, dataDirA, headline);
    const seen = Date.now();
    await expect.poll(async () => (await read(b, '/science')).cache, { timeout: SHOWS_WITHIN_MS, intervals: [50] }).not.toBe('HIT');
    const invalidated = Date.now() - seen;
    console.log(`Redis page cache: the other process re-rendered ${invalidated} ms after the save`);
    // ...B re-rendered it from its own database, which never had the story.
    expect((await read(b, '/science')).body).not.toContain(headline);
    // A page A renders now, with the story, is what B serves: from the cache, not from B's database.
    await publishThrough(a, dataDirA, `${headline} Again`);
    expect((await read(a, '/science')).body).toContain(`${headline} Again`);
    const served = await read(b, '/science');
    expect(served.cache).toBe('HIT');
    expect(served.body).toContain(`${headline} Again`);
    const dbB = openDatabase(path.join(dataDirB, 'news.db'));
    expect(dbB.$client.prepare('select count(*) from articles where headline like ?').pluck().get(`${headline}%`)).toBe(0);
    dbB.$client.close();
  } finally {
    for (const site of sites) await site.stop();
    for (const dataDir of dataDirs) fs.rmSync(dataDir, { recursive: true, force: true });
    for (const build of builds) build.remove();
    await redis.stop();
  }
});
