import fs from 'node:fs';
import path from 'node:path';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { openDatabase } from '@/db/client';
import { insertIntegration } from '@/db/integrations';
import { articles, authors, sections } from '@/db/schema';
import { integrationAccountEmail, newIntegrationKey } from '@/lib/auth/integration-keys';
import { buildSite, startSite } from '@/test/support/site-server';
import { parseOptionsOrExit, wholeNumberOrExit } from './lib/cli-options';
import { percentiles } from './lib/timing';

/**
 * `npx tsx scripts/api-bench.ts [--data DIR] [--runs N] [--publishes N] [--reuse-build]`: the API at newsroom
 * scale. Builds the site against a large database (npm run seed:large), starts the production server and, one
 * request at a time (the time a client waits, not throughput):
 *   1. Content API list pages and articles, uncached (each URL asked for the first time: the server reads the
 *      database and remembers the answer) and cached (the same URLs again), next to the reader's article
 *      pages for the same articles (uncached: first render; cached: Next's page cache) as the baseline;
 *   2. files and publishes stories through the Admin API and polls the Content API and the reader page until
 *      each shows the story.
 */

const usage = 'Usage: npx tsx scripts/api-bench.ts [--data DIR] [--runs N (20..2000)] [--publishes N] [--port N] [--reuse-build]';
const values = parseOptionsOrExit(
  {
    data: { type: 'string', default: 'data-large' },
    runs: { type: 'string', default: '100' },
    publishes: { type: 'string', default: '20' },
    port: { type: 'string', default: '3523' },
    'reuse-build': { type: 'boolean', default: false },
  },
  usage,
);
const runs = wholeNumberOrExit('runs', values.runs, { min: 20, max: 2_000 }, usage);
const publishes = wholeNumberOrExit('publishes', values.publishes, { min: 1, max: 200 }, usage);
const port = wholeNumberOrExit('port', values.port, { min: 1024, max: 65_535 }, usage);
const dataDir = path.resolve(values.data);
if (!fs.existsSync(path.join(dataDir, 'news.db'))) {
  console.error(`No database in ${dataDir}: create one with npm run seed:large.\n${usage}`);
  process.exit(1);
}

// A key for the run (opening the database also brings it to the latest migration), and the articles to read.
const db = openDatabase(path.join(dataDir, 'news.db'));
const made = newIntegrationKey();
insertIntegration({ name: `api-bench ${new Date().toISOString()}`, role: 'editor', keyHash: made.keyHash, keyPrefix: made.keyPrefix, accountEmail: integrationAccountEmail('api bench'), createdBy: null, now: Date.now() }, db);
const published = db
  .select({ id: articles.id, slug: articles.slug, section: sections.slug })
  .from(articles)
  .innerJoin(sections, eq(sections.id, articles.sectionId))
  .where(and(eq(articles.status, 'published'), isNull(articles.deletedAt)))
  .orderBy(desc(articles.id))
  .all();
const total = published.length;
const sample = Array.from({ length: runs }, (_, i) => published[Math.floor(((i + 0.5) * total) / runs)]!);
const sectionSlug = db.select({ slug: sections.slug }).from(sections).get()?.slug ?? 'politics';
const authorSlug = db.select({ slug: authors.slug }).from(authors).get()?.slug;
if (!authorSlug) throw new Error('The database has no author to sign the stories this bench publishes.');
db.$client.close();

const options = { dataDir, distDir: '.next-api-bench', port };
if (!values['reuse-build'] || !fs.existsSync(path.join(options.distDir, 'BUILD_ID'))) buildSite(options);
const site = await startSite(options);

async function timed(url: string, expectCache?: 'hit' | 'miss'): Promise<number> {
  const started = performance.now();
  const response = await fetch(site.url + url);
  await response.arrayBuffer();
  const ms = performance.now() - started;
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  const cache = response.headers.get('x-content-api-cache');
  if (expectCache && cache !== expectCache) throw new Error(`${url}: expected a cache ${expectCache}, got ${cache}`);
  return ms;
}

const rows: { what: string; p50: number; p99: number }[] = [];
async function measure(what: string, urls: readonly string[], expectCache?: 'hit' | 'miss'): Promise<{ p50: number; p99: number }> {
  const samples: number[] = [];
  for (const url of urls) samples.push(await timed(url, expectCache));
  const result = percentiles(samples);
  rows.push({ what, ...result });
  return result;
}

