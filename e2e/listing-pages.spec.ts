import { expect, test } from '@playwright/test';
import { expectNoAccessibilityViolations, expectPageBasics } from './helpers';
import { msUntil, SHOWS_WITHIN_MS } from './eventually';
import { fillNewArticle, signIn } from './newsroom-session';
import { ARCHIVE_SIZE, countPublishedInSection, e2eUsers } from './site';

// Politics holds 7 demo stories plus the test archive and one hostile-markup story: three pages.
const POLITICS_TOTAL = 7 + ARCHIVE_SIZE + 1;

test.describe('section front', () => {
  test('lists the newest 20 first, with numbered pagination', async ({ page }) => {
    await page.goto('/politics');
    await expectPageBasics(page, { path: '/politics', title: 'Politics | CRBC News' });
    await expect(page.locator('h1')).toHaveText('Politics');
    const teasers = page.locator('.index-page__list .teaser');
    await expect(teasers).toHaveCount(20);
    const times = await teasers.locator('time').evaluateAll((els) => els.map((el) => el.getAttribute('datetime') ?? ''));
    expect(times).toEqual([...times].sort().reverse());

    const pagination = page.getByRole('navigation', { name: 'Politics pages' });
    await expect(pagination.getByRole('link', { name: 'Page 1' })).toHaveAttribute('aria-current', 'page');
    await expect(pagination.locator('a[rel="prev"]')).toHaveCount(0);
    await pagination.locator('a[rel="next"]').click();

    await expect(page).toHaveURL(/\/politics\?page=2$/);
    await expectPageBasics(page, { path: '/politics?page=2', title: 'Politics (page 2) | CRBC News' });
    await expect(teasers).toHaveCount(20);
    await expect(pagination.getByRole('link', { name: 'Page 2' })).toHaveAttribute('aria-current', 'page');
    await expect(pagination.locator('a[rel="prev"]')).toHaveAttribute('href', '/politics');
    await expect(pagination.locator('a[rel="next"]')).toHaveAttribute('href', '/politics?page=3');

    // The last page holds the rest. Other tests publish Politics stories while this runs, so the total is
    // read from the site's database next to the page, until the two agree.
    await expect
      .poll(async () => {
        const published = countPublishedInSection('politics');
        await page.goto('/politics?page=3');
        const shown = await teasers.count();
        return published >= POLITICS_TOTAL && shown === published - 40;
      })
      .toBe(true);
    await expect(pagination.locator('a[rel="next"]')).toHaveCount(0);
  });

  test('a page past the end is a 404', async ({ request }) => {
    expect((await request.get('/politics?page=4')).status()).toBe(404);
  });

  test('passes an accessibility scan, first and later pages', async ({ page }) => {
    await page.goto('/politics');
    await expectNoAccessibilityViolations(page);
    await page.goto('/politics?page=2');
    await expectNoAccessibilityViolations(page);
  });
});

test.describe('tag page', () => {
  test('lists the tagged stories across sections', async ({ page }) => {
    const response = await page.goto('/tags/europe');
    expect(response?.status()).toBe(200);
    await expectPageBasics(page, { path: '/tags/europe', title: 'Europe | CRBC News' });
    const sections = await page.locator('.teaser__section').allTextContents();
    expect(sections.length).toBeGreaterThan(2);
    expect(new Set(sections).size).toBeGreaterThan(1);
    await expectNoAccessibilityViolations(page);
  });

  test('paginates like a section', async ({ page }) => {
    await page.goto('/tags/test-archive?page=2');
    await expect(page.locator('h1')).toContainText('Test archive');
    await expect(page.getByRole('link', { name: 'Page 2' })).toHaveAttribute('aria-current', 'page');
  });
});

