import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { expectNoAccessibilityViolations } from './helpers';
import { makeIntegrationKey } from './integration-keys';
import { signIn } from './newsroom-session';
import { e2eSite, e2eUsers } from './site';
import { watchForPayloads } from './xss-checks';
import { XSS_ELEMENT_ID, XSS_GLOBAL, XSS_PAYLOADS } from './xss-payloads';
import { shownAfter } from './eventually';

/**
 * The Admin API over HTTP, through the production server (server/main.ts: body limits, methods), and the
 * newsroom's Integrations page. Stories are filed into Science, so other specs' Politics counts stay as seeded.
 */

const keys = { writer: '', editor: '', revoked: '' };

test.beforeAll(() => {
  keys.writer = makeIntegrationKey(`E2E writer ${Date.now()}`, 'writer');
  keys.editor = makeIntegrationKey(`E2E editor ${Date.now()}`, 'editor');
  keys.revoked = makeIntegrationKey(`E2E revoked ${Date.now()}`, 'editor', { revoked: true });
});

/** The tags of sanitised HTML that are not plain text markup, or carry a handler or a script address. */
function unsafeMarkup(html: string): string[] {
  const TEXT_TAGS = new Set(['p', 'a', 'em', 'strong', 'b', 'i', 'code', 'pre', 'ul', 'ol', 'li', 'blockquote', 'h2', 'h3', 'h4', 'br', 'hr']);
  return [...html.matchAll(/<([a-z][a-z0-9]*)\b([^>]*)>/gi)].flatMap(([tag, name = '', attributes = '']) => {
    const href = /\bhref="([^"]*)"/.exec(attributes)?.[1]?.replace(/\s/g, '') ?? '';
    return !TEXT_TAGS.has(name.toLowerCase()) || /\son\w+\s*=/i.test(attributes) || /^javascript:/i.test(href) ? [tag] : [];
  });
}

const auth = (key: string) => ({ Authorization: `Bearer ${key}` });
type Article = { id: number; version: number; status: string; url: string | null; slug: string; headline: string };

async function fileDraft(request: APIRequestContext, headline: string, extra: Record<string, unknown> = {}, key = keys.editor): Promise<Article> {
  const response = await request.post('/api/v1/admin/articles', {
    headers: auth(key),
    data: { headline, section: 'science', summary: `${headline}: the summary.`, body: 'The body of the story.', authors: ['amara-osei'], ...extra },
  });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as Article;
}

const ENDPOINTS: [string, string][] = [
  ['POST', '/api/v1/admin/articles'],
  ['GET', '/api/v1/admin/articles/1'],
  ['PATCH', '/api/v1/admin/articles/1'],
  ['POST', '/api/v1/admin/articles/1/submit'],
  ['POST', '/api/v1/admin/articles/1/publish'],
  ['POST', '/api/v1/admin/articles/1/schedule'],
  ['POST', '/api/v1/admin/articles/1/unpublish'],
  ['POST', '/api/v1/admin/articles/1/trash'],
  ['POST', '/api/v1/admin/articles/1/corrections'],
  ['POST', '/api/v1/admin/articles/1/live-updates'],
  ['POST', '/api/v1/admin/images'],
];

test('every endpoint refuses a missing, wrong or revoked key with a problem+json 401', async ({ request }) => {
  for (const [method, url] of ENDPOINTS) {
    for (const headers of [{}, auth(`crbc_${'x'.repeat(43)}`), auth(keys.revoked), { Authorization: 'Basic YTpi' }]) {
      const response = await request.fetch(url, { method, headers, data: method === 'GET' ? undefined : { version: 1 } });
      expect(response.status(), `${method} ${url} ${JSON.stringify(headers)}`).toBe(401);
      expect(response.headers()['content-type']).toBe('application/problem+json');
      expect(response.headers()['cache-control']).toBe('private, no-store');
    }
  }
  // Without a live key, the front door takes no more than 16 KB.
  const large = await request.post('/api/v1/admin/articles', { headers: auth(keys.revoked), data: { headline: 'x'.repeat(20_000) } });
  expect(large.status()).toBe(413);
});

