import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectNoAccessibilityViolations } from './helpers';
import { fillNewArticle, signIn, waitForHydration } from './newsroom-session';
import { e2eBaseUrl, e2eUsers } from './site';
import { msUntil, shownAfter } from './eventually';

/** Live blogs (issue 15): the seeded ones as readers see them, the composer, the poll and its roles. */

const LIVE_PATH = '/climate/southern-australia-breaks-november-heat-records-as-fire-crews-brace';
const ENDED_PATH = '/climate/un-climate-talks-end-with-adaptation-finance-deal-but-no-fossil-fuel-timetable';
const slugOf = (headline: string) => headline.toLowerCase().replace(/[^a-z0-9]+/g, '-');

type JsonLdNode = Record<string, unknown> & { '@type': string };
async function jsonLdPosting(page: Page): Promise<JsonLdNode | undefined> {
  const blocks = await page.locator('script[type="application/ld+json"]').allTextContents();
  return blocks.flatMap((text) => (JSON.parse(text) as { '@graph': JsonLdNode[] })['@graph']).find((node) => node['@type'] === 'LiveBlogPosting');
}

async function editorPage(browser: Browser, account: { email: string; password: string } = e2eUsers.editor) {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, account);
  return page;
}

/** Publishes a Science story and makes it a live blog; returns its id, public path and composer page. */
async function newLiveBlog(page: Page, headline: string) {
  await fillNewArticle(page, headline, 'Science');
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(page.locator('.notice[role="status"]')).toHaveText('Published: it is live now.');
  const id = Number(/\/admin\/articles\/(\d+)/.exec(page.url())?.[1]);
  await page.getByRole('button', { name: 'Make this a live blog' }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/articles/${id}/live$`));
  return { id, publicPath: `/science/${slugOf(headline)}` };
}

async function post(page: Page, body: string, { title = '', keyEvent = false } = {}) {
  const button = page.getByRole('button', { name: 'Post', exact: true });
  await waitForHydration(button);
  await page.getByLabel('Title (optional)').fill(title);
  await page.getByLabel('Update (Markdown)').fill(body);
  if (keyEvent) await page.getByLabel(/Key event/).check();
  await button.click();
  // The form is cleared once the post is accepted (the notice may still be the previous post's).
  await expect(page.getByLabel('Update (Markdown)')).toHaveValue('');
  await expect(page.locator('.notice[role="status"]')).toHaveText('Posted: readers see it now.');
}

test('the newsroom lists live blogs running now, or ended, and marks them in the list', async ({ browser }) => {
  const page = await editorPage(browser);
  await page.goto('/admin/articles');
  await page.getByLabel('Live blogs').selectOption({ label: 'Live now' });
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(/[?&]live=live/);
  const table = page.getByRole('table', { name: 'Articles' });
  await expect(table.getByRole('row', { name: /Southern Australia Breaks November Heat Records/ })).toContainText('live blog');
  await expect(table.getByRole('row', { name: /UN Climate Talks End/ })).toHaveCount(0);
  // Every row listed is a live blog running now.
  const rows = table.locator('tbody tr');
  expect(await rows.count()).toBeGreaterThan(0);
  for (const row of await rows.all()) await expect(row.locator('.status--live-live')).toHaveText('live blog');

  await page.goto('/admin/articles?live=ended');
  await expect(table.getByRole('row', { name: /UN Climate Talks End/ })).toContainText('live blog ended');
  await expect(table.getByRole('row', { name: /Southern Australia Breaks November Heat Records/ })).toHaveCount(0);
  await expectNoAccessibilityViolations(page);
  await page.context().close();
});

test.describe('a live blog as readers see it', () => {
  test('updates newest first, each at its anchor; key events at the top; the LIVE label; JSON-LD', async ({ page }) => {
    const response = await page.goto(LIVE_PATH);
    expect(response?.status()).toBe(200);
    await expect(page.locator('.article__live .live-label')).toHaveText(/live/i);
    const updates = page.locator('.live-update');
    expect(await updates.count()).toBeGreaterThanOrEqual(10);
    const ids = await updates.evaluateAll((items) => items.map((item) => Number(item.id.replace('update-', ''))));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    // Each update links to its own anchor.
    await expect(updates.first().locator(`a[href="#update-${ids[0]}"]`)).toBeVisible();
    const keyLinks = page.getByRole('navigation', { name: 'Key events' }).getByRole('link');
    expect(await keyLinks.count()).toBeGreaterThanOrEqual(3);
    const target = await keyLinks.first().getAttribute('href');
    expect(target).toMatch(/^#update-\d+$/);
    await expect(page.locator(target!)).toHaveClass(/live-update--key/);

    const posting = await jsonLdPosting(page);
    expect(posting).toBeDefined();
    expect(posting!.coverageStartTime).toEqual(expect.stringMatching(/^\d{4}-\d\d-\d\dT/));
    expect(posting!.coverageEndTime).toBeUndefined();
    const entries = posting!.liveBlogUpdate as { '@type': string; headline: string; datePublished: string; articleBody: string; url: string }[];
    expect(entries.length).toBe(ids.length);
    expect(entries[0]).toMatchObject({ '@type': 'BlogPosting', url: expect.stringContaining(`#update-${ids[0]}`) });
    for (const entry of entries) {
      expect(entry.headline.length).toBeGreaterThan(0);
      expect(entry.articleBody.length).toBeGreaterThan(0);
      expect(Date.parse(entry.datePublished)).not.toBeNaN();
    }
  });

  test('an ended live blog keeps its updates, has no LIVE label and gives its coverage end', async ({ page }) => {
    await page.goto(ENDED_PATH);
    await expect(page.locator('.live-label')).toHaveCount(0);
    expect(await page.locator('.live-update').count()).toBeGreaterThanOrEqual(5);
    await expect(page.locator('section.live-blog script')).toHaveCount(0);
    const posting = await jsonLdPosting(page);
    expect(posting?.coverageEndTime).toEqual(expect.stringMatching(/^\d{4}-/));
  });

  test('the LIVE label on the teasers that show the live blog, and not on the ended one', async ({ page }) => {
    await page.goto('/climate');
    const liveTeaser = page.locator('.teaser', { has: page.locator(`a[href="${LIVE_PATH}"]`) });
    await expect(liveTeaser.locator('.live-label')).toBeVisible();
    const endedTeaser = page.locator('.teaser', { has: page.locator(`a[href="${ENDED_PATH}"]`) });
    await expect(endedTeaser.locator('.live-label')).toHaveCount(0);
    await page.goto('/');
    await expect(page.locator('.teaser', { has: page.locator(`a[href="${LIVE_PATH}"]`) }).first().locator('.live-label')).toBeVisible();
  });

  test('no accessibility violations on the live page, light and dark', async ({ browser }) => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const page = await (await browser.newContext({ colorScheme })).newPage();
      await page.goto(LIVE_PATH);
      await expectNoAccessibilityViolations(page);
      await page.context().close();
    }
  });

  test('the poll answers small JSON with an ETag, then 304; nonsense is a 404, never a 500', async ({ page, request }) => {
    await page.goto(LIVE_PATH);
    const id = await page.locator('[data-live-blog]').getAttribute('data-live-blog');
    const newest = await page.locator('.live-update').first().getAttribute('data-update-id');
    const first = await request.get(`/api/live/${id}?since=${newest}`);
    expect(first.status()).toBe(200);
    expect(await first.json()).toEqual({ live: true, newest: Number(newest), count: 0 });
    const etag = first.headers()['etag'];
    expect(etag).toMatch(/^"live-/);
    expect(first.headers()['cache-control']).toContain('public');
    const again = await request.get(`/api/live/${id}?since=${newest}`, { headers: { 'If-None-Match': etag ?? '' } });
    expect(again.status()).toBe(304);
    const older = await request.get(`/api/live/${id}?since=0`);
    expect((await older.json()).count).toBeGreaterThanOrEqual(10);
    for (const url of ['/api/live/abc', '/api/live/99999999', `/api/live/${id}?since=-1`, `/api/live/${id}?since=1e9`, '/api/live/0', `/api/live/${'9'.repeat(40)}`]) {
      expect((await request.get(url)).status(), url).toBe(404);
    }
  });
});

