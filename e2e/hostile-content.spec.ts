import { expect, test } from '@playwright/test';
import { HOSTILE_SLUG } from './site';

test('markup typed into an article is shown as text or removed, and never runs', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const response = await page.goto(`/politics/${HOSTILE_SLUG}`);
  expect(response?.status()).toBe(200);
  await page.waitForLoadState('load');

  expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
  expect(dialogs).toEqual([]);

  // Text fields show the characters the editor typed.
  await expect(page.locator('h1')).toContainText('Hostile <b>Markup</b> Is Shown As Text <script>');
  await expect(page.locator('.article__summary')).toContainText('<img src=x onerror=');
  await expect(page.locator('.key-points li strong')).toHaveText('<em>Label</em>:');

  // Markdown fields keep only safe markup.
  const body = page.locator('.article__body');
  await expect(body.locator('script, iframe, img, [onclick], [style]')).toHaveCount(0);
  await expect(body.locator('a[href^="javascript:"]')).toHaveCount(0);
  await expect(body.getByRole('link', { name: 'good link' })).toHaveAttribute('href', 'https://example.org/story');
  await expect(body).toContainText('Paragraph with handlers');
  await expect(page.locator('.why-it-matters script')).toHaveCount(0);
  // The only scripts in the page body are the framework's and the view beacon; the structured data
  // (not run by the browser) holds the text with every < escaped, so it cannot close its script element.
  const inlineScripts = await page.locator('main script:not([src]):not([type="application/ld+json"])').allTextContents();
  expect(inlineScripts.filter((s) => s.includes('__xss'))).toEqual([]);
  const structuredData = await page.locator('script[type="application/ld+json"]').textContent();
  expect(structuredData).toContain('__xss');
  expect(structuredData).not.toMatch(/[<>]/);
});
