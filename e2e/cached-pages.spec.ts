import path from 'node:path';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { readRequestLog } from '@/server/request-log';
import { ARTICLE_PATH } from './helpers';
import { e2eSite } from './site';

interface Answer {
  path: string;
  cache: string | undefined;
  queries: number;
}

/** The SQL statements the server logged for one request (requests.log, found by the X-Request-Id it sent). */
async function loggedQueries(requestId: string): Promise<number> {
  const log = path.join(e2eSite.dataDir, 'requests.log');
  // The line is written once the response has gone: a moment after the client has it (longer on a busy machine).
  for (const deadline = Date.now() + 10_000; Date.now() < deadline; ) {
    const entry = readRequestLog(log).find((logged) => logged.id === requestId);
    if (entry) return entry.queries;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no log line for request ${requestId}`);
}

async function fetchAndCount(request: APIRequestContext, pagePath: string): Promise<Answer> {
  const response = await request.get(pagePath, { maxRedirects: 0 });
  expect(response.status(), pagePath).toBe(200);
  const requestId = response.headers()['x-request-id'];
  if (!requestId) throw new Error(`${pagePath} sent no X-Request-Id`);
  return { path: pagePath, cache: response.headers()['x-nextjs-cache'], queries: await loggedQueries(requestId) };
}

const CACHED_PAGES = [
  '/',
  '/politics',
  '/politics?page=2',
  ARTICLE_PATH,
  '/tags/test-archive',
  '/authors/amara-osei',
  '/tags',
  '/authors',
  '/rss.xml',
  '/politics/atom.xml',
  '/feed.json',
  '/sitemap.xml',
  '/sitemaps/news.xml',
];

test('a page served from the cache costs the database nothing, routing included', async ({ request }) => {
  test.setTimeout(60_000);
  for (const pagePath of CACHED_PAGES) {
    const answers: Answer[] = [];
    // The first request may render (a miss) and fill the cache; the one right after must be a hit with no query.
    // Other tests publish meanwhile, which rightly makes pages and routes stale: then try again, a few times.
    for (let attempt = 0; attempt < 5; attempt++) {
      await fetchAndCount(request, pagePath);
      const answer = await fetchAndCount(request, pagePath);
      answers.push(answer);
      if (answer.cache === 'HIT' && answer.queries === 0) break;
    }
    expect(answers.at(-1), JSON.stringify(answers)).toEqual({ path: pagePath, cache: 'HIT', queries: 0 });
  }
});

test('the request log counts the statements of pages that are rendered for each request', async ({ request }) => {
  // Search results are rendered per request: they must read the database, or the count above proves nothing.
  const search = await fetchAndCount(request, '/search?q=archive+story');
  expect(search.cache).toBeUndefined();
  expect(search.queries).toBeGreaterThan(0);
});
