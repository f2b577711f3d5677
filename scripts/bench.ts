import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { seedLargeSite } from '@/ops/large-seed';
import { createUser } from '@/db/users';
import { hashPassword } from '@/lib/auth/passwords';
import { readSeedContent, DEMO_CONTENT_DIR } from '@/ops/seed-content';
import { autocannon, type AutocannonResult } from './lib/autocannon';
import { FormClient } from '../test/support/form-client';
import { findNginx, serveStaticHtml, startCachingProxy } from '../test/support/nginx';
import { timePublishes, type PublishTiming } from './lib/publish-timing';
import { revalidationSecret, timeUncachedRenders, type RenderTarget, type RenderTiming } from './lib/render-timing';
import { assertPortFree, onCleanUp, runScript } from './lib/run-cleanup';
import { pageCacheUsage, requestUnknownUrls, residentMemory, UNKNOWN_URL_SHAPE_COUNT, type DiskUsage, type Memory } from '../test/support/server-footprint';
import { prepareFreshSite, startSite, type SiteOptions } from '../test/support/site-server';
import { readerPaths, readSiteContent } from '../test/support/soak';

/**
 * `npm run bench [-- --proxy --articles N --renders N --publishes N --load-seconds N --unknown-urls N
 * --duration N --connections N]`: builds the site on the demo newsroom plus a generated archive
 * (100,000 articles unless told), then, in one run:
 * 1. load-tests an article, a section front and the front page with autocannon, next to the same
 *    article HTML served as a static file by nginx (when installed), the ceiling to compare against;
 *    `--proxy` adds the article through deploy/nginx.conf (the micro-cache) in front of the site;
 * 2. times renders with the page cache bypassed, of every page type, next to cache hits of the same URL;
 * 3. times publish → visible: an editor publishes through the newsroom's form and readers' pages are
 *    polled until they show the story (through the proxy too with `--proxy`);
 * 4. reads the server's memory at rest and after a mixed reader load, and floods it with different
 *    unknown URLs to show that neither memory nor the page cache on disk grows with them.
 */

const SITE_PORT = 3300;
const NGINX_PORT = 3301;
const PROXY_PORT = 3302;
const WARMUP_SECONDS = 2;
const WARMUP_REQUESTS = 500;

interface BenchOptions {
  duration: number;
  connections: number;
  proxy: boolean;
  articles: number;
  renders: number;
  publishes: number;
  loadSeconds: number;
  unknownUrls: number;
}

interface Target {
  name: string;
  url: string;
}

interface Measurement {
  target: Target;
  result: AutocannonResult;
}

interface AssetWeight {
  files: number;
  bytes: number;
  gzipBytes: number;
}

// ---- helpers ----

function positiveInteger(value: string | undefined, fallback: number, flag: string, min = 1): number {
  if (value === undefined) return fallback;
  const parsed = Number(value.replaceAll('_', ''));
  if (!Number.isInteger(parsed) || parsed < min) throw new Error(`--${flag} must be a whole number of at least ${min}, got "${value}"`);
  return parsed;
}

function parseOptions(): BenchOptions {
  const numbers = ['duration', 'connections', 'articles', 'renders', 'publishes', 'load-seconds', 'unknown-urls'] as const;
  const { values } = parseArgs({
    options: { ...Object.fromEntries(numbers.map((name) => [name, { type: 'string' as const }])), proxy: { type: 'boolean', default: false } },
    strict: true,
  });
  const given = values as Record<string, string | boolean | undefined>;
  const number = (name: (typeof numbers)[number]) => {
    const value = given[name];
    return typeof value === 'string' ? value : undefined;
  };
  return {
    duration: positiveInteger(number('duration'), 10, 'duration'),
    connections: positiveInteger(number('connections'), 50, 'connections'),
    proxy: values.proxy === true,
    articles: positiveInteger(number('articles'), 100_000, 'articles', 0),
    // The issue's bar: at least 100 renders for a p99 worth the name.
    renders: positiveInteger(number('renders'), 100, 'renders', 100),
    publishes: positiveInteger(number('publishes'), 20, 'publishes'),
    loadSeconds: positiveInteger(number('load-seconds'), 60, 'load-seconds'),
    unknownUrls: positiveInteger(number('unknown-urls'), 100_000, 'unknown-urls'),
  };
}

async function fetchOk(url: string): Promise<Buffer> {
  const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  const body = Buffer.from(await response.arrayBuffer());
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  return body;
}

