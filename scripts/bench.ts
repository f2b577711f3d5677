import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { seedLargeSite } from '@/ops/large-seed';
import { createUser } from '@/db/users';
import { hashPassword } from '@/lib/auth/passwords';
import { readSeedContent, DEMO_CONTENT_DIR } from '@/ops/seed-content';
import { autocannon } from './lib/autocannon';
import { parseBenchOptions, type BenchOptions } from './lib/bench-options';
import {
  floodStatuses,
  integer,
  printFootprint,
  printPublishes,
  printRenders,
  printThroughput,
  printWeight,
  type Footprint,
} from './lib/bench-report';
import { fetchOk, pageWeight, type PageWeight } from './lib/page-weight';
import { timePublishes, type PublishTiming } from '@/test/support/publish-timing';
import { revalidationSecret, timeUncachedRenders, type RenderTarget, type RenderTiming } from './lib/render-timing';
import { assertPortFree, onCleanUp, runScript } from './lib/run-cleanup';
import { failures, measure, WARMUP, type Measurement, type Target } from './lib/throughput';
import { FormClient } from '@/test/support/form-client';
import { findNginx, serveStaticHtml, startCachingProxy } from '@/test/support/nginx';
import { findVarnishd, startVarnish } from '@/test/support/varnish';
import { pageCacheUsage, requestUnknownUrls, residentMemory, UNKNOWN_URL_SHAPE_COUNT, type Memory } from '@/test/support/server-footprint';
import { prepareFreshSite, startSite, type SiteOptions } from '@/test/support/site-server';
import { readerPaths, readSiteContent } from '@/test/support/soak';

/**
 * `npm run bench [-- --proxy --varnish --articles N --renders N --publishes N --load-seconds N --unknown-urls N
 * --duration N --connections N]`: builds the site on the demo newsroom plus a generated archive
 * (100,000 articles unless told), then, in one run:
 * 1. load-tests an article, a section front and the front page with autocannon, next to the same
 *    article HTML served as a static file by nginx (when installed), the ceiling to compare against;
 *    `--proxy` adds the article through deploy/nginx.conf (the micro-cache) in front of the site, `--varnish`
 *    through deploy/varnish.vcl (Varnish holding pages for hours, purged by key on every change);
 * 2. times renders with the page cache bypassed, of every page type, next to cache hits of the same URL;
 * 3. times publish → visible: an editor publishes through the newsroom's form and readers' pages are
 *    polled until they show the story (through the proxy and Varnish too with `--proxy`, `--varnish`);
 * 4. reads the server's memory at rest and after a mixed reader load, and floods it with different
 *    unknown URLs to show that memory does not grow with them (nor the build folder; the page cache in memory
 *    is bounded, and e2e/cache-bounds.spec.ts checks the shared one keeps nothing for them).
 * main() below is those steps in order; each returns its figures, and the report prints them at the end.
 */

const SITE_PORT = 3300;
const NGINX_PORT = 3301;
const PROXY_PORT = 3302;
const VARNISH_PORT = 3303;

/** The site under test, running, with the article every step measures. */
interface BenchSite {
  site: SiteOptions;
  url: string;
  serverPid: number;
  /** The server's memory just after it started, before any page was asked for. */
  atRest: Memory;
  editor: { email: string; password: string };
  articlePath: string;
  articleHtml: Buffer;
}

/** nginx beside the site: the same article as a static file (the ceiling), and the caching proxy with --proxy. */
interface ReferenceServers {
  staticTarget?: Target;
  proxyUrl?: string;
  varnishUrl?: string;
}

// ---- 0. the site ----

/** Seeds a fresh database (the demo newsroom, the generated archive, an editor for this run), builds and starts the site. */
async function prepareSite(options: BenchOptions): Promise<BenchSite> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'news-bench-'));
  onCleanUp(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  // With --varnish, the site names its pages' keys for Varnish and purges them there on every change.
  const env = options.varnish ? { SURROGATE_KEY_HEADER: 'xkey', VARNISH_PURGE_URLS: `http://127.0.0.1:${VARNISH_PORT}` } : undefined;
  const site: SiteOptions = { dataDir, distDir: '.next-bench', port: SITE_PORT, env };
  // An account for this run only, with a password that lives only in this process.
  const editor = { email: 'bench.editor@example.test', password: randomBytes(18).toString('base64url') };

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

  const articlePath = firstArticlePath((await fetchOk(`${running.url}/politics`)).toString('utf8'), 'politics');
  const articleHtml = await fetchOk(`${running.url}${articlePath}`);
  await fetchOk(`${running.url}/`);
  return { site, url: running.url, serverPid, atRest, editor, articlePath, articleHtml };
}

