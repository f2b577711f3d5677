import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { toZonedLocalInput } from '@/lib/dates';
import { findForm, FormClient, setField } from '../test/support/form-client';
import { ARTICLE_PATH, expectNoAccessibilityViolations } from './helpers';
import { holdNextFormPost, signIn, waitForHydration } from './newsroom-session';
import { e2eBaseUrl, e2eUsers } from './site';
import { msUntil, shownAfter } from './eventually';

/**
 * Issue 15, breaking news: an editor sets a banner from the dashboard, every reader page shows it at its
 * top within a second, it comes down at its expiry or on Clear. The specs beside this one read the same
 * site: each test here clears the banner before it ends, and keeps it up for a few seconds only.
 */

test.describe.configure({ mode: 'serial' });

// The e2e site runs in the default time zone (SITE_TIME_ZONE unset).
const TIME_ZONE = 'Europe/London';
const READER_PAGES = ['/', ARTICLE_PATH, '/science'];
const banner = (page: Page) => page.getByRole('region', { name: 'Breaking news' });

async function editorDashboard(browser: Browser, account: { email: string; password: string } = e2eUsers.editor): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, account);
  return page;
}

/** Types the banner and presses Set: the field, then the button. */
async function setBanner(page: Page, values: { text: string; link?: string; expiresAt?: string }) {
  await page.getByLabel('Breaking news text').click();
  await page.getByLabel('Breaking news text').fill(values.text);
  if (values.link !== undefined) await page.getByLabel('Link (optional)').fill(values.link);
  if (values.expiresAt !== undefined) await page.getByLabel('Take down at (optional)').fill(values.expiresAt);
  await page.getByRole('button', { name: 'Set breaking news' }).click();
}

async function clearBanner(page: Page) {
  await page.getByRole('button', { name: 'Clear breaking news' }).click();
  await expect(page.locator('#breaking-none')).toBeVisible();
}

const shows = (text: string) => (status: number, body: string) => status === 200 && body.includes(text);
const lacks = (text: string) => (status: number, body: string) => status === 200 && !body.includes(text);

let reader: APIRequestContext;
test.beforeAll(async ({ playwright }) => {
  reader = await playwright.request.newContext({ baseURL: e2eBaseUrl });
});
test.afterAll(async () => {
  await reader.dispose();
});

test('an editor sets breaking news in two clicks; signed-out readers see it on every page within a second, without JavaScript, and Clear takes it down', async ({ browser }) => {
  test.setTimeout(60_000);
  const text = `Polls close in the city vote ${Date.now()}`;
  const editor = await editorDashboard(browser);
  try {
    await setBanner(editor, { text, link: ARTICLE_PATH });
    await expect(editor.getByRole('status').filter({ hasText: 'Breaking news is on every reader page now.' })).toBeVisible();
    // The dashboard shows what is up, and until when.
    await expect(editor.locator('#breaking-now')).toContainText(text);
    await expect(editor.locator('#breaking-now')).toContainText('Until cleared.');

    for (const path of READER_PAGES) await shownAfter(reader, path, shows(text));

    // A reader without JavaScript: a labelled region at the top, linking to the article.
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    for (const path of READER_PAGES) {
      await page.goto(path);
      await expect(banner(page)).toContainText(text);
      await expect(banner(page).getByRole('link', { name: text })).toHaveAttribute('href', ARTICLE_PATH);
      // First after the skip link: above the site's header.
      expect(await page.evaluate(() => document.querySelector('.skip-link')?.nextElementSibling?.className)).toBe('breaking');
      // Plain server HTML: no script on the page names it.
      expect(await page.locator('script:not([type="application/ld+json"])').evaluateAll((scripts) => scripts.filter((s) => s.textContent?.includes('breaking')).length)).toBe(0);
    }
    await context.close();

    // In no feed and no JSON-LD.
    for (const path of ['/rss.xml', '/atom.xml', '/feed.json', '/science/rss.xml', '/sitemaps/news.xml']) {
      expect(await (await reader.get(path)).text(), path).not.toContain(text);
    }
    for (const path of READER_PAGES) {
      const html = await (await reader.get(path)).text();
      const jsonLd = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('');
      expect(jsonLd.length, path).toBeGreaterThan(0);
      expect(jsonLd, path).not.toContain(text);
    }

    await clearBanner(editor);
    for (const path of READER_PAGES) await shownAfter(reader, path, lacks(text));
  } finally {
    await editor.context().close();
  }
});

test('with the banner shown, reader pages pass axe in light and dark', async ({ browser }) => {
  test.setTimeout(60_000);
  const text = `Axe check of the banner ${Date.now()}`;
  const editor = await editorDashboard(browser);
  try {
    await setBanner(editor, { text, link: '/science' });
    await msUntil(reader, '/', shows(text));
    for (const colorScheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ colorScheme });
      const page = await context.newPage();
      for (const path of ['/', ARTICLE_PATH]) {
        await page.goto(path);
        await expect(banner(page)).toContainText(text);
        await expectNoAccessibilityViolations(page);
      }
      await context.close();
    }
  } finally {
    await clearBanner(editor);
    await editor.context().close();
  }
});