/** The section front also links its own pages (/politics/page/2): an article is exactly /<section>/<slug>. */
function firstArticlePath(sectionHtml: string, section: string): string {
  const match = new RegExp(`href="(/${section}/[a-z0-9-]+)"`).exec(sectionHtml);
  if (!match?.[1]) throw new Error(`no article link found on /${section}`);
  return match[1];
}

/** Attribute values of every `<tagName ...>` opening tag (enough for Next's generated markup). */
function tagAttributes(html: string, tagName: string): Array<Map<string, string>> {
  const tags = html.matchAll(new RegExp(`<${tagName}\\b[^>]*>`, 'gi'));
  return [...tags].map(([tag]) => {
    const attributes = new Map<string, string>();
    for (const [, name, ...values] of tag.matchAll(/([^\s"'=<>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)) {
      if (name) attributes.set(name.toLowerCase(), (values.find((v) => v !== undefined) ?? '').replaceAll('&amp;', '&'));
    }
    return attributes;
  });
}

/** What the browser must download before the page runs: every external script / stylesheet, gzipped as a server would. */
async function assetWeight(pageUrl: string, references: string[]): Promise<AssetWeight> {
  const urls = [...new Set(references.map((reference) => new URL(reference, pageUrl).href))];
  const bodies = await Promise.all(urls.map(fetchOk));
  return {
    files: urls.length,
    bytes: bodies.reduce((sum, body) => sum + body.length, 0),
    gzipBytes: bodies.reduce((sum, body) => sum + gzipSync(body).length, 0),
  };
}

interface PageWeight {
  html: AssetWeight;
  js: AssetWeight;
  legacyJs: AssetWeight;
  css: AssetWeight;
}

async function articleWeight(pageUrl: string, html: Buffer): Promise<PageWeight> {
  const text = html.toString('utf8');
  const scripts = tagAttributes(text, 'script').filter((a) => a.has('src'));
  // Current browsers skip `nomodule` scripts (Next's legacy polyfills): reported apart, not counted as first-load.
  const sources = (legacy: boolean) => scripts.filter((a) => a.has('nomodule') === legacy).flatMap((a) => a.get('src') ?? []);
  const styles = tagAttributes(text, 'link')
    .filter((a) => (a.get('rel') ?? '').split(/\s+/).includes('stylesheet'))
    .flatMap((a) => a.get('href') ?? []);
  return {
    html: { files: 1, bytes: html.length, gzipBytes: gzipSync(html).length },
    js: await assetWeight(pageUrl, sources(false)),
    legacyJs: await assetWeight(pageUrl, sources(true)),
    css: await assetWeight(pageUrl, styles),
  };
}

async function warmUp(target: Target, options: BenchOptions): Promise<void> {
  // Fills the ISR cache and lets V8 optimise the hot paths before anything is measured.
  await autocannon({
    url: target.url,
    connections: options.connections,
    duration: WARMUP_SECONDS,
    maxOverallRequests: Math.max(WARMUP_REQUESTS, options.connections),
  });
}

async function measure(target: Target, options: BenchOptions): Promise<Measurement> {
  process.stdout.write(`Benchmarking ${target.name} (${target.url}) ... `);
  await warmUp(target, options);
  const result = await autocannon({ url: target.url, connections: options.connections, duration: options.duration });
  console.log(`${Math.round(result.requests.average)} req/s`);
  return { target, result };
}

// ---- report ----

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

function ratio(value: number, baseline: number | undefined): string {
  return baseline ? (value / baseline).toPrecision(3) : 'n/a';
}

function printTable(measurements: Measurement[], staticRps: number | undefined): void {
  const header = ['target', 'path', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors (timeouts)', 'vs static'];
  const rows = measurements.map(({ target, result }) => [
    target.name,
    new URL(target.url).pathname,
    integer.format(result.requests.average),
    oneDecimal.format(result.latency.p50),
    oneDecimal.format(result.latency.p99),
    integer.format(result.non2xx),
    `${result.errors} (${result.timeouts})`,
    ratio(result.requests.average, staticRps),
  ]);
  printRows(header, rows);
}

function printWeight(weight: PageWeight): void {
  const describe = (label: string, asset: AssetWeight, showFiles: boolean) =>
    `  ${label.padEnd(17)}${showFiles ? `${asset.files} file${asset.files === 1 ? '' : 's'}, ` : ''}` +
    `${integer.format(asset.bytes)} B, gzip ${integer.format(asset.gzipBytes)} B`;
  console.log('Article page weight (gzip: node:zlib gzipSync, default level):');
  console.log(describe('HTML', weight.html, false));
  console.log(describe('first-load JS', weight.js, true));
  console.log(describe('CSS', weight.css, true));
  if (weight.legacyJs.files > 0) console.log(`${describe('nomodule JS', weight.legacyJs, true)} (legacy browsers only; not in first-load JS)`);
}

function failures(measurements: Measurement[]): string[] {
  return measurements.flatMap(({ target, result }) => {
    const problems: string[] = [];
    if (result.non2xx > 0) {
      const codes = Object.entries(result.statusCodeStats)
        .filter(([code]) => !code.startsWith('2'))
        .map(([code, { count }]) => `${code}: ${count}`)
        .join(', ');
      problems.push(`${target.name}: ${result.non2xx} non-2xx responses (${codes})`);
    }
    if (result.errors > 0) problems.push(`${target.name}: ${result.errors} errors, ${result.timeouts} of them timeouts`);
    return problems;
  });
}

function printRenders(timings: RenderTiming[]): void {
  const header = ['page', 'path', 'uncached p50 ms', 'p99 ms', 'SQL statements', 'SQL ms', 'cached p50 ms', 'uncached / cached'];
  const rows = timings.map(({ target, uncached, cached, queriesPerRender, queryMsPerRender }) => [
    target.name,
    target.path,
    oneDecimal.format(uncached.p50),
    oneDecimal.format(uncached.p99),
    integer.format(queriesPerRender),
    oneDecimal.format(queryMsPerRender),
    cached ? oneDecimal.format(cached.p50) : 'never cached',
    cached ? ratio(uncached.p50, cached.p50) : '',
  ]);
  printRows(header, rows);
}

/** A table on the console: names and paths left-aligned, figures right-aligned. */
function printRows(header: string[], rows: string[][]): void {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)));
  const line = (cells: string[]) =>
    cells.map((cell, column) => (column < 2 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  ');
  console.log(line(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const row of rows) console.log(line(row));
}

const milliseconds = (ms: number) => (Number.isFinite(ms) ? `${integer.format(ms)} ms` : 'never (10 s)');

function printPublishes(timing: PublishTiming, count: number): void {
  console.log(`Publish → visible, over ${count} publishes through the newsroom's form (from pressing Publish):`);
  console.log(`  acknowledged by the newsroom   p50 ${milliseconds(timing.acknowledged.p50)}, max ${milliseconds(timing.acknowledged.max)}`);
  for (const page of timing.visible) console.log(`  ${page.name.padEnd(29)}  p50 ${milliseconds(page.p50)}, max ${milliseconds(page.max)}`);
  console.log(`  every page above              p50 ${milliseconds(timing.all.p50)}, max ${milliseconds(timing.all.max)}`);
}

const mib = (memory: Memory) => `RSS ${integer.format(memory.rssMiB)} MiB (peak so far ${integer.format(memory.peakMiB)} MiB)`;
const disk = (usage: DiskUsage) => `${integer.format(usage.files)} files, ${oneDecimal.format(usage.bytes / 1024 ** 2)} MiB`;

// ---- main ----

/** The page types whose render time the issue asks for, found on the running site. */
async function renderTargets(baseUrl: string, articlePath: string, articleHtml: string, editorCookie: string, problems: string[]): Promise<RenderTarget[]> {
  const tag = /href="(\/tags\/[a-z0-9-]+)"/.exec(articleHtml)?.[1];
  const sitemapIndex = (await fetchOk(`${baseUrl}/sitemap.xml`)).toString('utf8');
  const sitemapChild = /<loc>[^<]*?(\/sitemaps\/articles-[^<]+)<\/loc>/.exec(sitemapIndex)?.[1];
  if (!tag || !sitemapChild) throw new Error('no tag link on the article, or no article sitemap in the index');
  const headline = /<h1[^>]*>([^<]+)<\/h1>/.exec(articleHtml)?.[1] ?? '';
  const words = headline.toLowerCase().match(/[a-z]{4,}/g)?.slice(0, 2) ?? ['news'];
  const deepPage = '/politics?page=500';
  const hasDeepPage = (await fetch(`${baseUrl}${deepPage}`, { signal: AbortSignal.timeout(30_000) })).status === 200;
  if (!hasDeepPage) problems.push(`${deepPage} does not exist: the archive is too small (use the default --articles 100000)`);
  return [
    { name: 'article', path: articlePath },
    { name: 'section front, page 1', path: '/politics' },
    ...(hasDeepPage ? [{ name: 'section front, page 500', path: deepPage }] : []),
    { name: 'front page', path: '/' },
    { name: 'tag page', path: tag },
    { name: 'sitemap (one month)', path: sitemapChild },
    { name: 'feed (RSS)', path: '/rss.xml' },
    { name: 'search', path: `/search?q=${encodeURIComponent(words.join(' '))}` },
    { name: 'newsroom article list', path: '/admin/articles', cookie: editorCookie },
  ];
}

async function main(): Promise<number> {
  const options = parseOptions();
  console.log(`Machine: ${os.cpus().length} CPUs (os.cpus().length), Node ${process.version}, load average ${os.loadavg()[0]?.toFixed(2)}`);
  console.log(`Load: ${options.connections} connections, ${options.duration} s per target, after a warm-up of ${WARMUP_SECONDS} s or ${WARMUP_REQUESTS} requests\n`);

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'news-bench-'));
  onCleanUp(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const site: SiteOptions = { dataDir, distDir: '.next-bench', port: SITE_PORT };
  // An account for this run only, with a password that lives only in this process.
  const editor = { email: 'bench.editor@example.test', password: randomBytes(18).toString('base64url') };

  const nginx = findNginx();
  await assertPortFree(SITE_PORT);
  if (nginx) await assertPortFree(NGINX_PORT);
  if (nginx && options.proxy) await assertPortFree(PROXY_PORT);

  console.log(`Seeding the demo newsroom and ${integer.format(options.articles)} generated articles in ${site.dataDir}, building into ${site.distDir} ...`);
  await prepareFreshSite(site, async (db) => {
    const content = readSeedContent(DEMO_CONTENT_DIR);
    seedLargeSite(db, content, { articles: options.articles, views: options.articles * 50, now: Date.now() });
    createUser({ email: editor.email, name: 'Bench Editor', role: 'editor', passwordHash: await hashPassword(editor.password) }, db);
  });
  const running = await startSite(site);
  onCleanUp(() => running.stop());
  const serverPid = running.child.pid;
  if (serverPid === undefined) throw new Error('the server has no process id');
  const atRest = residentMemory(serverPid);

  const sectionUrl = `${running.url}/politics`;
  const articlePath = firstArticlePath((await fetchOk(sectionUrl)).toString('utf8'), 'politics');
  const articleUrl = `${running.url}${articlePath}`;
  const articleHtml = await fetchOk(articleUrl);
  await fetchOk(`${running.url}/`);

  const problems: string[] = [];
  let staticTarget: Target | undefined;
  if (!nginx) {
    console.log('nginx not found (apt-get install nginx): static baseline skipped');
  } else {
    try {
      const server = await serveStaticHtml(nginx, articleHtml, NGINX_PORT);
      onCleanUp(() => server.stop());
      staticTarget = { name: 'static (nginx)', url: `${server.url}/article.html` };
    } catch (error) {
      problems.push(`static baseline: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  let proxyUrl: string | undefined;
  if (options.proxy && !nginx) {
    problems.push('--proxy: nginx is not installed (apt-get install nginx), so the caching proxy was not measured');
  } else if (options.proxy && nginx) {
    try {
      const proxy = await startCachingProxy(nginx, { port: PROXY_PORT, upstreamPort: SITE_PORT });
      onCleanUp(() => proxy.stop());
      proxyUrl = proxy.url;
    } catch (error) {
      problems.push(`caching proxy: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  // 1. Throughput
  const targets: Target[] = [
    { name: 'article', url: articleUrl },
    ...(proxyUrl ? [{ name: 'article via proxy', url: `${proxyUrl}${articlePath}` }] : []),
    { name: 'section front', url: sectionUrl },
    { name: 'front page', url: `${running.url}/` },
    ...(staticTarget ? [staticTarget] : []),
  ];
  const measurements: Measurement[] = [];
  for (const target of targets) measurements.push(await measure(target, options));
  const weight = await articleWeight(articleUrl, articleHtml);

  // 2. Renders with the cache bypassed
  const newsroom = new FormClient(running.url, 30_000);
  await newsroom.signIn(editor);
  const renders = await timeUncachedRenders(
    running.url,
    revalidationSecret(site.distDir),
    await renderTargets(running.url, articlePath, articleHtml.toString('utf8'), newsroom.cookieHeader(), problems),
    { runs: options.renders, requestLog: path.join(dataDir, 'requests.log') },
  );

  // 3. Publish → visible
  const content = readSiteContent(path.join(dataDir, 'news.db'), 'politics');
  console.log(`Publishing ${options.publishes} stories through the newsroom ...`);
  const readerPages = (base: string, via: string) => (articlePath: string) => [
    { name: `article page${via}`, url: `${base}${articlePath}` },
    { name: `section front${via}`, url: `${base}/politics` },
    { name: `front page${via}`, url: `${base}/` },
  ];
  const publishes = await timePublishes({
    client: newsroom,
    count: options.publishes,
    sectionId: content.sectionId,
    authorId: content.authorId,
    label: `Bench ${new Date().toISOString()}`,
    watch: (articlePath) => [...readerPages(running.url, '')(articlePath), ...(proxyUrl ? readerPages(proxyUrl, ' via proxy')(articlePath) : [])],
  });

  // 4. Memory under load, and a flood of unknown URLs
  console.log(`Mixed reader load for ${options.loadSeconds} s (${options.connections} connections) ...`);
  const load = await autocannon({
    url: running.url,
    connections: options.connections,
    duration: options.loadSeconds,
    requests: readerPaths(readSiteContent(path.join(dataDir, 'news.db'), 'politics')).map((p) => ({ method: 'GET', path: p })),
  });
  const afterLoad = residentMemory(serverPid);
  // The not-found page itself is cached once, on the first unknown URL of each kind: not growth.
  await requestUnknownUrls(running.url, UNKNOWN_URL_SHAPE_COUNT, 4, options.unknownUrls);
  const cacheBefore = pageCacheUsage(site.distDir);
  console.log(`Requesting ${integer.format(options.unknownUrls)} different unknown URLs ...`);
  const flood = await requestUnknownUrls(running.url, options.unknownUrls, options.connections);
  const afterFlood = residentMemory(serverPid);
  const cacheAfter = pageCacheUsage(site.distDir);

  const staticRps = staticTarget && measurements.find((m) => m.target === staticTarget)?.result.requests.average;
  console.log(`\nThroughput (${integer.format(options.articles)} generated articles on top of the demo newsroom):`);
  printTable(measurements, staticRps);
  console.log('');
  printWeight(weight);
  console.log(`\nRender time with the page cache bypassed (${options.renders} sequential renders each, after 5 to warm up; times to the last byte):`);
  printRenders(renders);
  console.log('');
  printPublishes(publishes, options.publishes);
  console.log('\nServer memory and page cache:');
  console.log(`  at rest, after start             ${mib(atRest)}`);
  console.log(
    `  after ${options.loadSeconds} s of mixed reading      ${mib(afterLoad)}: ${integer.format(load.requests.total)} requests, ` +
      `${integer.format(load.requests.average)} req/s, p99 ${oneDecimal.format(load.latency.p99)} ms, ${load.non2xx} non-2xx, ${load.errors} errors`,
  );
  const statuses = [...flood.statuses].map(([status, count]) => `${status || 'failed'}: ${integer.format(count)}`).join(', ');
  console.log(`  after ${integer.format(options.unknownUrls)} unknown URLs         ${mib(afterFlood)}, in ${oneDecimal.format(flood.seconds)} s (${statuses})`);
  console.log(`  page cache on disk               before the unknown URLs ${disk(cacheBefore)}; after ${disk(cacheAfter)}`);

  problems.push(...failures(measurements));
  if (load.errors > 0 || Object.keys(load.statusCodeStats).some((code) => code.startsWith('5'))) {
    problems.push(`mixed load: ${load.errors} errors, status codes ${JSON.stringify(load.statusCodeStats)}`);
  }
  const unexpected = [...flood.statuses].filter(([status]) => status !== 404);
  if (unexpected.length > 0) problems.push(`unknown URLs answered other than 404: ${statuses}`);
  if (cacheAfter.files > cacheBefore.files) problems.push(`the unknown URLs added ${cacheAfter.files - cacheBefore.files} files to the page cache`);
  for (const page of publishes.visible) if (!Number.isFinite(page.max)) problems.push(`publish → visible: the ${page.name} did not show a story within 10 s`);
  for (const problem of problems) console.log(`FAILED: ${problem}`);
  console.log('\nFigures are only comparable within one run (same machine, same moment): the machine is shared and noisy.');
  return problems.length > 0 ? 1 : 0;
}

await runScript('Benchmark', main);
