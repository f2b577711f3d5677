import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { SESSION_COOKIE } from '@/lib/auth/sessions';
import { ARTICLE_PATH } from './helpers';
import { startSite } from '../test/support/site-server';
import { signInFrom } from './client-from';
import { copyTestDatabase } from './isolated-site';
import { signIn } from './newsroom-session';
import { e2eBaseUrl, e2eSite, e2eUsers, HOSTILE_SLUG, REMOVED_SLUG } from './site';

const csp = (header: string | undefined) =>
  new Map((header ?? '').split(/;\s*/).filter(Boolean).map((d) => [d.split(' ')[0] ?? '', d.slice(d.indexOf(' ') + 1)]));

function expectCommonHeaders(headers: Record<string, string>, label: string) {
  const policy = csp(headers['content-security-policy']);
  expect(policy.get('object-src'), label).toBe("'none'");
  expect(policy.get('base-uri'), label).toBe("'none'");
  expect(policy.get('frame-ancestors'), label).toBe("'none'");
  expect(headers['x-content-type-options'], label).toBe('nosniff');
  expect(headers['referrer-policy'], label).toBe('strict-origin-when-cross-origin');
  expect(headers['permissions-policy'], label).toMatch(/camera=\(\)/);
  expect(headers['x-request-id'], label).toMatch(/^[0-9a-f-]{36}$/);
  return policy;
}

/** Collects what the browser reports as blocked by the Content-Security-Policy. */
function watchViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

test('every reader page type, share image and missing page carries the security headers', async ({ request }) => {
  for (const url of ['/', '/politics', '/politics?page=2', ARTICLE_PATH, '/tags', '/tags/nato', '/authors/amara-osei', '/no-such-page', '/share/site.png', '/logo.png']) {
    const response = await request.get(url);
    const policy = expectCommonHeaders(response.headers(), url);
    expect(policy.get('default-src'), url).toBe("'self'");
    expect(response.headers()['strict-transport-security'], url).toBeUndefined();
  }
});

test('over HTTPS (behind a proxy that says so), responses also carry Strict-Transport-Security', async ({ request }) => {
  const response = await request.get('/politics', { headers: { 'X-Forwarded-Proto': 'https' } });
  expect(response.headers()['strict-transport-security']).toMatch(/^max-age=31536000/);
});

test('reader pages work under their policy: the browser blocks nothing', async ({ page }) => {
  const violations = watchViolations(page);
  await page.goto(ARTICLE_PATH);
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'World' }).click();
  await expect(page).toHaveURL(/\/world$/);
  expect(violations).toEqual([]);
});