test('it comes down by itself at its expiry, within a second or two', async ({ browser }) => {
  test.setTimeout(60_000);
  const text = `Short-lived banner ${Date.now()}`;
  const editor = await editorDashboard(browser);
  try {
    // Whole seconds, a few ahead (the field takes seconds).
    const expiresAt = Math.ceil((Date.now() + 6_000) / 1_000) * 1_000;
    await setBanner(editor, { text, expiresAt: toZonedLocalInput(expiresAt, TIME_ZONE, true) });
    await expect(editor.locator('#breaking-now')).toContainText(text);
    await expect(editor.locator('#breaking-now')).toContainText('Until ');
    await msUntil(reader, '/', shows(text));
    expect(Date.now()).toBeLessThan(expiresAt);
    await expect
      .poll(async () => (await (await reader.get('/')).text()).includes(text), { timeout: 15_000, intervals: [50] })
      .toBe(false);
    const late = Date.now() - expiresAt;
    test.info().annotations.push({ type: 'banner gone after its expiry (ms)', description: String(late) });
    console.log(`breaking news came down ${late} ms after its expiry`);
    expect(late).toBeGreaterThanOrEqual(0);
    for (const path of READER_PAGES.slice(1)) expect(await (await reader.get(path)).text(), path).not.toContain(text);
  } finally {
    // Already gone: Clear is not even offered (the dashboard says so after a reload).
    await editor.reload();
    if (await editor.getByRole('button', { name: 'Clear breaking news' }).isVisible()) await clearBanner(editor);
    await editor.context().close();
  }
});

test('a past expiry, a link to another site or to no published story, empty or long text are refused next to the field, the form kept as typed', async ({ browser }) => {
  const editor = await editorDashboard(browser);
  try {
    const text = 'Refused banner that must never show';
    const past = toZonedLocalInput(Date.now() - 60_000, TIME_ZONE);
    await setBanner(editor, { text, link: 'https://evil.example.org/politics', expiresAt: past });
    await expect(editor.locator('.breaking-form .notice--error')).toContainText('Some fields need attention');
    await expect(editor.locator('#breaking-link-error')).toContainText('The banner links only to this site: evil.example.org is another site.');
    await expect(editor.locator('#breaking-expiresAt-error')).toContainText('That time has passed');
    await expect(editor.getByLabel('Breaking news text')).toHaveValue(text);
    await expect(editor.getByLabel('Link (optional)')).toHaveValue('https://evil.example.org/politics');
    await expect(editor.getByLabel('Take down at (optional)')).toHaveValue(past);

    // A link to a story that is not published would send readers to a 404.
    await setBanner(editor, { text, link: '/politics/a-story-nobody-published', expiresAt: '' });
    await expect(editor.locator('#breaking-link-error')).toHaveText('No published story answers at /politics/a-story-nobody-published: publish it first, or check the address.');
    await expect(editor.getByLabel('Link (optional)')).toHaveValue('/politics/a-story-nobody-published');

    await setBanner(editor, { text: 'x'.repeat(121), link: '', expiresAt: '' });
    await expect(editor.locator('#breaking-text-error')).toHaveText('The banner text can be at most 120 characters.');
    await setBanner(editor, { text: '   ' });
    await expect(editor.locator('#breaking-text-error')).toHaveText('The banner text cannot be empty.');
    await expect(editor.locator('#breaking-none')).toBeVisible();
    expect(await (await reader.get('/')).text()).not.toContain('class="breaking"');
  } finally {
    await editor.context().close();
  }
});

test('the banner form is read-only while its save is on its way, and comes back as typed', async ({ browser }) => {
  const editor = await editorDashboard(browser);
  try {
    await waitForHydration(editor.getByRole('button', { name: 'Set breaking news' }));
    // The answer rebuilds the form from what was sent: anything typed meanwhile would be lost.
    const save = await holdNextFormPost(editor, '**/admin*');
    await setBanner(editor, { text: 'Held banner that must never show', link: 'https://evil.example.org/held' });
    await save.sent;
    await expect(editor.getByLabel('Breaking news text')).not.toBeEditable();
    await expect(editor.getByLabel('Link (optional)')).not.toBeEditable();
    await expect(editor.getByRole('button', { name: 'Set breaking news' })).toBeDisabled();
    save.release();
    await expect(editor.locator('#breaking-link-error')).toContainText('evil.example.org is another site');
    await expect(editor.getByLabel('Breaking news text')).toBeEditable();
    await expect(editor.getByLabel('Breaking news text')).toHaveValue('Held banner that must never show');
  } finally {
    await editor.context().close();
  }
});

test('a writer has no banner form, and the action posted directly as a writer is refused', async ({ browser }) => {
  const writer = await editorDashboard(browser, e2eUsers.writer);
  await expect(writer.getByRole('heading', { name: 'Breaking news' })).toHaveCount(0);
  await expect(writer.getByLabel('Breaking news text')).toHaveCount(0);
  await writer.context().close();

  // The editor's form, as rendered (its action id included), posted with a writer's session.
  const asEditor = new FormClient(e2eBaseUrl, 30_000);
  await asEditor.signIn(e2eUsers.editor);
  const dashboard = await asEditor.get('/admin');
  const form = findForm(dashboard.html, 'text');
  const text = `Writer banner ${Date.now()}`;
  setField(form, 'text', text);
  const asWriter = new FormClient(e2eBaseUrl, 30_000);
  await asWriter.signIn(e2eUsers.writer);
  const answer = await asWriter.submit(dashboard, form, 'Set breaking news');
  expect(answer.status).toBeLessThan(500);
  // The writer's dashboard has no banner form to show it in: the refusal travels in the page's data.
  expect(answer.html).toContain('Your role does not allow that.');
  expect(answer.html).not.toContain('Breaking news is on every reader page now.');
  for (const path of READER_PAGES) expect(await (await reader.get(path)).text(), path).not.toContain(text);
  // The same post as the editor goes through (so the refusal above was the role's), without JavaScript.
  const accepted = await asEditor.submit(dashboard, form, 'Set breaking news');
  expect(accepted.html).toContain('Breaking news is on every reader page now.');
  await shownAfter(reader, '/', shows(text));
  const editor = await editorDashboard(browser);
  await clearBanner(editor);
  await editor.context().close();
  await shownAfter(reader, '/', lacks(text));
});
