import { expect, test } from '@playwright/test';
import { expectNoAccessibilityViolations, expectPageBasics, expectWorkingSkipLink } from './helpers';

test.describe('front page', () => {
  test('shows the lead story, top stories, a block per section and trending', async ({ page }) => {
    const response = await page.goto('/');
    expect(response?.status()).toBe(200);
    await expectPageBasics(page, { path: '/', title: 'CRBC News: the latest news' });

    const lead = page.locator('.teaser--lead');
    await expect(lead.locator('h2 a')).toHaveAttribute('href', /^\/[a-z-]+\/[a-z0-9-]+$/);
    await expect(lead.locator('.teaser__summary')).not.toBeEmpty();
    await expect(lead.locator('time')).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\dT/);
    await expect(page.getByRole('region', { name: 'Top stories' }).locator('.teaser')).toHaveCount(7);

    for (const section of ['Politics', 'World', 'Business', 'Technology', 'Science', 'Climate', 'Health', 'Culture']) {
      const block = page.getByRole('region', { name: section, exact: true });
      await expect(block.getByRole('heading', { level: 2 })).toHaveText(section);
      expect(await block.locator('.teaser').count()).toBeGreaterThan(0);
    }
    await expect(page.getByRole('complementary', { name: 'Trending' }).locator('ol li')).toHaveCount(8);
  });

  test('has no draft, scheduled, archived or in-review story', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByText(/Unpublished (draft|review|scheduled|archived) story/)).toHaveCount(0);
  });

  test('navigation works from the keyboard, starting with the skip link', async ({ page }) => {
    await page.goto('/');
    await expectWorkingSkipLink(page);
  });

  test('passes an accessibility scan', async ({ page }) => {
    await page.goto('/');
    await expectNoAccessibilityViolations(page);
  });

  test('is served from the page cache with a CDN-friendly Cache-Control', async ({ request }) => {
    const response = await request.get('/');
    expect(response.headers()['cache-control']).toMatch(/s-maxage=\d+/);
    expect(response.headers()['cache-control']).toMatch(/stale-while-revalidate/);
    // Other tests publish while this runs, and each publish re-renders the front page once: the next
    // request after one may be that render (MISS). A page that is never served from the cache fails.
    await expect
      .poll(async () => (await request.get('/')).headers()['x-nextjs-cache'], { intervals: [100, 250, 500] })
      .toMatch(/HIT|STALE/);
  });
});