/** Records every Content-Security-Policy violation the page reports, from its first script on. */
async function recordViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.effectiveDirective}: ${event.sample || event.blockedURI}`));
  });
  return () => page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []);
}

const READER_PAGES = ['/', '/politics', '/politics?page=2', ARTICLE_PATH, `/politics/${HOSTILE_SLUG}`, '/tags', '/tags/nato', '/authors', '/authors/amara-osei', '/search?q=budget', '/search', '/no-such-page', `/politics/${REMOVED_SLUG}`];

test('every reader page runs its own inline scripts, allowed by hash, with no unsafe-inline, no script file and no violation', async ({ page }) => {
  const consoleViolations = watchViolations(page);
  const violations = await recordViolations(page);
  for (const url of READER_PAGES) {
    const response = await page.goto(url);
    const scripts = csp(response?.headers()['content-security-policy']).get('script-src') ?? '';
    expect(scripts, url).not.toMatch(/unsafe-inline|unsafe-eval/);
    // Only inline scripts allowed by hash (or none at all): no script file, not even the site's own (decision 16).
    expect(scripts, url).toMatch(/^(?:'none'|'sha256-[A-Za-z0-9+/]{43}='( 'sha256-[A-Za-z0-9+/]{43}=')*)$/);
    // No client runtime: React never hydrates a reader page.
    expect(await page.evaluate(() => Object.keys(document.body).some((key) => key.startsWith('__reactFiber'))), url).toBe(false);
    const beacon = await page.evaluate(() => (window as unknown as { __viewSent?: number }).__viewSent ?? 0);
    expect(beacon, url).toBe(url === ARTICLE_PATH || url.endsWith(HOSTILE_SLUG) ? 1 : 0);
    expect(await violations(), url).toEqual([]);
  }
  // Loaded again from the browser's cache after a 304: the stored policy still fits the stored page.
  await page.goto(ARTICLE_PATH);
  const again = await page.reload();
  expect([200, 304]).toContain(again?.status());
  expect(await page.evaluate(() => (window as unknown as { __viewSent?: number }).__viewSent)).toBe(1);
  expect(await violations()).toEqual([]);
  expect(consoleViolations).toEqual([]);
});

test('an inline script injected into a reader page does not run', async ({ page }) => {
  const violations = await recordViolations(page);
  // Stands in for markup that got past every other defence: the page as the site sent it (headers included), plus a script.
  await page.route(`**${ARTICLE_PATH}`, async (route) => {
    const original = await route.fetch();
    const html = (await original.text()).replace('</h1>', '</h1><script>window.__injected = 1</script>');
    await route.fulfill({ response: original, body: html });
  });
  await page.goto(ARTICLE_PATH);
  await expect.poll(violations).toEqual(['script-src-elem: inline']);
  expect(await page.evaluate(() => (window as unknown as { __injected?: number }).__injected)).toBeUndefined();
  // The page's own scripts still ran.
  expect(await page.evaluate(() => (window as unknown as { __viewSent?: number }).__viewSent)).toBe(1);
});

test('the newsroom allows only scripts with this response’s nonce, and its own scripts carry it and run', async ({ page }) => {
  const violations = watchViolations(page);
  const response = await page.goto('/admin/login');
  const policy = expectCommonHeaders(response?.headers() ?? {}, '/admin/login');
  const nonce = /'nonce-([^']+)'/.exec(policy.get('script-src') ?? '')?.[1];
  expect(nonce).toBeTruthy();
  expect(policy.get('script-src')).not.toMatch(/unsafe-inline/);
  const scripts = page.locator('script');
  expect(await scripts.count()).toBeGreaterThan(0);
  for (const script of await scripts.all()) expect(await script.evaluate((el) => (el as HTMLScriptElement).nonce)).toBe(nonce);

  // A second request gets another nonce.
  const again = await page.request.get('/admin/login');
  expect(again.headers()['content-security-policy']).not.toContain(`'nonce-${nonce}'`);

  await signIn(page, e2eUsers.editor);
  await page.goto('/admin/articles/new');
  // The editor's live Markdown preview is client code: it runs only if the nonce let it.
  await page.getByLabel('Body', { exact: true }).fill('Some **bold** text');
  await page.getByRole('button', { name: 'Show preview' }).click();
  await expect(page.getByRole('region', { name: 'Body preview' }).locator('strong')).toHaveText('bold');
  expect(violations).toEqual([]);
});

test('the request log has one JSON line per request, and never a password or session token', async ({ page }) => {
  await signIn(page, e2eUsers.writer);
  const token = (await page.context().cookies()).find((cookie) => cookie.name === SESSION_COOKIE)?.value;
  expect(token).toBeTruthy();
  await page.goto('/politics?q=secret-search-words');
  const logFile = path.join(e2eSite.dataDir, 'requests.log');
  await expect.poll(() => fs.readFileSync(logFile, 'utf8')).toContain('"path":"/politics"');
  const log = fs.readFileSync(logFile, 'utf8');
  // Complete lines only: the site writes lines for other specs' requests all the while, and the last may be half written.
  const entries = log.slice(0, log.lastIndexOf('\n')).split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
  const signInPost = entries.find((e) => e.method === 'POST' && e.path === '/admin/login');
  expect([200, 303]).toContain(signInPost?.status);
  // One assertion over every line's fields (the log holds every spec's requests by now: one each took 40 s).
  const fieldSets = new Set(entries.map((entry) => Object.keys(entry).sort().join(' ')));
  expect([...fieldSets]).toEqual(['id method ms path pid queries queryMs status time']);
  expect(log).not.toContain(e2eUsers.writer.password);
  expect(log).not.toContain(token);
  expect(log).not.toContain('secret-search-words');
});

/**
 * Sends a request head declaring a body, and returns the status the server answers before the body is sent,
 * or 'waits for the body' when it answers nothing within eight seconds (it is reading the body). A refusal comes
 * at once, so only the one waiting case costs the wait, and a busy machine's slow refusal is not taken for waiting.
 */
function statusForDeclaredBody(path: string, headers: Record<string, string>): Promise<number | 'waits for the body'> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${e2eBaseUrl}${path}`, { method: 'POST', headers }, (response) => {
      response.resume();
      clearTimeout(timer);
      resolve(response.statusCode ?? 0);
      request.destroy();
    });
    const timer = setTimeout(() => {
      resolve('waits for the body');
      request.destroy();
    }, 8_000);
    request.on('error', (error) => {
      clearTimeout(timer);
      if (!request.destroyed) reject(error);
    });
    request.flushHeaders();
  });
}

