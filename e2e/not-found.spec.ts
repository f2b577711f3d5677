import { expect, test } from '@playwright/test';
import { expectNoAccessibilityViolations } from './helpers';
import { UNPUBLISHED_SLUGS } from './site';

const missing = [
  '/no-such-section',
  '/politics/no-such-story',
  '/tags/no-such-tag',
  '/authors/no-such-author',
  '/politics/zelenskyy/extra/segments',
  ...Object.values(UNPUBLISHED_SLUGS).map((slug) => `/politics/${slug}`),
];

const badInput = [
  '/politics?page=0',
  '/politics?page=-1',
  '/politics?page=abc',
  '/politics?page=1e9',
  '/politics?page=2.5',
  '/politics?page=99999999999999999999',
  '/tags/europe?page=0',
  '/authors/amara-osei?page=-3',
  '/Politics',
  '/politics/' + 'a'.repeat(500),
  '/politics/%2e%2e%2fetc%2fpasswd',
  '/politics/%00',
  '/politics/%E2%80%AEevil',
  '/politics/caf%C3%A9',
  '/politics/%C3%28',
  '/%F0%9F%98%80',
  '/tags/%3Cscript%3E',
  '/authors/..%2F..%2F',
];

test.describe('missing things are missing', () => {
  for (const path of missing) {
    test(`404 for ${path}`, async ({ page }) => {
      const response = await page.goto(path);
      expect(response?.status()).toBe(404);
      await expect(page.locator('h1')).toHaveText('Page not found');
      await expect(page.getByRole('navigation', { name: 'Sections' })).toBeVisible();
    });
  }

  test('the 404 page is whole without JavaScript, for missing things and unknown URLs alike', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    for (const path of ['/politics/no-such-story', '/no-such-section', '/a/b/c/d/e', '/politics?page=99']) {
      expect((await page.goto(path))?.status()).toBe(404);
      await expect(page.locator('h1')).toHaveText('Page not found');
      await expect(page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Politics' })).toBeVisible();
      await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/);
    }
    await context.close();
  });

  test('the 404 page passes an accessibility scan', async ({ page }) => {
    await page.goto('/no-such-section');
    await expectNoAccessibilityViolations(page);
  });
});

test.describe('bad input never breaks a page', () => {
  for (const path of badInput) {
    test(`no 500 for ${path}`, async ({ request }) => {
      const status = (await request.get(path, { maxRedirects: 0 })).status();
      expect([200, 301, 308, 404]).toContain(status);
    });
  }

  test('repeated page keys give the first page or a 404, never an error', async ({ request }) => {
    for (const query of ['page=2&page=3', 'page=&page=2', 'page[]=2', 'page=1&page=1']) {
      expect([200, 404]).toContain((await request.get(`/politics?${query}`)).status());
    }
  });

  test('a page query of 1 shows the first page with the plain canonical URL', async ({ page }) => {
    expect((await page.goto('/politics?page=1'))?.status()).toBe(200);
    await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', /\/politics$/);
  });
});
