import { expect, test, type Page } from '@playwright/test';
import { ARTICLE_PATH, expectNoAccessibilityViolations } from './helpers';
import { signIn } from './newsroom-session';
import { e2eUsers, HOSTILE_SLUG, UNPUBLISHED_SLUGS } from './site';

const results = (page: Page) => page.locator('.search-result');
const resultCount = async (page: Page) => Number((await page.locator('.search-page__count').innerText()).replace(/[^\d].*$/s, ''));

/** Types into the header's box and submits it as a reader would, with or without JavaScript. */
async function searchFromHeader(page: Page, words: string) {
  await page.goto('/');
  const box = page.getByRole('search', { name: 'Site' });
  await box.getByRole('searchbox', { name: 'Search articles' }).fill(words);
  await box.getByRole('button', { name: 'Search' }).click();
}

test.describe('search from the header', () => {
  test('lands on ranked results with the words marked, and the page is noindex', async ({ page }) => {
    await searchFromHeader(page, 'zelensk');
    await expect(page).toHaveURL(/\/search\?q=zelensk$/);
    await expect(page).toHaveTitle('Search: zelensk | CRBC News');
    await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/);
    const first = results(page).first();
    await expect(first.getByRole('heading', { level: 2 }).getByRole('link')).toHaveAttribute('href', ARTICLE_PATH);
    await expect(first.locator('mark').first()).toHaveText(/^zelensk/i);
    await expect(first.locator('time')).toHaveAttribute('datetime', /^\d{4}-/);
    await expect(first.locator('.teaser__section')).toHaveText('Politics');
    await expect(page.getByRole('searchbox', { name: 'Words to find' })).toHaveValue('zelensk');
  });

  test('works with JavaScript disabled', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await searchFromHeader(page, 'Zelenskyy');
    await expect(page).toHaveURL(/\/search\?q=Zelenskyy$/);
    await expect(results(page).first().getByRole('link', { name: /zelenskyy/i }).first()).toBeVisible();
    await context.close();
  });

  test('the box fits a 360px phone', async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await page.goto('/');
    const box = page.getByRole('searchbox', { name: 'Search articles' });
    await expect(box).toBeInViewport();
    const button = page.getByRole('search', { name: 'Site' }).getByRole('button', { name: 'Search' });
    expect((await button.boundingBox())!.x + (await button.boundingBox())!.width).toBeLessThanOrEqual(360);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await context.close();
  });
});

