import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { FUZZ_VALUES, OTHER_REQUESTS, QUERY_SHAPES, RAW_TARGETS } from './fuzz-values';
import { ARTICLE_PATH, leaksIn } from './helpers';
import { rawClient, type RawRequest, type RawResponse } from './raw-http';
import { e2eBaseUrl, e2eSite } from './site';

/**
 * Every public route, with each path segment, each query parameter it reads and each request body in
 * turn replaced by every value of e2e/fuzz-values.ts: never a 5xx, never a stack trace or a piece of the
 * server's insides in the answer, and every request the site answers is one well-formed line of its
 * request log.
 */

interface FuzzRoute {
  /** A working address of the route: each of its segments is fuzzed in turn. */
  path: string;
  /**
   * The parameters the route reads, with working values; each is fuzzed in turn. Left out, the route gets
   * a made-up one, which it must ignore (images and the newsroom get none: it would only redraw an image).
   */
  query?: Record<string, string>;
  method?: 'POST';
  /** A working body, fuzzed in turn. */
  body?: string;
}

const LISTING_QUERY = { page: '2' };

function publicRoutes(shareImage: string, mediaFile: string): FuzzRoute[] {
  return [
    { path: '/', query: LISTING_QUERY },
    { path: '/politics', query: LISTING_QUERY },
    { path: ARTICLE_PATH },
    { path: '/politics/rss.xml' },
    { path: '/politics/atom.xml' },
    { path: '/politics/feed.json' },
    { path: '/tags' },
    { path: '/tags/test-archive', query: LISTING_QUERY },
    { path: '/authors' },
    { path: '/authors/amara-osei', query: LISTING_QUERY },
    { path: '/search', query: { q: 'budget+vote', section: 'politics', from: '2020-01-01', to: '2030-12-31', page: '1' } },
    { path: '/rss.xml' },
    { path: '/atom.xml' },
    { path: '/feed.json' },
    { path: '/sitemap.xml' },
    { path: '/sitemaps/pages.xml' },
    { path: '/sitemaps/tags.xml' },
    { path: '/robots.txt' },
    { path: '/logo.png', query: {} },
    { path: '/share/site.png', query: {} },
    { path: shareImage, query: {} },
    { path: mediaFile },
    { path: '/preview/1', query: {} },
    { path: '/admin/login', query: {} },
    { path: '/api/views', method: 'POST', body: '1' },
  ];
}

interface Job {
  slot: string;
  value: string;
  request: RawRequest;
}

const queryString = (query: Record<string, string>) =>
  Object.entries(query)
    .map(([name, value]) => `${name}=${value}`)
    .join('&');

/** Every route × every slot × every value, plus the odd-shaped queries and the raw request targets. */
function fuzzJobs(routes: readonly FuzzRoute[]): Job[] {
  const jobs: Job[] = [];
  for (const route of routes) {
    const segments = route.path.slice(1).split('/');
    const query = route.query ?? { ref: 'home' };
    const request = (pathname: string, params: string, body = route.body): RawRequest => ({
      method: route.method ?? 'GET',
      target: params ? `${pathname}?${params}` : pathname,
      body,
      headers: body === undefined ? {} : { 'Content-Type': 'text/plain' },
    });
    const validQuery = queryString(query);
    for (const value of FUZZ_VALUES) {
      segments.forEach((_, index) => {
        const fuzzed = segments.map((segment, i) => (i === index ? value.wire : segment));
        jobs.push({ slot: `${route.path} segment ${index + 1}`, value: value.name, request: request(`/${fuzzed.join('/')}`, validQuery) });
      });
      for (const name of Object.keys(query)) {
        jobs.push({ slot: `${route.path} ?${name}`, value: value.name, request: request(route.path, queryString({ ...query, [name]: value.wire })) });
      }
      if (route.body !== undefined) jobs.push({ slot: `${route.path} body`, value: value.name, request: request(route.path, validQuery, value.wire) });
    }
    for (const name of Object.keys(query)) {
      const others = Object.fromEntries(Object.entries(query).filter(([other]) => other !== name));
      for (const shape of QUERY_SHAPES) {
        const params = [queryString(others), shape.query(name)].filter(Boolean).join('&');
        jobs.push({ slot: `${route.path} ?${name}`, value: shape.name, request: request(route.path, params) });
      }
    }
    // The newsroom takes form posts, which Next's action decoder reads before any code of ours: it answers
    // a malformed one with a 500. Only the newsroom's other methods are tried.
    for (const other of OTHER_REQUESTS.filter(({ method }) => method !== 'POST' || !route.path.startsWith('/admin/'))) {
      jobs.push({ slot: `${route.path} method`, value: other.name, request: { ...request(route.path, validQuery), ...other } });
    }
  }
  for (const raw of RAW_TARGETS) jobs.push({ slot: 'request target', value: raw.name, request: { target: raw.wire } });
  return jobs;
}

