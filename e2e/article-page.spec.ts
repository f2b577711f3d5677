import { expect, test } from '@playwright/test';
import { ARTICLE_PATH, expectNoAccessibilityViolations, expectPageBasics } from './helpers';

test.describe('article page', () => {
  test('shows every part of the story in reading order', async ({ page }) => {
    const response = await page.goto(ARTICLE_PATH);
    expect(response?.status()).toBe(200);
    await expectPageBasics(page, { path: ARTICLE_PATH, title: /^Zelenskyy Signals Readiness .* \| CRBC News$/ });
    await expect(page.locator('meta[property="og:type"]')).toHaveAttribute('content', 'article');

    const article = page.locator('article.article');
    const breadcrumb = page.getByRole('navigation', { name: 'Breadcrumb' });
    await expect(breadcrumb.getByRole('link')).toHaveText(['Home', 'Politics']);
    await expect(article.locator('h1')).toHaveText(/^Zelenskyy Signals Readiness To Trade NATO Bid/);
    await expect(article.locator('.article__summary')).toContainText('Ukraine has indicated it may offer concessions');

    const byline = article.locator('.byline');
    await expect(byline.getByRole('link', { name: 'Daniel Reyes' })).toHaveAttribute('href', '/authors/daniel-reyes');
    await expect(byline.locator('time').first()).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\dT\d\d:\d\d/);
    await expect(byline.locator('time').first()).toHaveText(/\d{1,2} \w{3} \d{4}, \d\d:\d\d (GMT|BST|UTC)/);

    const hero = article.locator('figure.hero');
    await expect(hero.locator('img')).toHaveAttribute('alt', /\S{5,}/);
    // The widest file's size reserves the box; every width is offered, a phone-sized one first.
    await expect(hero.locator('img')).toHaveAttribute('width', '1600');
    await expect(hero.locator('img')).toHaveAttribute('height', '900');
    await expect(hero.locator('img')).toHaveAttribute('srcset', /^\/media\/[a-z0-9]{10}-480\.webp 480w, \S+-960\.webp 960w, \S+-1600\.webp 1600w$/);
    await expect(hero.locator('figcaption')).toContainText('CRBC News graphics');
    expect((await page.request.get((await hero.locator('img').getAttribute('src')) ?? '')).headers()['content-type']).toBe('image/webp');

    await expect(article.locator('.article__body p').first()).toContainText('Ukraine indicated it may offer significant concessions');

    const keyPoints = article.getByRole('region', { name: 'Key Proposals' });
    await expect(keyPoints.locator('li')).toHaveCount(3);
    await expect(keyPoints.locator('li strong').first()).toHaveText('Security Guarantees Instead Of NATO:');

    const why = article.getByRole('region', { name: 'Why This Matters' });
    await expect(why).toContainText('significant diplomatic concession');
    await expect(article.getByRole('complementary', { name: 'Context' })).toContainText('proposals or ideas rather than finalized policy');

    await expect(page.getByRole('navigation', { name: 'Topics' }).getByRole('link', { name: 'NATO' })).toHaveAttribute('href', '/tags/nato');
    const related = article.getByRole('region', { name: 'Related Articles' });
    expect(await related.locator('li').count()).toBeGreaterThanOrEqual(3);
    await expect(related.locator(`a[href="${ARTICLE_PATH}"]`)).toHaveCount(0);
    await expect(page.getByRole('complementary', { name: 'Trending' }).locator('ol li')).toHaveCount(8);
  });

  test('shows public corrections with their dates', async ({ page }) => {
    await page.goto('/politics/lobbying-inquiry-to-examine-ministers-meetings-with-energy-companies');
    const corrections = page.getByRole('region', { name: /Corrections?/ });
    await expect(corrections.locator('li')).toHaveCount(1);
    await expect(corrections.locator('li time')).toHaveAttribute('datetime', /^\d{4}-/);
  });

  test('reads completely with JavaScript off', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(ARTICLE_PATH);
    await expect(page.locator('h1')).toBeVisible();
    await expect(page.locator('.article__body p')).not.toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Key Proposals' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Why This Matters' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Related Articles' }).locator('a').first()).toBeVisible();
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'World' }).click();
    await expect(page).toHaveURL(/\/world$/);
    await expect(page.locator('h1')).toHaveText('World');
    await context.close();
  });

  // A phone fetches a file its screen can show (never the widest, at any density), a desktop one as sharp as its layout needs.
  const phone = { viewport: { width: 390, height: 844 }, isMobile: true };
  const desktop = { viewport: { width: 1280, height: 800 }, isMobile: false };
  for (const { name, device, widest } of [
    { name: 'phone, 3x', device: { ...phone, deviceScaleFactor: 3 }, widest: false },
    { name: 'phone, 2x', device: { ...phone, deviceScaleFactor: 2 }, widest: false },
    { name: 'desktop, 1x', device: { ...desktop, deviceScaleFactor: 1 }, widest: false },
    { name: 'desktop, 2x', device: { ...desktop, deviceScaleFactor: 2 }, widest: true },
  ]) {
    test(`the hero image is fetched at a width that suits the screen: ${name}`, async ({ browser }) => {
      // A context of its own: Chromium would reuse a wider file it already holds.
      const context = await browser.newContext(device);
      const page = await context.newPage();
      await page.goto(ARTICLE_PATH);
      const hero = page.locator('figure.hero img');
      await expect.poll(() => hero.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
      const { shown, chosen, widths } = await hero.evaluate((img: HTMLImageElement) => ({
        shown: img.getBoundingClientRect().width,
        chosen: Number(/-(\d+)\.webp$/.exec(img.currentSrc)?.[1]),
        widths: img.srcset.split(', ').map((candidate) => Number(candidate.split(' ')[1]?.replace('w', ''))),
      }));
      expect(widths).toEqual([480, 960, 1600]);
      // As many pixels across as the screen shows it with, up to twice its CSS width (beyond that an eye tells no difference).
      expect(chosen).toBeGreaterThanOrEqual(shown * Math.min(device.deviceScaleFactor, 2));
      expect(chosen === 1600, `${chosen} chosen for ${shown} CSS pixels at ${device.deviceScaleFactor}x`).toBe(widest);
      await context.close();
    });
  }

  test('a story asked for under the wrong section redirects permanently to its real address', async ({ request }) => {
    const response = await request.get(ARTICLE_PATH.replace('/politics/', '/world/'), { maxRedirects: 0 });
    expect(response.status()).toBe(301);
    expect(response.headers()['location']).toBe(ARTICLE_PATH);
  });

  test('passes an accessibility scan', async ({ page }) => {
    await page.goto(ARTICLE_PATH);
    await expectNoAccessibilityViolations(page);
  });

  test('passes an accessibility scan in dark mode', async ({ browser }) => {
    const context = await browser.newContext({ colorScheme: 'dark' });
    const page = await context.newPage();
    await page.goto(ARTICLE_PATH);
    await expectNoAccessibilityViolations(page);
    await context.close();
  });
});
