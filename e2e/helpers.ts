import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { e2eBaseUrl } from './site';

export const ARTICLE_PATH = '/politics/zelenskyy-signals-readiness-to-trade-nato-bid-for-security-guarantees';

/** A reader's browser: not headless in its user agent, so its views count like a person's. */
export const READER_USER_AGENT =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36';

/** Zero axe-core violations against WCAG 2.x A and AA rules. */
export async function expectNoAccessibilityViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary).toEqual([]);
}

/** The head and landmark basics every reader page must have. */
export async function expectPageBasics(page: Page, { path, title }: { path: string; title: RegExp | string }) {
  await expect(page).toHaveTitle(title);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  // Next writes the front page's canonical URL without its trailing slash; both name the same page.
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', path === '/' ? e2eBaseUrl : `${e2eBaseUrl}${path}`);
  await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', /.{20,}/);
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', /max-image-preview:large/);
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', /\S/);
  await expect(page.locator('h1')).toHaveCount(1);
  await expect(page.locator('main#main')).toHaveCount(1);
  await expect(page.locator('header nav[aria-label="Sections"]')).toBeVisible();
  await expect(page.locator('footer')).toBeVisible();
}

/** The skip link is the first thing the keyboard reaches, and it moves focus to the main content. */
export async function expectWorkingSkipLink(page: Page) {
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#main$/);
}