const isText = (response: RawResponse) => !/^image\//.test(String(response.headers['content-type'] ?? ''));

function problemsWith(response: RawResponse): string[] {
  const problems: string[] = [];
  if (response.status >= 500 || response.status < 100) problems.push(`status ${response.status}`);
  if (isText(response)) problems.push(...leaksIn(response.body.toString('utf8'), [e2eSite.dataDir]));
  return problems;
}

async function inParallel<T, R>(items: readonly T[], concurrency: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index] as T);
      }
    }),
  );
  return results;
}

const REQUEST_LOG = path.join(e2eSite.dataDir, 'requests.log');
const LOG_FIELDS = JSON.stringify(['time', 'id', 'method', 'path', 'status', 'ms', 'queries', 'queryMs', 'pid']);

interface LogEntry {
  method: string;
  path: string;
  status: number;
}

/** The request log from `offset` on: its entries by id, and every line that is not one whole entry. */
function readRequestLog(offset: number): { entries: Map<string, LogEntry>; broken: string[] } {
  const text = fs.readFileSync(REQUEST_LOG).subarray(offset).toString('utf8');
  const entries = new Map<string, LogEntry>();
  const broken: string[] = [];
  // A line still being written is left for the next read: the log ends with a newline when whole.
  for (const line of text.slice(0, text.lastIndexOf('\n') + 1).split('\n').slice(0, -1)) {
    try {
      const entry = JSON.parse(line) as Record<string, unknown>;
      const wellFormed =
        JSON.stringify(Object.keys(entry)) === LOG_FIELDS &&
        !Number.isNaN(Date.parse(String(entry.time))) &&
        typeof entry.path === 'string' &&
        typeof entry.status === 'number' &&
        typeof entry.ms === 'number' &&
        typeof entry.queries === 'number';
      if (wellFormed) entries.set(String(entry.id), entry as unknown as LogEntry);
      else broken.push(line.slice(0, 200));
    } catch {
      broken.push(line.slice(0, 200));
    }
  }
  return { entries, broken };
}

test('no malformed path segment, query parameter or body makes any public route fail or show its insides', async () => {
  test.setTimeout(180_000);
  const client = rawClient(e2eBaseUrl);
  try {
    const article = (await client.send({ target: ARTICLE_PATH })).body.toString('utf8');
    const shareImage = /property="og:image" content="[^"]*?(\/share\/[0-9]+-[0-9]+\.png)"/.exec(article)?.[1];
    const mediaFile = /src="(\/media\/[^"]+\.webp)"/.exec(article)?.[1];
    if (!shareImage || !mediaFile) throw new Error('the article page names no share image or no media file');
    const routes = publicRoutes(shareImage, mediaFile);
    // The working addresses work: each fuzzed request differs from one of them by a single slot.
    for (const route of routes) {
      const query = queryString(route.query ?? {});
      const target = query ? `${route.path}?${query}` : route.path;
      const { status } = await client.send({ method: route.method, target, body: route.body });
      expect([200, 204, 307], target).toContain(status);
    }

    const jobs = fuzzJobs(routes);
    const logOffset = fs.statSync(REQUEST_LOG).size;
    const started = performance.now();
    const answers = await inParallel(jobs, 8, async (job) => ({ job, response: await client.send(job.request) }));
    const seconds = (performance.now() - started) / 1000;
    console.log(`${jobs.length} fuzzed requests in ${seconds.toFixed(1)} s`);
    const failures = answers.flatMap(({ job, response }) =>
      problemsWith(response).map((problem) => `${job.request.method ?? 'GET'} ${job.request.target.slice(0, 120)} (${job.slot}: ${job.value}): ${problem}`),
    );
    expect(failures).toEqual([]);

    // Each request the site answered (Node itself refuses malformed request lines with a bare 400) is a log line.
    const answered = answers.filter(({ response }) => response.headers['x-request-id'] !== undefined);
    expect(answered.length).toBeGreaterThan(jobs.length * 0.9);
    const idOf = (response: RawResponse) => String(response.headers['x-request-id']);
    await expect
      .poll(() => {
        const { entries } = readRequestLog(logOffset);
        return answered.filter(({ response }) => !entries.has(idOf(response))).length;
      })
      .toBe(0);
    const { entries, broken } = readRequestLog(logOffset);
    expect(broken).toEqual([]);
    const misrecorded = answered.flatMap(({ job, response }) => {
      const entry = entries.get(idOf(response));
      const expected = { method: job.request.method ?? 'GET', path: job.request.target.split('?', 1)[0], status: response.status };
      return entry && entry.method === expected.method && entry.path === expected.path && entry.status === expected.status
        ? []
        : [`${expected.method} ${job.request.target.slice(0, 120)} logged as ${JSON.stringify(entry).slice(0, 200)}`];
    });
    expect(misrecorded).toEqual([]);
  } finally {
    client.close();
  }
});