test('request bodies over the limit, or of undeclared length, are refused before they are read', async () => {
  expect(await statusForDeclaredBody('/api/views', { 'Content-Length': String(1024 * 1024) })).toBe(413);
  expect(await statusForDeclaredBody('/admin/media', { 'Content-Length': String(50 * 1024 * 1024) })).toBe(413);
  expect(await statusForDeclaredBody('/api/views', { 'Transfer-Encoding': 'chunked' })).toBe(411);
});

test('without a newsroom session, and always on the sign-in page, a POST may carry 16 KB only', async ({ page }) => {
  const megabyte = { 'Content-Length': String(1024 * 1024), 'Content-Type': 'multipart/form-data; boundary=x' };
  for (const path of ['/admin/media', '/admin', '/admin/articles/new', '/admin/login', '/admin-anything']) {
    expect(await statusForDeclaredBody(path, megabyte), path).toBe(path === '/admin-anything' ? 405 : 413);
  }
  // A cookie that is not a live session is no session.
  expect(await statusForDeclaredBody('/admin/media', { ...megabyte, Cookie: `${SESSION_COOKIE}=made-up` })).toBe(413);

  await signIn(page, e2eUsers.writer);
  const token = (await page.context().cookies()).find((cookie) => cookie.name === SESSION_COOKIE)?.value ?? '';
  const session = { Cookie: `${SESSION_COOKIE}=${token}` };
  // Signed in, the newsroom takes an image upload's size (the server waits for the body)...
  expect(await statusForDeclaredBody('/admin/media', { ...megabyte, ...session })).toBe('waits for the body');
  // ...except on the sign-in page.
  expect(await statusForDeclaredBody('/admin/login', { ...megabyte, ...session })).toBe(413);
});

/** The id of the sign-in form's server action, as the page hands it to the browser. */
async function signInActionId(request: import('@playwright/test').APIRequestContext): Promise<string> {
  const html = await (await request.get('/admin/login')).text();
  const id = /name="\$ACTION_1:0" value="\{&quot;id&quot;:&quot;([0-9a-f]+)&quot;/.exec(html)?.[1];
  if (!id) throw new Error('no server action on the sign-in page');
  return id;
}