test('roles: a writer files and submits, and is refused every editor action; an editor may do them', async ({ request }) => {
  const draft = await fileDraft(request, `Writer's API story ${Date.now()}`, {}, keys.writer);
  const editorOnly: [string, unknown][] = [
    ['publish', { version: draft.version }],
    ['schedule', { version: draft.version, publishAt: new Date(Date.now() + 86_400_000).toISOString() }],
    ['unpublish', { version: draft.version }],
    ['trash', { version: draft.version }],
    ['corrections', { text: 'A correction the writer may not add.' }],
  ];
  for (const [action, data] of editorOnly) {
    const response = await request.post(`/api/v1/admin/articles/${draft.id}/${action}`, { headers: auth(keys.writer), data });
    expect(response.status(), action).toBe(403);
    expect(response.headers()['content-type']).toBe('application/problem+json');
  }
  const submitted = await request.post(`/api/v1/admin/articles/${draft.id}/submit`, { headers: auth(keys.writer), data: { version: draft.version } });
  expect(((await submitted.json()) as Article).status).toBe('review');
  const read = await request.get(`/api/v1/admin/articles/${draft.id}`, { headers: auth(keys.editor) });
  const reviewed = (await read.json()) as Article;
  const scheduled = await request.post(`/api/v1/admin/articles/${draft.id}/schedule`, {
    headers: auth(keys.editor),
    data: { version: reviewed.version, publishAt: new Date(Date.now() + 86_400_000).toISOString() },
  });
  expect(scheduled.status()).toBe(200);
  expect(((await scheduled.json()) as Article).status).toBe('scheduled');
});

test('a story published through the API is on its page, its section and the Content API within a second', async ({ request, playwright, baseURL }) => {
  const reader = await playwright.request.newContext({ baseURL });
  const headline = `Published through the API ${Date.now()}`;
  const draft = await fileDraft(request, headline);
  const published = await request.post(`/api/v1/admin/articles/${draft.id}/publish`, { headers: auth(keys.editor), data: { version: draft.version } });
  expect(published.status()).toBe(200);
  const article = (await published.json()) as Article;
  const pagePath = new URL(article.url!).pathname;
  await shownAfter(reader, pagePath, (s, body) => s === 200 && body.includes(headline));
  await shownAfter(reader, '/science', (s, body) => s === 200 && body.includes(headline));
  await shownAfter(reader, '/api/v1/content/articles?section=science&limit=5', (s, body) => s === 200 && body.includes(headline));
  await shownAfter(reader, `/api/v1/content/articles/${draft.id}`, (s) => s === 200);
  await reader.dispose();
});

test('bad input gets a problem+json 4xx, never a 5xx, and loses nothing', async ({ request }) => {
  const draft = await fileDraft(request, `Bad input target ${Date.now()}`);
  const url = `/api/v1/admin/articles/${draft.id}`;
  const raw = (body: string | Buffer, type = 'application/json') => () =>
    request.patch(url, { headers: { ...auth(keys.editor), 'Content-Type': type }, data: Buffer.isBuffer(body) ? body : Buffer.from(body) });
  const cases: [string, () => ReturnType<APIRequestContext['patch']>, number][] = [
    ['malformed JSON', raw('{"version":'), 400],
    ['JSON null', raw('null'), 422],
    ['wrong types', raw(JSON.stringify({ version: 'one', headline: ['a'] })), 422],
    ['unknown field', raw(JSON.stringify({ version: draft.version, isAdmin: true })), 422],
    ['form data', raw('version=1', 'application/x-www-form-urlencoded'), 415],
    ['over 1 MB', raw(JSON.stringify({ version: draft.version, body: 'x'.repeat(1_100_000) })), 413],
    ['invalid UTF-8', raw(Buffer.from([0x7b, 0xff, 0x7d])), 400],
    ['a headline too short', raw(JSON.stringify({ version: draft.version, headline: 'Hi' })), 422],
    ['a stale version', raw(JSON.stringify({ version: draft.version - 1, headline: 'A stale edit of this story' })), 409],
    ['a method it does not take', () => request.delete(url, { headers: auth(keys.editor) }), 405],
  ];
  for (const [label, send, status] of cases) {
    const response = await send();
    expect(response.status(), label).toBe(status);
    expect(response.headers()['content-type'], label).toBe('application/problem+json');
  }
  const after = (await (await request.get(url, { headers: auth(keys.editor) })).json()) as Article;
  expect(after.version).toBe(draft.version);
  expect(after.headline).toBe(draft.headline);
  // The server logged no fault for any of it.
  const log = fs.readFileSync(path.join(e2eSite.dataDir, 'requests.log'), 'utf8');
  const apiFaults = log.split('\n').filter((line) => line.includes('"/api/v1/') && /"status":5\d\d/.test(line));
  expect(apiFaults).toEqual([]);
});

test('an idempotent retry files one article', async ({ request }) => {
  const headline = `Idempotent API story ${Date.now()}`;
  const headers = { ...auth(keys.editor), 'Idempotency-Key': `e2e-${Date.now()}` };
  const data = { headline, section: 'science' };
  const [first, second] = await Promise.all([request.post('/api/v1/admin/articles', { headers, data }), request.post('/api/v1/admin/articles', { headers, data })]);
  const third = await request.post('/api/v1/admin/articles', { headers, data });
  const statuses = [first.status(), second.status()].sort();
  // Concurrent twins: one is answered, the other either replays it or is told to retry (409).
  expect(statuses[0]).toBe(201);
  expect([201, 409]).toContain(statuses[1]);
  expect(third.status()).toBe(201);
  expect(third.headers()['idempotent-replayed']).toBe('true');
  const ids = new Set([first, second, third].filter((r) => r.status() === 201).map((r) => r.json().then((a: Article) => a.id)));
  expect(new Set(await Promise.all(ids)).size).toBe(1);
});