test.describe('search page', () => {
  test('a misspelt word gets “Did you mean”, from the index’s own words, linking to that search', async ({ page }) => {
    await page.goto('/search?q=zelenksy');
    await expect(results(page)).toHaveCount(0);
    const status = page.getByRole('status');
    await expect(status).toContainText('No results for “zelenksy”');
    await expect(status).toContainText('Did you mean zelenskyy?');
    await status.getByRole('link', { name: 'zelenskyy' }).click();
    await expect(page).toHaveURL(/\/search\?q=zelenskyy$/);
    await expect(results(page).first().getByRole('heading', { level: 2 }).getByRole('link')).toHaveAttribute('href', ARTICLE_PATH);
    // A known word, or one still being typed, is never "corrected".
    await page.goto('/search?q=zelensk');
    await expect(page.getByText('Did you mean')).toHaveCount(0);
    // The link keeps the filters.
    await page.goto('/search?q=parliment&section=politics');
    await expect(page.getByRole('status').getByRole('link', { name: 'parliament' })).toHaveAttribute('href', '/search?q=parliament&section=politics');
  });

  test('a very common word is matched whole: “the” never finds or marks “their”', async ({ page }) => {
    await page.goto('/search?q=the');
    await expect(results(page).first()).toBeVisible();
    const marked = await page.locator('.search-result mark').allInnerTexts();
    expect(marked.length).toBeGreaterThan(0);
    expect([...new Set(marked.map((text) => text.toLowerCase()))]).toEqual(['the']);
  });

  test('the “Did you mean” page passes axe in light and dark', async ({ browser }) => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ colorScheme });
      const page = await context.newPage();
      await page.goto('/search?q=zelenksy');
      await expect(page.getByText('Did you mean')).toBeVisible();
      await expectNoAccessibilityViolations(page);
      await context.close();
    }
  });

  test('an empty or blank query shows the form, not an error', async ({ page }) => {
    for (const url of ['/search', '/search?q=', '/search?q=%20%20%20', '/search?q=%22%22']) {
      const response = await page.goto(url);
      expect(response?.status(), url).toBe(200);
      await expect(page.getByRole('search', { name: 'Search articles' })).toBeVisible();
      await expect(results(page)).toHaveCount(0);
    }
  });

  test('is rendered per request and never cached for long', async ({ request }) => {
    const response = await request.get('/search?q=budget');
    expect(response.status()).toBe(200);
    const cacheControl = response.headers()['cache-control'] ?? '';
    expect(cacheControl).toMatch(/no-store|private|s-maxage=(\d{1,2}|[1-2]\d\d)\b/);
    expect(cacheControl).not.toMatch(/s-maxage=31536000|immutable/);
  });

  test('pages through results 20 at a time', async ({ page }) => {
    await page.goto('/search?q=archive+story');
    const total = await resultCount(page);
    expect(total).toBeGreaterThan(40);
    await expect(results(page)).toHaveCount(20);
    const pagination = page.getByRole('navigation', { name: 'Search result pages' });
    await pagination.getByRole('link', { name: 'Next →' }).click();
    await expect(page).toHaveURL(/\/search\?q=archive\+story&page=2$/);
    await expect(pagination.getByRole('link', { name: 'Page 2' })).toHaveAttribute('aria-current', 'page');
    await expect(results(page)).toHaveCount(20);
    await page.goto('/search?q=archive+story&page=3');
    await expect(results(page)).toHaveCount(total - 40);
    const response = await page.goto('/search?q=archive+story&page=99');
    expect(response?.status()).toBe(200);
    await expect(results(page)).toHaveCount(0);
  });

  test('filters by section and by date, from the form', async ({ page }) => {
    await page.goto('/search?q=zelenskyy');
    expect(await resultCount(page)).toBeGreaterThan(0);
    await page.getByLabel('Section', { exact: true }).selectOption({ label: 'Business' });
    await page.getByRole('search', { name: 'Search articles' }).getByRole('button', { name: 'Search' }).click();
    await expect(page).toHaveURL(/section=business/);
    await expect(page.getByRole('status')).toHaveText('No results for “zelenskyy” in Business.');

    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await page.goto(`/search?q=archive+story&from=${tomorrow}`);
    await expect(results(page)).toHaveCount(0);
    await page.goto('/search?q=archive+story&to=2000-01-01');
    await expect(results(page)).toHaveCount(0);
    await page.goto('/search?q=archive+story&section=politics&from=2000-01-01&to=2999-12-31');
    expect(await resultCount(page)).toBeGreaterThan(40);
  });

  test('never shows unpublished articles to readers; editors find them in the newsroom', async ({ page, browser }) => {
    await page.goto('/search?q=unpublished+story');
    await expect(page.getByRole('status')).toHaveText('No results for “unpublished story”.');
    const html = await page.content();
    for (const slug of Object.values(UNPUBLISHED_SLUGS)) expect(html).not.toContain(slug);

    const editor = await (await browser.newContext()).newPage();
    await signIn(editor, e2eUsers.editor);
    await editor.goto('/admin/articles?q=unpublished+stor');
    await expect(editor.locator('tbody tr')).toHaveCount(Object.keys(UNPUBLISHED_SLUGS).length);
    await editor.context().close();
  });

  test('any query text answers 200 with results or none, and markup in it or in articles stays text', async ({ page }) => {
    const hostile = [
      '"',
      '"unbalanced phrase',
      'a"b"c"',
      '*',
      'neg*',
      '(',
      ')',
      '(a OR b)',
      'NEAR(a b, 2)',
      'headline:x',
      ':',
      '^start',
      '-minus',
      'AND OR NOT',
      "'; DROP TABLE articles; --",
      '%_\\',
      '\u0000\u0007\u001b',
      '🙂',
      'x'.repeat(10_000),
      '<script>window.__xss="query"</script>',
    ];
    for (const q of hostile) {
      const response = await page.request.get(`/search?${new URLSearchParams({ q })}`);
      expect(response.status(), JSON.stringify(q.slice(0, 30))).toBe(200);
      expect(await response.text()).not.toContain('<script>window.__xss');
    }
    for (const raw of ['/search?q=%FF%FE', '/search?q=%', '/search?q=a&q=b&page=-1', '/search?page=abc&from=x&to=2026-02-31&section=%00']) {
      expect((await page.request.get(raw)).status(), raw).toBe(200);
    }

    // Markup in the query is text to look for (here it matches the article's own "<b>Markup</b>").
    await page.goto(`/search?${new URLSearchParams({ q: 'hostile <b>markup</b>' })}`);
    const hit = results(page).filter({ has: page.locator(`a[href$="/${HOSTILE_SLUG}"]`) });
    await expect(hit.getByRole('heading')).toContainText('<script>window.__xss = "headline"</script>');
    await expect(hit.locator('mark')).not.toHaveCount(0);
    await expect(hit.locator('b, script, img')).toHaveCount(0);
    await expect(page.getByRole('searchbox', { name: 'Words to find' })).toHaveValue('hostile <b>markup</b>');
    expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
  });

  test('passes an accessibility scan, light and dark', async ({ browser }) => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ colorScheme });
      const page = await context.newPage();
      await page.goto('/search?q=archive+story');
      await expectNoAccessibilityViolations(page);
      await page.goto('/search');
      await expectNoAccessibilityViolations(page);
      await context.close();
    }
  });
});