test('a malformed form body, or a server action called with the wrong arguments, answers 400, never 500', async ({ page, request }) => {
  const actionId = await signInActionId(request);
  const post = (path: string, headers: Record<string, string>, data: string) =>
    request.post(path, { headers: { Origin: e2eBaseUrl, ...headers }, data, maxRedirects: 0 }).then((response) => response.status());
  const multipart = { 'Content-Type': 'multipart/form-data; boundary=XYZ' };
  const cases: [string, Record<string, string>, string][] = [
    // Not multipart at all, cut off, or no boundary: as a page form post and as an action call.
    ['/admin/articles', multipart, 'garbage'],
    ['/admin/login', multipart, '--XYZ\r\nContent-Disposition: form-data; name="a"\r\n\r\nb'],
    ['/admin/login', { 'Content-Type': 'multipart/form-data' }, 'x'],
    ['/admin/login', { ...multipart, 'Next-Action': actionId }, 'garbage'],
    // The sign-in action takes (state, form): a fetch call with other arguments.
    ['/admin/login', { 'Content-Type': 'text/plain;charset=UTF-8', 'Next-Action': actionId }, '[]'],
    ['/admin/login', { 'Content-Type': 'text/plain;charset=UTF-8', 'Next-Action': actionId }, '[1,2]'],
    ['/admin/login', { 'Content-Type': 'text/plain;charset=UTF-8', 'Next-Action': actionId }, '"x"'],
    ['/admin/login', { 'Content-Type': 'text/plain;charset=UTF-8', 'Next-Action': actionId }, '{bad'],
    ['/admin/login', { ...multipart, 'Next-Action': actionId }, '--XYZ\r\nContent-Disposition: form-data; name="0"\r\n\r\n[1,2]\r\n--XYZ--\r\n'],
  ];
  for (const [path, headers, body] of cases) expect(await post(path, headers, body), `${path} ${JSON.stringify(headers)} ${body}`).toBe(400);

  // The same for someone signed in.
  await signIn(page, e2eUsers.writer);
  const signedIn = (path: string, headers: Record<string, string>, data: string) =>
    page.request.post(path, { headers: { Origin: e2eBaseUrl, ...headers }, data, maxRedirects: 0 }).then((response) => response.status());
  for (const [path, headers, body] of cases) expect(await signedIn(path, headers, body), `signed in: ${body}`).toBe(400);
});

test('the session cookie is Secure over HTTPS, and X-Forwarded-Proto says so only when TRUST_PROXY is set', async () => {
  const overHttps = { 'X-Forwarded-Proto': 'https' };
  const account = { email: e2eUsers.editor.email, password: e2eUsers.editor.password, headers: overHttps };
  // The test site trusts one proxy: the header counts.
  const trusted = await signInFrom('127.0.0.1', e2eBaseUrl, account);
  expect(trusted.status).toBe(303);
  expect(trusted.setCookie.join('\n')).toMatch(new RegExp(`${SESSION_COOKIE}=[^;]+;.*; Secure`));

  // A server without TRUST_PROXY (on a copy of the database; another loopback address, so no port is shared).
  const dataDir = await copyTestDatabase('news-no-proxy-');
  const site = await startSite({ dataDir, distDir: e2eSite.distDir, port: e2eSite.port + 2, host: '127.0.0.5', env: { TRUST_PROXY: '0' } });
  try {
    const untrusted = await signInFrom('127.0.0.1', site.url, account);
    expect(untrusted.status).toBe(303);
    const cookie = untrusted.setCookie.find((line) => line.startsWith(`${SESSION_COOKIE}=`)) ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).not.toMatch(/Secure/i);
    expect((await fetch(`${site.url}/politics`, { headers: overHttps })).headers.get('strict-transport-security')).toBeNull();
  } finally {
    await site.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test('Next’s image optimizer is off: /_next/image answers 404 and stores nothing', async ({ request }) => {
  const images = path.join(e2eSite.distDir, 'cache', 'images');
  const filesBefore = fs.existsSync(images) ? fs.readdirSync(images, { recursive: true }).length : 0;
  for (const query of ['url=%2Flogo.png&w=640&q=75', `url=%2Flogo.png&w=256&q=${Math.floor(Math.random() * 50) + 1}`, 'url=%2Fshare%2Fsite.png&w=1080&q=75']) {
    const response = await request.get(`/_next/image?${query}`);
    expect(response.status(), query).toBe(404);
  }
  const filesAfter = fs.existsSync(images) ? fs.readdirSync(images, { recursive: true }).length : 0;
  expect(filesAfter).toBe(filesBefore);
});
