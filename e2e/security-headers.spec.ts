import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { SESSION_COOKIE } from '@/lib/auth/sessions';
import { ARTICLE_PATH } from './helpers';
import { signIn } from './newsroom-session';
import { e2eBaseUrl, e2eSite, e2eUsers } from './site';

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
  const entries = log.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
  const signInPost = entries.find((e) => e.method === 'POST' && e.path === '/admin/login');
  expect([200, 303]).toContain(signInPost?.status);
  for (const entry of entries) expect(Object.keys(entry).sort()).toEqual(['id', 'method', 'ms', 'path', 'queries', 'queryMs', 'status', 'time']);
  expect(log).not.toContain(e2eUsers.writer.password);
  expect(log).not.toContain(token);
  expect(log).not.toContain('secret-search-words');
});

/** Sends a request head declaring a body, and returns the status the server answers before the body is sent. */
function statusForDeclaredBody(path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${e2eBaseUrl}${path}`, { method: 'POST', headers }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
      request.destroy();
    });
    request.on('error', reject);
    request.flushHeaders();
  });
}

test('request bodies over the limit, or of undeclared length, are refused before they are read', async () => {
  expect(await statusForDeclaredBody('/api/views', { 'Content-Length': String(1024 * 1024) })).toBe(413);
  expect(await statusForDeclaredBody('/admin/media', { 'Content-Length': String(50 * 1024 * 1024) })).toBe(413);
  expect(await statusForDeclaredBody('/api/views', { 'Transfer-Encoding': 'chunked' })).toBe(411);
});