/** The section front also links its own pages (/politics/page/2): an article is exactly /<section>/<slug>. */
function firstArticlePath(sectionHtml: string, section: string): string {
  const match = new RegExp(`href="(/${section}/[a-z0-9-]+)"`).exec(sectionHtml);
  if (!match?.[1]) throw new Error(`no article link found on /${section}`);
  return match[1];
}

/** Starts what nginx can show beside the site; what fails to start is a problem, not the end of the run. */
async function startReferenceServers(
  nginx: string | undefined,
  site: BenchSite,
  options: BenchOptions,
  problems: string[],
): Promise<ReferenceServers> {
  const servers: ReferenceServers = {};
  if (!nginx) {
    console.log('nginx not found (apt-get install nginx): static baseline skipped');
  } else {
    try {
      const server = await serveStaticHtml(nginx, site.articleHtml, NGINX_PORT);
      onCleanUp(() => server.stop());
      servers.staticTarget = { name: 'static (nginx)', url: `${server.url}/article.html` };
    } catch (error) {
      problems.push(`static baseline: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (options.proxy && !nginx) {
    problems.push('--proxy: nginx is not installed (apt-get install nginx), so the caching proxy was not measured');
  } else if (options.proxy && nginx) {
    try {
      const proxy = await startCachingProxy(nginx, { port: PROXY_PORT, upstreamPort: SITE_PORT });
      onCleanUp(() => proxy.stop());
      servers.proxyUrl = proxy.url;
    } catch (error) {
      problems.push(`caching proxy: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (options.varnish) {
    const varnishd = findVarnishd();
    if (!varnishd) {
      problems.push('--varnish: varnishd is not installed (apt-get install varnish varnish-modules), so Varnish was not measured');
    } else {
      try {
        const varnish = await startVarnish(varnishd, { port: VARNISH_PORT, backend: { port: SITE_PORT } });
        onCleanUp(() => varnish.stop());
        servers.varnishUrl = varnish.url;
      } catch (error) {
        problems.push(`Varnish: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  return servers;
}

// ---- 1. throughput ----

/** Each reader page under load, directly, through the proxy and as the static ceiling; and the article's weight. */
async function measureThroughput(
  site: BenchSite,
  servers: ReferenceServers,
  options: BenchOptions,
): Promise<{ measurements: Measurement[]; staticRps: number | undefined; weight: PageWeight }> {
  const articleUrl = `${site.url}${site.articlePath}`;
  const targets: Target[] = [
    { name: 'article', url: articleUrl },
    ...(servers.proxyUrl ? [{ name: 'article via proxy', url: `${servers.proxyUrl}${site.articlePath}` }] : []),
    ...(servers.varnishUrl ? [{ name: 'article via Varnish', url: `${servers.varnishUrl}${site.articlePath}` }] : []),
    { name: 'section front', url: `${site.url}/politics` },
    { name: 'front page', url: `${site.url}/` },
    ...(servers.staticTarget ? [servers.staticTarget] : []),
  ];
  const measurements: Measurement[] = [];
  for (const target of targets) measurements.push(await measure(target, options));
  const staticRps = measurements.find((m) => m.target === servers.staticTarget)?.result.requests.average;
  return { measurements, staticRps, weight: await pageWeight(articleUrl, site.articleHtml) };
}

// ---- 2. renders with the cache bypassed ----

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

async function measureRenders(site: BenchSite, newsroom: FormClient, options: BenchOptions, problems: string[]): Promise<RenderTiming[]> {
  return timeUncachedRenders(
    site.url,
    revalidationSecret(site.site.distDir),
    await renderTargets(site.url, site.articlePath, site.articleHtml.toString('utf8'), newsroom.cookieHeader(), problems),
    { runs: options.renders, requestLog: path.join(site.site.dataDir, 'requests.log') },
  );
}

// ---- 3. publish → visible ----

async function measurePublishes(site: BenchSite, servers: ReferenceServers, newsroom: FormClient, options: BenchOptions): Promise<PublishTiming> {
  const content = readSiteContent(path.join(site.site.dataDir, 'news.db'), 'politics');
  console.log(`Publishing ${options.publishes} stories through the newsroom ...`);
  const readerPages = (base: string, via: string) => (articlePath: string) => [
    { name: `article page${via}`, url: `${base}${articlePath}` },
    { name: `section front${via}`, url: `${base}/politics` },
    { name: `front page${via}`, url: `${base}/` },
  ];
  const { proxyUrl, varnishUrl } = servers;
  return timePublishes({
    client: newsroom,
    count: options.publishes,
    sectionId: content.sectionId,
    authorId: content.authorId,
    label: `Bench ${new Date().toISOString()}`,
    watch: (articlePath) => [
      ...readerPages(site.url, '')(articlePath),
      ...(proxyUrl ? readerPages(proxyUrl, ' via proxy')(articlePath) : []),
      ...(varnishUrl ? readerPages(varnishUrl, ' via Varnish')(articlePath) : []),
    ],
  });
}

// ---- 4. memory under load, and a flood of unknown URLs ----

async function measureFootprint(site: BenchSite, options: BenchOptions): Promise<Footprint> {
  console.log(`Mixed reader load for ${options.loadSeconds} s (${options.connections} connections) ...`);
  const load = await autocannon({
    url: site.url,
    connections: options.connections,
    duration: options.loadSeconds,
    requests: readerPaths(readSiteContent(path.join(site.site.dataDir, 'news.db'), 'politics')).map((p) => ({ method: 'GET', path: p })),
  });
  const afterLoad = residentMemory(site.serverPid);
  // The not-found page itself is cached once, on the first unknown URL of each kind: not growth.
  await requestUnknownUrls(site.url, UNKNOWN_URL_SHAPE_COUNT, 4, options.unknownUrls);
  const cacheBefore = pageCacheUsage(site.site.distDir);
  console.log(`Requesting ${integer.format(options.unknownUrls)} different unknown URLs ...`);
  const flood = await requestUnknownUrls(site.url, options.unknownUrls, options.connections);
  const afterFlood = residentMemory(site.serverPid);
  const cacheAfter = pageCacheUsage(site.site.distDir);
  return { atRest: site.atRest, afterLoad, load, loadSeconds: options.loadSeconds, afterFlood, flood, unknownUrls: options.unknownUrls, cacheBefore, cacheAfter };
}

/** What the figures show went wrong: errors under load, unknown URLs that were not 404s or grew the cache, stories never seen. */
function problemsIn(measurements: Measurement[], footprint: Footprint, publishes: PublishTiming): string[] {
  const problems = failures(measurements);
  const { load, flood, cacheBefore, cacheAfter } = footprint;
  if (load.errors > 0 || Object.keys(load.statusCodeStats).some((code) => code.startsWith('5'))) {
    problems.push(`mixed load: ${load.errors} errors, status codes ${JSON.stringify(load.statusCodeStats)}`);
  }
  const unexpected = [...flood.statuses].filter(([status]) => status !== 404);
  if (unexpected.length > 0) problems.push(`unknown URLs answered other than 404: ${floodStatuses(flood.statuses)}`);
  if (cacheAfter.files > cacheBefore.files) problems.push(`the unknown URLs added ${cacheAfter.files - cacheBefore.files} files to the page cache`);
  for (const page of publishes.visible) if (!Number.isFinite(page.max)) problems.push(`publish → visible: the ${page.name} did not show a story within 10 s`);
  return problems;
}

async function main(): Promise<number> {
  const options = parseBenchOptions();
  console.log(`Machine: ${os.cpus().length} CPUs (os.cpus().length), Node ${process.version}, load average ${os.loadavg()[0]?.toFixed(2)}`);
  console.log(`Load: ${options.connections} connections, ${options.duration} s per target, after ${WARMUP}\n`);

  const nginx = findNginx();
  await assertPortFree(SITE_PORT);
  if (nginx) await assertPortFree(NGINX_PORT);
  if (nginx && options.proxy) await assertPortFree(PROXY_PORT);
  if (options.varnish) await assertPortFree(VARNISH_PORT);

  const problems: string[] = [];
  const site = await prepareSite(options);
  const servers = await startReferenceServers(nginx, site, options, problems);
  const throughput = await measureThroughput(site, servers, options);
  const newsroom = new FormClient(site.url, 30_000);
  await newsroom.signIn(site.editor);
  const renders = await measureRenders(site, newsroom, options, problems);
  const publishes = await measurePublishes(site, servers, newsroom, options);
  const footprint = await measureFootprint(site, options);

  console.log(`\nThroughput (${integer.format(options.articles)} generated articles on top of the demo newsroom):`);
  printThroughput(throughput.measurements, throughput.staticRps);
  console.log('');
  printWeight(throughput.weight);
  console.log(`\nRender time with the page cache bypassed (${options.renders} sequential renders each, after 5 to warm up; times to the last byte):`);
  printRenders(renders);
  console.log('');
  printPublishes(publishes, options.publishes);
  printFootprint(footprint);

  problems.push(...problemsIn(throughput.measurements, footprint, publishes));
  for (const problem of problems) console.log(`FAILED: ${problem}`);
  console.log('\nFigures are only comparable within one run (same machine, same moment): the machine is shared and noisy.');
  return problems.length > 0 ? 1 : 0;
}

await runScript('Benchmark', main);