test.describe('the composer', () => {
  test.describe.configure({ mode: 'serial' });

  test('post, edit and delete reach a signed-out reader within a second; End coverage takes the LIVE label away', async ({ browser, playwright }) => {
    const page = await editorPage(browser);
    const { id, publicPath } = await newLiveBlog(page, `Live Blog Flow ${Date.now()}`);
    const reader = await playwright.request.newContext({ baseURL: e2eBaseUrl });

    const first = `First update from the field ${Date.now()}`;
    await post(page, first, { title: 'Opening line', keyEvent: true });
    await shownAfter(reader, publicPath, (status, body) => status === 200 && body.includes(first));
    const readerPage = await (await browser.newContext()).newPage();
    await readerPage.goto(publicPath);
    await expect(readerPage.locator('.article__live .live-label')).toBeVisible();
    await expect(readerPage.getByRole('navigation', { name: 'Key events' }).getByRole('link', { name: /Opening line/ })).toBeVisible();
    const updateId = await readerPage.locator('.live-update').first().getAttribute('data-update-id');
    await readerPage.goto('/science');
    await expect(readerPage.locator('.teaser', { has: readerPage.locator(`a[href="${publicPath}"]`) }).locator('.live-label')).toBeVisible();

    // Edit: the reader sees the new text and "updated HH:MM".
    await page.getByRole('link', { name: `Edit update ${updateId}` }).click();
    await expect(page.getByLabel('Update (Markdown)')).toHaveValue(first);
    const edited = `${first}, now corrected`;
    await page.getByLabel('Update (Markdown)').fill(edited);
    await page.getByRole('button', { name: 'Save edit' }).click();
    await expect(page.locator('.notice[role="status"]')).toHaveText('Update edited: readers see it now.');
    await shownAfter(reader, publicPath, (_, body) => body.includes('now corrected') && /updated <time[^>]*>\d\d:\d\d/.test(body));

    // Delete: it disappears.
    await page.getByRole('button', { name: `Delete update ${updateId}` }).click();
    await expect(page.locator('.notice[role="status"]')).toHaveText('Update deleted.');
    await shownAfter(reader, publicPath, (_, body) => !body.includes('now corrected') && !body.includes(`id="update-${updateId}"`));

    // End coverage: the LIVE label goes from the page and the section front; the page stays.
    await page.goto(`/admin/articles/${id}/live`);
    await page.getByRole('button', { name: 'End coverage' }).click();
    await expect(page.locator('.notice[role="status"]')).toContainText('Coverage ended');
    await msUntil(reader, publicPath, (status, body) => status === 200 && !body.includes('class="live-label"'));
    await msUntil(reader, '/science', (_, body) => body.includes(publicPath) && !body.includes('class="live-label"'));
    await reader.dispose();
  });

  test('an update opened for editing keeps what is typed before the page’s scripts have run', async ({ browser }) => {
    const page = await editorPage(browser);
    const { id } = await newLiveBlog(page, `Live Blog Typed Early ${Date.now()}`);
    await post(page, 'The update as first posted.');
    const editHref = await page.getByRole('link', { name: /^Edit update \d+$/ }).first().getAttribute('href');
    expect(editHref).toMatch(new RegExp(`/admin/articles/${id}/live\\?edit=\\d+`));
    // A slow phone: the composer is on screen before React owns it (its scripts held back, not its styles).
    let release: () => void = () => {};
    const scriptsHeld = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/_next/static/chunks/*.js', async (route) => {
      await scriptsHeld;
      await route.fallback();
    });
    await page.goto(editHref ?? '', { waitUntil: 'commit' });
    await expect(page.getByLabel('Update (Markdown)')).toHaveValue('The update as first posted.');
    await page.getByLabel('Update (Markdown)').fill('The update as corrected on a slow phone.');
    release();
    const save = page.getByRole('button', { name: 'Save edit' });
    await waitForHydration(save);
    await expect(page.getByLabel('Update (Markdown)')).toHaveValue('The update as corrected on a slow phone.');
    await save.click();
    await expect(page.locator('.notice[role="status"]')).toHaveText('Update edited: readers see it now.');
    await expect(page.locator('.live-composer')).toContainText('The update as corrected on a slow phone.');
    await page.context().close();
  });

  test('"N new updates" with JavaScript inserts them at the top; without JavaScript a reload shows them', async ({ browser }) => {
    const page = await editorPage(browser);
    const { publicPath } = await newLiveBlog(page, `Live Blog Poll ${Date.now()}`);
    for (let i = 1; i <= 8; i++) await post(page, `Earlier update number ${i}.\n\n${'A paragraph of reporting from the scene. '.repeat(12)}`);

    // Readers see a post within a second (the test above): wait for the eighth before the readers arrive.
    await msUntil(page.context().request, publicPath, (_, body) => body.includes('Earlier update number 8.'));
    const reader = await (await browser.newContext()).newPage();
    const noScript = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
    await reader.goto(publicPath);
    await noScript.goto(publicPath);
    await expect(reader.locator('.live-update')).toHaveCount(8);
    // The reader scrolls down to the fourth update and reads it.
    const readingId = await reader.locator('.live-update').nth(3).getAttribute('id');
    const reading = reader.locator(`#${readingId}`);
    await reading.evaluate((el) => el.scrollIntoView());
    const placeOf = () => reading.evaluate((el) => Math.round(el.getBoundingClientRect().top));
    const before = await placeOf();

    await post(page, 'Fresh news number one.');
    await post(page, 'Fresh news number two.');
    const button = reader.getByRole('button', { name: /new update/ });
    await expect(button).toHaveText('2 new updates', { timeout: 5_000 });
    // Nothing was inserted before the reader asked, and the offer moved nothing they were reading.
    await expect(reader.locator('.live-update')).toHaveCount(8);
    expect(Math.abs((await placeOf()) - before)).toBeLessThanOrEqual(1);
    await button.click();
    await expect(reader.locator('.live-update')).toHaveCount(10);
    await expect(reader.locator('.live-update').first()).toContainText('Fresh news number two.');
    await expect(reader.locator('.live-update').nth(1)).toContainText('Fresh news number one.');
    await expect(button).toBeHidden();
    // What the reader was reading stays where it was: the updates went in above it, out of sight.
    expect(Math.abs((await placeOf()) - before)).toBeLessThanOrEqual(1);
    await expect(reader.locator('.live-update').first()).not.toBeInViewport();

    // Without JavaScript: nothing changes until the reader reloads, then the newest are there.
    await expect(noScript.locator('.live-update')).toHaveCount(8);
    await noScript.reload();
    await expect(noScript.locator('.live-update').first()).toContainText('Fresh news number two.');
  });

  test('a writer drafts but cannot post, on the page or by calling the action', async ({ browser }) => {
    const editor = await editorPage(browser);
    const { id, publicPath } = await newLiveBlog(editor, `Live Blog Roles ${Date.now()}`);
    const writer = await editorPage(browser, e2eUsers.writer);
    await writer.goto(`/admin/articles/${id}/live`);
    await expect(writer.getByRole('button', { name: 'Post', exact: true })).toHaveCount(0);
    await expect(writer.getByRole('button', { name: 'End coverage' })).toHaveCount(0);
    const draft = writer.getByRole('button', { name: 'Save draft' });
    await waitForHydration(draft);
    await writer.getByLabel('Update (Markdown)').fill('A draft from the writer.');
    await draft.click();
    await expect(writer.locator('.notice[role="status"]')).toHaveText('Draft saved: an editor can post it.');
    // The same form, with a Post button added by hand: the server refuses and keeps the text.
    await writer.getByLabel('Update (Markdown)').fill('The writer tries to post this.');
    await writer.locator('form.live-composer__form').evaluate((form) => {
      const button = document.createElement('button');
      button.type = 'submit';
      button.name = 'intent';
      button.value = 'post';
      button.textContent = 'Sneaky post';
      form.append(button);
    });
    await writer.getByRole('button', { name: 'Sneaky post' }).click();
    await expect(writer.locator('.notice[role="alert"]')).toContainText('an editor posts them');
    await expect(writer.getByLabel('Update (Markdown)')).toHaveValue('The writer tries to post this.');
    const body = await (await writer.request.get(publicPath)).text();
    expect(body).not.toContain('A draft from the writer.');
    expect(body).not.toContain('The writer tries to post this.');
    // The editor posts the writer's draft.
    await editor.reload();
    await editor.getByRole('link', { name: /^Edit update/ }).first().click();
    await expect(editor.getByLabel('Update (Markdown)')).toHaveValue('A draft from the writer.');
    await editor.getByRole('button', { name: 'Post', exact: true }).click();
    await expect(editor.locator('.notice[role="status"]')).toHaveText('Posted: readers see it now.');
    await msUntil(editor.request, publicPath, (_, text) => text.includes('A draft from the writer.'));
  });

  test('an empty or 100,000-character update is refused with a clear message and the text kept', async ({ browser }) => {
    const page = await editorPage(browser);
    await newLiveBlog(page, `Live Blog Limits ${Date.now()}`);
    const button = page.getByRole('button', { name: 'Post', exact: true });
    await waitForHydration(button);
    await page.getByLabel('Title (optional)').fill('Only a title');
    await button.click();
    await expect(page.locator('#live-body-error')).toHaveText('Write the update before posting it.');
    await expect(page.getByLabel('Title (optional)')).toHaveValue('Only a title');
    const huge = 'word '.repeat(20_000);
    await page.getByLabel('Update (Markdown)').fill(huge);
    await button.click();
    await expect(page.locator('#live-body-error')).toContainText('at most 20,000 characters (this one has 99,999)');
    await expect(page.getByLabel('Update (Markdown)')).toHaveValue(huge);
  });

  test('the composer has no accessibility violations, light and dark, and fits a phone', async ({ browser }) => {
    const editor = await editorPage(browser);
    const { id } = await newLiveBlog(editor, `Live Blog Phone ${Date.now()}`);
    await post(editor, 'An update to show in the list.', { title: 'Listed', keyEvent: true });
    for (const colorScheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ colorScheme, viewport: { width: 390, height: 844 } });
      await context.addCookies(await editor.context().cookies());
      const page = await context.newPage();
      await page.goto(`/admin/articles/${id}/live`);
      await expectNoAccessibilityViolations(page);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      if (colorScheme === 'light') await page.screenshot({ path: test.info().outputPath('composer-390.png'), fullPage: true });
      await context.close();
    }
  });
});