test.describe('a topic without a published story', () => {
  test('has no public page, is listed nowhere, and appears with its first published story and goes with its last', async ({ browser, request }) => {
    const stamp = Date.now();
    const topic = `Unreviewed Topic ${stamp}`;
    const tagPath = `/tags/unreviewed-topic-${stamp}`;
    const listed = async () => {
      const [index, sitemap] = await Promise.all([request.get('/tags'), request.get('/sitemaps/tags.xml')]);
      return (await index.text()).includes(tagPath) || (await sitemap.text()).includes(tagPath);
    };

    const writer = await (await browser.newContext()).newPage();
    await signIn(writer, e2eUsers.writer);
    const headline = `A Draft That Names A Secret Topic ${stamp}`;
    // Into Science, the test stories' section: a Politics story would change the Politics pages other specs count.
    await fillNewArticle(writer, headline, 'Science');
    await writer.getByLabel('Tags').fill(topic);
    await writer.getByRole('button', { name: 'Save draft' }).click();
    await expect(writer).toHaveURL(/\/admin\/articles\/\d+\?done=save/);
    const editUrl = writer.url().replace(/\?.*$/, '');

    for (const path of [tagPath, `${tagPath}?page=2`, `${tagPath.toUpperCase()}/`]) {
      const response = await request.get(path, { maxRedirects: 0 });
      expect(response.status(), path).toBe(404);
      expect(await response.text()).not.toContain(topic);
    }
    expect(await listed()).toBe(false);

    const editor = await (await browser.newContext()).newPage();
    await signIn(editor, e2eUsers.editor);
    await editor.goto(editUrl);
    await editor.getByRole('button', { name: 'Publish', exact: true }).click();
    await expect(editor.locator('.notice[role="status"]')).toHaveText('Published: it is live now.');
    await msUntil(request, tagPath, (status, body) => status === 200 && body.includes(headline));
    expect(await listed()).toBe(true);

    await editor.getByRole('button', { name: 'Unpublish' }).click();
    await editor.getByRole('dialog').getByRole('button', { name: 'Yes, unpublish' }).click();
    await expect(editor.locator('.notice[role="status"]')).toHaveText('Unpublished: readers can no longer see it.');
    await msUntil(request, tagPath, (status) => status === 404);
    await expect.poll(listed, { timeout: SHOWS_WITHIN_MS }).toBe(false);
    await writer.context().close();
    await editor.context().close();
  });
});

test.describe('author page', () => {
  test('shows the bio and the author’s stories', async ({ page }) => {
    const response = await page.goto('/authors/daniel-reyes');
    expect(response?.status()).toBe(200);
    await expectPageBasics(page, { path: '/authors/daniel-reyes', title: 'Daniel Reyes | CRBC News' });
    await expect(page.locator('.author-profile__title')).toHaveText('Diplomatic correspondent');
    await expect(page.locator('.author-profile__bio')).toContainText('diplomacy');
    await expect(page.locator('.teaser').first()).toBeVisible();
    await expectNoAccessibilityViolations(page);
  });

  test('paginates when an author has more than 20 stories', async ({ page }) => {
    await page.goto('/authors/amara-osei');
    await expect(page.getByRole('link', { name: 'Page 2' })).toBeVisible();
    await page.goto('/authors/amara-osei?page=2');
    await expect(page.getByRole('link', { name: 'Page 2' })).toHaveAttribute('aria-current', 'page');
  });
});

test.describe('topic and journalist indexes', () => {
  test('list every topic in use and every journalist, linking to their pages', async ({ page }) => {
    await page.goto('/tags');
    await expectPageBasics(page, { path: '/tags', title: 'Topics | CRBC News' });
    await expect(page.locator('.name-index a', { hasText: /^Europe$/ })).toHaveAttribute('href', '/tags/europe');
    await expect(page.locator('.name-index li', { hasText: /^Europe \d/ })).toHaveText(/^Europe \d+ stories$/);
    await expectNoAccessibilityViolations(page);

    await page.goto('/authors');
    await expectPageBasics(page, { path: '/authors', title: 'Our journalists | CRBC News' });
    await expect(page.locator('.name-index li')).toHaveCount(8);
    await page.getByRole('link', { name: 'Sofía Marín' }).click();
    await expect(page).toHaveURL(/\/authors\/sofia-marin$/);
    // The URL changes when the new page starts to arrive: scan it once it is there, not half-parsed.
    await expect(page.locator('h1')).toHaveText('Sofía Marín');
    await expectNoAccessibilityViolations(page);
  });
});
