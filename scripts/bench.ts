import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { autocannon, type AutocannonResult } from './lib/autocannon';
import { findNginx, serveStaticHtml, startCachingProxy } from './lib/nginx';
import { assertPortFree, onCleanUp, runScript } from './lib/run-cleanup';
import { prepareFreshSite, startSite, type SiteOptions } from './lib/site-server';

/**
 * `npm run bench [-- --duration N --connections N --proxy]`: builds the site on a fresh demo database, then
 * load-tests an article, a section front and the front page with autocannon, next to the same
 * article HTML served as a static file by nginx (when installed) as the ceiling to compare against.
 * `--proxy` also measures the article through deploy/nginx.conf (the micro-cache) in front of the site.
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

function positiveInteger(value: string | undefined, fallback: number, flag: string): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`--${flag} must be a positive integer, got "${value}"`);
  return parsed;
}

function parseOptions(): BenchOptions {
  const { values } = parseArgs({
    options: { duration: { type: 'string' }, connections: { type: 'string' }, proxy: { type: 'boolean', default: false } },
    strict: true,
  });
  return {
    duration: positiveInteger(values.duration, 10, 'duration'),
    connections: positiveInteger(values.connections, 50, 'connections'),
    proxy: values.proxy,
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
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)));
  // Names and paths left-aligned, figures right-aligned.
  const line = (cells: string[]) =>
    cells.map((cell, column) => (column < 2 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  ');
  console.log(line(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const row of rows) console.log(line(row));
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

// ---- main ----

async function main(): Promise<number> {
  const options = parseOptions();
  console.log(`Machine: ${os.cpus().length} CPUs (os.cpus().length), Node ${process.version}, load average ${os.loadavg()[0]?.toFixed(2)}`);
  console.log(`Load: ${options.connections} connections, ${options.duration} s per target, after a warm-up of ${WARMUP_SECONDS} s or ${WARMUP_REQUESTS} requests\n`);

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'news-bench-'));
  onCleanUp(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const site: SiteOptions = { dataDir, distDir: '.next-bench', port: SITE_PORT };

  const nginx = findNginx();
  await assertPortFree(SITE_PORT);
  if (nginx) await assertPortFree(NGINX_PORT);
  if (nginx && options.proxy) await assertPortFree(PROXY_PORT);

  console.log(`Seeding a fresh database in ${site.dataDir} and building into ${site.distDir} ...`);
  await prepareFreshSite(site);
  const running = await startSite(site);
  onCleanUp(() => running.stop());

  const sectionUrl = `${running.url}/politics`;
  const articleUrl = `${running.url}${firstArticlePath((await fetchOk(sectionUrl)).toString('utf8'), 'politics')}`;
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

  let proxyTarget: Target | undefined;
  if (options.proxy && !nginx) {
    problems.push('--proxy: nginx is not installed (apt-get install nginx), so the caching proxy was not measured');
  } else if (options.proxy && nginx) {
    try {
      const proxy = await startCachingProxy(nginx, { port: PROXY_PORT, upstreamPort: SITE_PORT });
      onCleanUp(() => proxy.stop());
      proxyTarget = { name: 'article via proxy', url: `${proxy.url}${new URL(articleUrl).pathname}` };
    } catch (error) {
      problems.push(`caching proxy: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  const targets: Target[] = [
    { name: 'article', url: articleUrl },
    ...(proxyTarget ? [proxyTarget] : []),
    { name: 'section front', url: sectionUrl },
    { name: 'front page', url: `${running.url}/` },
    ...(staticTarget ? [staticTarget] : []),
  ];
  const measurements: Measurement[] = [];
  for (const target of targets) measurements.push(await measure(target, options));
  const weight = await articleWeight(articleUrl, articleHtml);

  const staticRps = staticTarget && measurements.find((m) => m.target === staticTarget)?.result.requests.average;
  console.log('');
  printTable(measurements, staticRps);
  console.log('');
  printWeight(weight);
  problems.push(...failures(measurements));
  for (const problem of problems) console.log(`FAILED: ${problem}`);
  console.log('\nFigures are only comparable within one run (same machine, same moment): the machine is shared and noisy.');
  return problems.length > 0 ? 1 : 0;
}

await runScript('Benchmark', main);
