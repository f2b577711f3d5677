import { expect, test, type APIRequestContext } from '@playwright/test';
import { HOSTILE_SLUG, REMOVED_SLUG, UNPUBLISHED_SLUGS } from './site';

/**
 * The Content API over HTTP, through the production server's front door (server/main.ts): JSON (never the
 * reader-page treatment), reader-page Cache-Control and ETags, problem+json for every refusal, and only
 * published content, whatever state the test site's other stories are in.
 */

const SHARED = 'public, max-age=0, s-maxage=60, stale-while-revalidate=600, stale-if-error=86400';

type Summary = { id: number; slug: string; url: string; headline: string };
type Page = { items: Summary[]; nextCursor: string | null; next: string | null };

async function everyArticle(request: APIRequestContext): Promise<Summary[]> {
  const all: Summary[] = [];
  let next: string | null = '/api/v1/content/articles?limit=100';
  while (next) {
    const response = await request.get(next);
    expect(response.status()).toBe(200);
    const page = (await response.json()) as Page;
    all.push(...page.items);
    next = page.next;
  }
  return all;
}

test('lists every published article and nothing else, newest first, with absolute URLs', async ({ request, baseURL }) => {
  const all = await everyArticle(request);
  const slugs = all.map((a) => a.slug);
  expect(new Set(slugs).size).toBe(slugs.length);
  expect(slugs.length).toBeGreaterThan(90);
  for (const hidden of [...Object.values(UNPUBLISHED_SLUGS), REMOVED_SLUG]) expect(slugs).not.toContain(hidden);
  for (const article of all) expect(article.url.startsWith(`${baseURL}/`)).toBe(true);
  for (const hidden of Object.values(UNPUBLISHED_SLUGS)) {
    const response = await request.get(`/api/v1/content/sections/politics/articles/${hidden}`);
    expect(response.status()).toBe(404);
    expect(response.headers()['content-type']).toBe('application/problem+json');
  }
});

test('answers JSON with reader-page caching: an ETag, a 304 for it, and the same Cache-Control', async ({ request }) => {
  const first = await request.get('/api/v1/content/articles?limit=5');
  expect(first.status()).toBe(200);
  const headers = first.headers();
  expect(headers['content-type']).toBe('application/json; charset=utf-8');
  expect(headers['cache-control']).toBe(SHARED);
  expect(headers.etag).toMatch(/^"[\w-]+"$/);
  expect(headers.vary ?? '').not.toMatch(/rsc/i);
  // The newest five change whenever another spec publishes: then the 200 carries a new ETag, and the check is
  // made again with that one (a few times at most: an API that never answers 304 fails).
  let etag = headers.etag!;
  for (let attempt = 1; ; attempt++) {
    const again = await request.get('/api/v1/content/articles?limit=5', { headers: { 'If-None-Match': etag } });
    if (again.status() === 304) {
      expect(again.headers()['cache-control']).toBe(SHARED);
      expect(again.headers()['x-content-api-cache']).toBe('hit');
      break;
    }
    expect(again.status()).toBe(200);
    const changed = again.headers().etag ?? '';
    expect(changed, 'answered 200 to its own ETag').not.toBe(etag);
    expect(attempt, 'the list changed on every request').toBeLessThan(4);
    etag = changed;
  }
  const head = await request.head('/api/v1/content/sections');
  expect(head.status()).toBe(200);
  const doc = await request.get('/api/v1/openapi.json');
  expect(doc.status()).toBe(200);
  expect(((await doc.json()) as { openapi: string }).openapi).toBe('3.1.0');
});

test('refuses bad queries and unknown addresses with problem+json, never HTML', async ({ request }) => {
  for (const path of [
    '/api/v1/content/articles?limit=1000',
    '/api/v1/content/articles?cursor=xyz',
    '/api/v1/content/articles?fields=secret',
    '/api/v1/content/articles?sort=oldest',
    '/api/v1/content/articles?limit=1&limit=2',
  ]) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(400);
    expect(response.headers()['content-type'], path).toBe('application/problem+json');
    expect(response.headers()['cache-control'], path).toBe('no-store');
    expect(((await response.json()) as { errors: unknown[] }).errors.length, path).toBeGreaterThan(0);
  }
  for (const path of ['/api/v1/content/articles/0', '/api/v1/content/articles/abc', '/api/v1/content/articles/99999999', '/api/v1/nothing/here', '/api/v1/content/live-blogs/1']) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(404);
    expect(response.headers()['content-type'], path).toBe('application/problem+json');
  }
});

test('carries hostile text as text and the body only as the sanitised HTML readers get', async ({ request }) => {
  const response = await request.get(`/api/v1/content/sections/politics/articles/${HOSTILE_SLUG}`);
  expect(response.status()).toBe(200);
  const article = (await response.json()) as { headline: string; body: { html: string; text: string }; whyItMatters: { html: string } };
  expect(article.headline).toContain('<script>window.__xss = "headline"</script>');
  expect(article.body.text).toContain('<script>');
  for (const html of [article.body.html, article.whyItMatters.html]) {
    expect(html).not.toMatch(/<script|<iframe|\son[a-z]+=|href="javascript:/i);
  }
});
