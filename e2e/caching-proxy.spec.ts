import { expect, request as playwrightRequest, test, type APIRequestContext } from '@playwright/test';
import { SESSION_COOKIE } from '@/lib/auth/sessions';
import { findNginx, startCachingProxy, type NginxServer } from '../scripts/lib/nginx';
import { signIn, timeUntil } from './newsroom-session';
import { e2eSite, e2eUsers } from './site';

/** deploy/nginx.conf, run by Debian's nginx in front of the test site: what a newsroom would deploy. */

let proxy: NginxServer;
let reader: APIRequestContext;

test.beforeAll(async () => {
  const nginx = findNginx();
  if (!nginx) throw new Error('nginx is not installed (apt-get install nginx): the caching proxy cannot be tested');
  proxy = await startCachingProxy(nginx, { port: e2eSite.port + 1, upstreamPort: e2eSite.port });
  reader = await playwrightRequest.newContext({ baseURL: proxy.url });
});

test.afterAll(async () => {
  await reader?.dispose();
  await proxy?.stop();
});

const cacheStatus = async (path: string, headers: Record<string, string> = {}) => {
  const response = await reader.get(path, { headers, maxRedirects: 0 });
  return { status: response.status(), cache: response.headers()['x-cache-status'] ?? '', headers: response.headers() };
};

test('a page asked for twice in a row is served from the cache the second time, with the site’s own headers', async () => {
  const path = `/politics?proxy-test=${Date.now()}`;
  const first = await cacheStatus(path);
  const second = await cacheStatus(path);
  expect(first).toMatchObject({ status: 200, cache: 'MISS' });
  expect(second).toMatchObject({ status: 200, cache: 'HIT' });
  // The CDN beyond still gets the site's policy, not the proxy's one second.
  expect(second.headers['cache-control']).toBe(first.headers['cache-control']);
  expect(second.headers['cache-control']).toMatch(/s-maxage=60/);
  expect(second.headers.etag).toBe(first.headers.etag);
});

test('missing pages are micro-cached too, with their status', async () => {
  const path = `/no-such-section-${Date.now()}`;
  expect(await cacheStatus(path)).toMatchObject({ status: 404, cache: 'MISS' });
  expect(await cacheStatus(path)).toMatchObject({ status: 404, cache: 'HIT' });
});

test('the newsroom, previews and anyone carrying a session cookie are never served from the cache', async () => {
  for (const path of ['/admin/login', '/preview/1', '/api/views']) {
    for (let i = 0; i < 2; i++) expect((await cacheStatus(path)).cache, path).toBe('');
  }
  const signedIn = { Cookie: `${SESSION_COOKIE}=some-session-token` };
  const path = `/tags?proxy-cookie-test=${Date.now()}`;
  expect((await cacheStatus(path, signedIn)).cache).toBe('BYPASS');
  expect((await cacheStatus(path, signedIn)).cache).toBe('BYPASS');
  // A bypassed response is not stored either: the first signed-out reader still misses.
  expect((await cacheStatus(path)).cache).toBe('MISS');
});

test('an edit published in the newsroom shows through the proxy within two seconds', async ({ page }) => {
  await signIn(page, e2eUsers.editor);
  await page.goto('/admin/articles?q=Archive+Story+Number+12');
  await page.getByRole('link', { name: 'Archive Story Number 12', exact: true }).click();
  const path = '/politics/archive-story-number-12';
  // Warm the proxy's copy, so the change has to get past a cached page.
  await cacheStatus(path);
  expect((await cacheStatus(path)).cache).toBe('HIT');

  const updated = `Archive Story Number 12, updated ${Date.now()}`;
  await page.getByLabel('Headline').fill(updated);
  await page.getByRole('button', { name: 'Update live article' }).click();
  await expect(page.locator('.notice[role="status"]')).toHaveText('Saved.');
  const ms = await timeUntil(reader, path, (status, body) => status === 200 && body.includes(updated));
  console.log(`publish → visible through the proxy: ${ms} ms`);
  expect(ms).toBeLessThan(2_000);
});