try {
  console.log(`\n${dataDir}: ${total.toLocaleString('en')} published articles; ${runs} requests per row, one at a time`);
  // Warm up the process (first requests compile and open the database).
  for (let i = 0; i < 10; i++) await timed(`/api/v1/content/articles?limit=20&section=${sectionSlug}`);

  // List pages: follow the cursor from the newest; each page's URL is new (uncached), then the same URLs again.
  const listUrls: string[] = [];
  let next: string | null = '/api/v1/content/articles?limit=20';
  while (next && listUrls.length < runs) {
    listUrls.push(next);
    const page = (await (await fetch(site.url + next)).json()) as { next: string | null };
    next = page.next && new URL(page.next).pathname + new URL(page.next).search;
  }
  // Those were the first requests for each: ask fresh URLs for the uncached row (deeper pages, another size).
  const uncachedLists = listUrls.map((url) => url.replace('limit=20', 'limit=21'));
  const listMiss = await measure('list, 21 per page, page 1..N, uncached', uncachedLists, 'miss');
  const listHit = await measure('list, same pages, cached', uncachedLists, 'hit');
  const filtered = await measure('list by section, trimmed by fields=, uncached', uncachedLists.map((url) => `${url}&section=${sectionSlug}&fields=headline,url,publishedAt`), 'miss');

  const itemUrls = sample.map((a) => `/api/v1/content/articles/${a.id}`);
  const itemMiss = await measure('article by id, uncached', itemUrls, 'miss');
  const itemHit = await measure('article by id, cached', itemUrls, 'hit');
  const pageUrls = sample.map((a) => `/${a.section}/${a.slug}`);
  const pageMiss = await measure('baseline: reader article page, uncached', pageUrls);
  const pageHit = await measure('baseline: reader article page, cached', pageUrls);

  console.log(`\n${'Content API (100k-article scale)'.padEnd(48)}  ${'p50 ms'.padStart(7)}  ${'p99 ms'.padStart(7)}`);
  for (const row of rows) console.log(`${row.what.padEnd(48)}  ${row.p50.toFixed(1).padStart(7)}  ${row.p99.toFixed(1).padStart(7)}`);
  console.log(
    `\nRatios (p50): article by id uncached / reader page uncached ${(itemMiss.p50 / pageMiss.p50).toFixed(2)}; cached / cached ${(itemHit.p50 / pageHit.p50).toFixed(2)}; list uncached / cached ${(listMiss.p50 / listHit.p50).toFixed(1)}; filtered list p50 ${filtered.p50.toFixed(1)} ms`,
  );

  // Admin API: file, publish, and watch the story arrive.
  const headers = { Authorization: `Bearer ${made.key}`, 'Content-Type': 'application/json' };
  const acks: number[] = [];
  const inApi: number[] = [];
  const onPage: number[] = [];
  for (let i = 0; i < publishes; i++) {
    const headline = `API bench story ${Date.now()} number ${i + 1}`;
    const started = performance.now();
    const created = await fetch(`${site.url}/api/v1/admin/articles`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ headline, section: sectionSlug, summary: 'A summary.', body: 'A body.', authors: [authorSlug] }),
    });
    const draft = (await created.json()) as { id: number; version: number };
    if (created.status !== 201) throw new Error(`create answered ${created.status}: ${JSON.stringify(draft)}`);
    const publishedAt = performance.now();
    const answer = await fetch(`${site.url}/api/v1/admin/articles/${draft.id}/publish`, { method: 'POST', headers, body: JSON.stringify({ version: draft.version }) });
    const article = (await answer.json()) as { url: string };
    if (answer.status !== 200) throw new Error(`publish answered ${answer.status}: ${JSON.stringify(article)}`);
    acks.push(performance.now() - started);
    const pagePath = new URL(article.url).pathname;
    const waitFor = async (url: string, ok: (status: number, body: string) => boolean) => {
      for (;;) {
        const response = await fetch(site.url + url);
        if (ok(response.status, await response.text())) return performance.now() - publishedAt;
        if (performance.now() - publishedAt > 10_000) throw new Error(`${url} did not show the story within 10 s`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    };
    inApi.push(await waitFor(`/api/v1/content/articles?limit=5&section=${sectionSlug}`, (s, body) => s === 200 && body.includes(headline)));
    onPage.push(await waitFor(pagePath, (s, body) => s === 200 && body.includes(headline.replace(/'/g, '&#x27;'))));
  }
  const describe = (what: string, samples: number[]) => console.log(`${what.padEnd(58)}  p50 ${percentiles(samples).p50.toFixed(0).padStart(4)} ms, max ${Math.max(...samples).toFixed(0)} ms`);
  console.log(`\nAdmin API, ${publishes} stories filed and published one after another:`);
  describe('create + publish acknowledged (two requests)', acks);
  describe('from publish: in the Content API list (section)', inApi);
  describe('from publish: on its reader page (after the list)', onPage);
} finally {
  await site.stop();
}
