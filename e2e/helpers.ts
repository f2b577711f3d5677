import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { e2eBaseUrl } from './site';

export const ARTICLE_PATH = '/politics/zelenskyy-signals-readiness-to-trade-nato-bid-for-security-guarantees';

/** A reader's browser: not headless in its user agent, so its views count like a person's. */
export const READER_USER_AGENT =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36';

/**
 * Zero axe-core violations against WCAG 2.x A and AA rules.
 * Next streams a page's metadata, so after a client-side navigation the old <title> is gone before the new
 * one arrives; scanning in that moment reports a missing title that no reader sees. Wait for a title first:
 * a page that never gets one still fails here.
 */
export async function expectNoAccessibilityViolations(page: Page): Promise<void> {
  await expect(page, 'the page has a title before it is scanned').toHaveTitle(/\S/);
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

const repositoryRoot = path.resolve(import.meta.dirname, '..');
const literally = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));

/**
 * What an answer shows of the server's insides: a stack frame, an error's name, SQL or a database message,
 * a build folder, or the path of the repository or of `folders` (data folders). Each with its context.
 */
export function leaksIn(text: string, folders: readonly string[] = []): string[] {
  const leaks: [string, RegExp][] = [
    ['a stack frame', /\bat (?:async )?[\w$.<>[\]]+ \([^)\n]*:\d+:\d+\)|\bat (?:file:\/\/|node:|\/)[^\s)]*:\d+:\d+/],
    ['an error name', /\b\w*Error:/],
    ['node_modules', /node_modules/],
    ['a database message', /SQLITE_\w+|SqliteError|no such (?:table|column)/],
    ['SQL', /\b(?:SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM)\b/],
    ['a build folder', /\.next(?:-\w+)?\/(?:server|cache)|webpack-internal/],
    ...[repositoryRoot, ...folders].map((folder): [string, RegExp] => [`the folder ${folder}`, literally(folder)]),
  ];
  return leaks.flatMap(([what, pattern]) => {
    const match = pattern.exec(text);
    return match ? [`shows ${what}: …${text.slice(Math.max(0, match.index - 40), match.index + 80)}…`] : [];
  });
}