test('hostile text filed and published through the API stays text on the reader page and in the Content API', async ({ request, context, page, baseURL }) => {
  const findings = watchForPayloads(context, baseURL!);
  const payloads = XSS_PAYLOADS.map((p) => p.text);
  const created = await fileDraft(request, `Hostile API story ${Date.now()} ${payloads[0]}`, {
    summary: payloads.slice(0, 8).join(' '),
    body: payloads.join('\n\n'),
    keyPoints: payloads.slice(0, 10).map((text, i) => ({ label: payloads[(i + 10) % payloads.length]!, text })),
    whyItMatters: payloads.slice(20, 40).join('\n\n'),
    contextNote: payloads.slice(40, 50).join(' '),
    seoTitle: payloads[1],
    seoDescription: payloads[2],
  });
  const published = await request.post(`/api/v1/admin/articles/${created.id}/publish`, { headers: auth(keys.editor), data: { version: created.version } });
  expect(published.status(), await published.text()).toBe(200);
  const article = (await published.json()) as Article;
  const content = (await (await request.get(`/api/v1/content/articles/${created.id}`)).json()) as { summary: string; body: { html: string; text: string }; whyItMatters: { html: string } };
  expect(content.summary).toBe(payloads.slice(0, 8).join(' '));
  expect(content.body.text).toBe(payloads.join('\n\n'));
  for (const html of [content.body.html, content.whyItMatters.html]) expect(unsafeMarkup(html)).toEqual([]);
  await page.goto(new URL(article.url!).pathname);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Hostile API story');
  expect(await page.evaluate((name) => (window as unknown as Record<string, unknown>)[name], XSS_GLOBAL)).toBeUndefined();
  await expect(page.locator(`#${XSS_ELEMENT_ID}`)).toHaveCount(0);
  expect(findings).toEqual([]);
});

test.describe('the Integrations page', () => {
  async function makeKeyOnPage(page: Page, name: string): Promise<string> {
    await signIn(page, e2eUsers.admin);
    await page.getByRole('navigation', { name: 'Newsroom' }).getByRole('link', { name: 'Integrations', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Integrations' })).toBeVisible();
    await page.getByLabel('Name').fill(name);
    await page.getByLabel('Role').selectOption('editor');
    await page.getByRole('button', { name: 'Create key' }).click();
    const shown = page.locator('.one-time-password code');
    await expect(shown).toHaveText(/^crbc_[\w-]{43}$/);
    return (await shown.textContent())!;
  }

  test('an admin makes a key and sees it once; light and dark pass axe', async ({ page }) => {
    const name = `Page key ${Date.now()}`;
    const key = await makeKeyOnPage(page, name);
    const row = page.getByRole('row').filter({ hasText: name });
    await expect(row).toContainText(key.slice(0, 11));
    await expect(row).not.toContainText(key);
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await expectNoAccessibilityViolations(page);
    }
    await page.reload();
    await expect(page.locator('.one-time-password')).toHaveCount(0);
    expect(await page.content()).not.toContain(key);
  });

  test('a key made on the page works until it is revoked; its hostile name stays text; the audit log has both', async ({ page, request, context, baseURL }) => {
    const findings = watchForPayloads(context, baseURL!);
    const name = `Hostile key ${Date.now()} ${XSS_PAYLOADS[0]!.text}`;
    const key = await makeKeyOnPage(page, name);
    const used = await fileDraft(request, `Filed with a page-made key ${Date.now()}`, {}, key);
    expect(used.status).toBe('draft');
    await page.getByRole('row').filter({ hasText: name }).getByRole('button', { name: `Revoke the key of ${name}` }).click();
    await expect(page.getByRole('row').filter({ hasText: name })).toContainText('Revoked');
    expect((await request.get(`/api/v1/admin/articles/${used.id}`, { headers: auth(key) })).status()).toBe(401);
    await page.goto('/admin/audit');
    await expect(page.getByText('integration key revoked').first()).toBeVisible();
    expect(await page.evaluate((global) => (window as unknown as Record<string, unknown>)[global], XSS_GLOBAL)).toBeUndefined();
    expect(findings).toEqual([]);
  });

  test('a writer and an editor are refused it, and not offered it', async ({ page }) => {
    for (const user of [e2eUsers.writer, e2eUsers.editor]) {
      await page.context().clearCookies();
      await signIn(page, user);
      await expect(page.getByRole('navigation', { name: 'Newsroom' }).getByRole('link', { name: 'Integrations', exact: true })).toHaveCount(0);
      await page.goto('/admin/integrations');
      await expect(page).toHaveURL(/\/admin\?denied=1$/);
    }
  });
});
