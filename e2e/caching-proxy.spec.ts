import { expect, request as playwrightRequest, test, type APIRequestContext } from '@playwright/test';
import { SESSION_COOKIE } from '@/lib/auth/sessions';
import { findNginx, startCachingProxy, type NginxServer } from '../test/support/nginx';
import { requestFrom, signInFrom } from './client-from';
import { msUntil } from './eventually';
import { signIn } from './newsroom-session';
import { e2eBaseUrl, e2eSite, e2eUsers } from './site';

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
  // The policy naming the page's own inline scripts by hash is kept with the page.
  expect(second.headers['content-security-policy']).toBe(first.headers['content-security-policy']);
  expect(second.headers['content-security-policy']).toMatch(/script-src (?:'none'|'sha256-[^']+'( 'sha256-[^']+')*);/);
});

test('a request only Next’s client runtime would make gets the page, and the copy cached from it is right for every reader', async () => {
  const path = `/tags?proxy-rsc-test=${Date.now()}`;
  const first = await reader.get(path, { headers: { RSC: '1', 'Next-Router-Prefetch': '1' } });
  expect(first.status()).toBe(200);
  expect(first.headers()['x-cache-status']).toBe('MISS');
  expect(first.headers().vary ?? '').not.toMatch(/rsc|next-router/i);
  const second = await reader.get(path);
  expect(second.headers()['x-cache-status']).toBe('HIT');
  expect(second.headers()['content-type']).toMatch(/^text\/html/);
  const html = await second.text();
  expect(html).toContain('<h1');
  expect(html).not.toMatch(/self\.__next_f|<script[^>]*src="\/_next\//);
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

test('an edit published in the newsroom shows through the proxy (the time it took is printed)', async ({ page }) => {
  await signIn(page, e2eUsers.editor);
  await page.goto('/admin/articles?q=Archive+Story+Number+12');
  // Its headline as seeded, or as a run of this test before left it (", updated …").
  await page.getByRole('link', { name: /^Archive Story Number 12\b/ }).click();
  const path = '/politics/archive-story-number-12';
  // Warm the proxy's copy, so the change has to get past a cached page.
  await cacheStatus(path);
  expect((await cacheStatus(path)).cache).toBe('HIT');

  const updated = `Archive Story Number 12, updated ${Date.now()}`;
  await page.getByLabel('Headline').fill(updated);
  await page.getByRole('button', { name: 'Update live article' }).click();
  await expect(page.locator('.notice[role="status"]')).toHaveText('Saved.');
  // Timed from the acknowledgement; a figure to read, not a bound a busy machine can miss (./eventually.ts).
  const ms = await msUntil(reader, path, (status, body) => status === 200 && body.includes(updated));
  console.log(`publish → visible through the proxy: ${ms} ms`);
});

const WRONG_PASSWORD = 'That email and password do not match an active account.';
const THROTTLED = /^Too many failed sign-ins from your network\. Try again in \d+ seconds?\.$/;
/** A new address each time, so only the per-address count grows, never a per-account one. */
const someone = () => `nobody-${Date.now()}-${Math.random().toString(36).slice(2)}@test.example`;

test('behind the proxy, the sign-in throttle counts the address the proxy saw, whatever X-Forwarded-For a client sends', async () => {
  // Two clients the proxy sees at their own addresses; the attacker claims to be the victim. (Addresses of each
  // run's own under --repeat-each: the throttle remembers the last run's attempts.)
  const run = test.info().repeatEachIndex;
  const attacker = `127.0.${run}.77`;
  const victim = `127.0.${run}.78`;
  const spoofed = { 'X-Forwarded-For': victim };
  // nginx passes the site the Host without a port, as it is on port 80: the browser's Origin matches it there.
  const asOnPort80 = { origin: 'http://127.0.0.1' };
  for (let i = 0; i < 5; i++) {
    expect((await signInFrom(attacker, proxy.url, { email: someone(), headers: spoofed, ...asOnPort80 })).error).toBe(WRONG_PASSWORD);
  }
  // The attacker's own address is what got counted...
  expect((await signInFrom(attacker, proxy.url, { email: someone(), headers: spoofed, ...asOnPort80 })).error).toMatch(THROTTLED);
  // ...and the victim, whose address the attacker wrote, signs in as freely as before.
  expect((await signInFrom(victim, proxy.url, { email: someone(), ...asOnPort80 })).error).toBe(WRONG_PASSWORD);
});

test('IPv6 clients are counted by their /64: a new address in the same /64 is the same client', async () => {
  // Straight to the site (TRUST_PROXY=1), the test standing in for the proxy that writes X-Forwarded-For.
  const from = (address: string) => ({ email: someone(), headers: { 'X-Forwarded-For': address } });
  // A /48 of each run's own under --repeat-each: the throttle remembers the last run's attempts.
  const third = (0x77 + test.info().repeatEachIndex).toString(16);
  const net = `2001:db8:${third}`;
  for (const address of [`${net}:1::1`, `${net}:1::2`, `${net}:1::a:b`, `2001:0db8:00${third}:0001:0:0:0:3`, `${net}:1:ffff:ffff:ffff:fff0`]) {
    expect((await signInFrom('127.0.0.1', e2eBaseUrl, from(address))).error, address).toBe(WRONG_PASSWORD);
  }
  expect((await signInFrom('127.0.0.1', e2eBaseUrl, from(`${net}:1:dead:beef:0:1`))).error).toMatch(THROTTLED);
  // The next /64 is another client.
  expect((await signInFrom('127.0.0.1', e2eBaseUrl, from(`${net}:2::1`))).error).toBe(WRONG_PASSWORD);
});

test('search, share cards and the view beacon are rate-limited per client address, with a page that says so', async () => {
  const burst = async (source: string, path: string, method = 'GET') => {
    const started = performance.now();
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => requestFrom(source, `${proxy.url}${path.replace('{i}', String(i))}`, { method, ...(method === 'POST' && { body: '1' }) })),
    );
    return Object.assign(answers, { seconds: (performance.now() - started) / 1000 });
  };
  // deploy/nginx.conf: each zone's rate (requests a second) and burst.
  for (const [source, path, method, rate, allowedAtOnce] of [
    ['127.0.0.91', '/search?q=budget+{i}', 'GET', 2, 10],
    ['127.0.0.92', '/share/site.png?v={i}', 'GET', 5, 20],
    ['127.0.0.93', '/api/views', 'POST', 5, 20],
  ] as const) {
    const answers = await burst(source, path, method);
    const limited = answers.filter((answer) => answer.status === 429);
    // A burst is let through at once; of the rest, only what the rate allows over the time the 40 requests took
    // to arrive (not an instant on a busy machine: counted, not assumed), and the others are refused.
    const allowed = answers.length - limited.length;
    console.log(`${path}: 40 requests in ${answers.seconds.toFixed(2)} s, ${allowed} let through`);
    expect(allowed, path).toBeGreaterThanOrEqual(10);
    expect(allowed, path).toBeLessThanOrEqual(allowedAtOnce + 1 + Math.ceil(rate * answers.seconds));
    expect(limited.length, path).toBeGreaterThan(0);
    expect(answers.filter((answer) => answer.status >= 500), path).toEqual([]);
    const refused = limited[0]!;
    expect(refused.headers['content-type'], path).toMatch(/^text\/html/);
    expect(refused.headers['retry-after'], path).toBe('10');
    expect(refused.headers['cache-control'], path).toBe('no-store');
    expect(refused.body, path).toContain('<h1>Too many requests</h1>');
    // Another client is not held up by the first one's requests.
    const other = await requestFrom('127.0.0.94', `${proxy.url}${path.replace('{i}', 'other')}`, { method, ...(method === 'POST' && { body: '1' }) });
    expect(other.status, path).toBeLessThan(400);
  }
  // Pages are not rate-limited.
  const pages = await burst('127.0.0.95', '/politics?n={i}');
  expect(pages.filter((answer) => answer.status !== 200)).toEqual([]);
});

test('a POST after the site has closed an idle connection still reaches the site, never a 502', async () => {
  const beacon = () => requestFrom('127.0.0.96', `${proxy.url}/api/views`, { method: 'POST', body: '1' });
  // Leaves connections from nginx to the site idle in nginx's pool...
  expect((await Promise.all([beacon(), beacon(), beacon()])).map((answer) => answer.status)).toEqual([204, 204, 204]);
  // ...past the site's keep-alive timeout (Node's 5 s), when the site closes them. nginx does not retry a POST.
  await new Promise((resolve) => setTimeout(resolve, 5_500));
  expect((await Promise.all([beacon(), beacon(), beacon()])).map((answer) => answer.status)).toEqual([204, 204, 204]);
});

test('the shipped HTTPS lines redirect plain HTTP to HTTPS and serve the site over TLS', async () => {
  const nginx = findNginx()!;
  // Its own addresses on the same port: HTTP on 127.0.0.3, HTTPS on 127.0.0.2.
  const tlsProxy = await startCachingProxy(nginx, { port: e2eSite.port + 1, upstreamPort: e2eSite.port, address: '127.0.0.3', tls: { address: '127.0.0.2' } });
  try {
    const plain = await requestFrom('127.0.0.1', `${tlsProxy.url}/politics?page=2`);
    expect(plain.status).toBe(301);
    expect(plain.headers.location).toBe('https://127.0.0.3/politics?page=2');
    const secure = await requestFrom('127.0.0.1', `${tlsProxy.httpsUrl}/politics`);
    expect(secure.status).toBe(200);
    expect(secure.body).toContain('Politics');
    // The site learned from the proxy that the reader is on HTTPS (TRUST_PROXY=1, X-Forwarded-Proto).
    expect(secure.headers['strict-transport-security']).toMatch(/^max-age=31536000/);
  } finally {
    await tlsProxy.stop();
  }
});
