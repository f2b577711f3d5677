import { expect, test, type Page } from '@playwright/test';
import { expectNoAccessibilityViolations } from './helpers';
import { fillNewArticle, signIn, waitForHydration } from './newsroom-session';
import { e2eUsers } from './site';
import { shownAfter } from './eventually';

/**
 * Story types (lib/story-types.ts): an editor or writer chooses one in the editor; readers see it as a
 * kicker above the headline on the article and its teasers (none for news), opinion set apart from news;
 * the JSON-LD names the matching schema.org type; the newsroom's list filters by it.
 */

/** A seeded opinion piece (ops/seed-content/science.json). */
const SEEDED_OPINION = '/science/scientists-rally-against-plan-by-eu-capitals-to-cut-flagship-research-budget';

const slugOf = (headline: string) => headline.toLowerCase().replace(/[^a-z0-9]+/g, '-');

/** The schema.org type of the page's article node (the one whose @id ends in #article). */
async function articleSchemaType(page: Page): Promise<string> {
  const data = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? '') as { '@graph': { '@type': string; '@id'?: string }[] };
  return data['@graph'].find((node) => node['@id']?.endsWith('#article'))?.['@type'] ?? '(none)';
}

/** The teaser of a headline on a listing page. */
const teaserOf = (page: Page, headline: string) => page.locator('article.teaser', { has: page.getByRole('link', { name: headline, exact: true }) });

async function chooseType(page: Page, label: string) {
  const select = page.getByLabel('Story type');
  await waitForHydration(select);
  await select.selectOption({ label });
}

test.describe('story types', () => {
  test('an editor publishes an opinion piece: the kicker, the opinion styling and the JSON-LD follow the type, within a second of a change', async ({ page }) => {
    await signIn(page, e2eUsers.editor);
    const headline = `Why The Night Bus Trial Deserves A Second Year ${Date.now()}`;
    await fillNewArticle(page, headline, 'Science');
    await chooseType(page, 'Opinion');
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await expect(page.locator('.notice[role="status"]')).toHaveText('Published: it is live now.');
    await expect(page.getByLabel('Story type').locator('option:checked')).toHaveText('Opinion');

    const path = `/science/${slugOf(headline)}`;
    const reader = await page.context().browser()!.newPage();
    await reader.goto(path);
    await expect(reader.locator('.article__kicker')).toHaveText('Opinion');
    await expect(reader.locator('article.article')).toHaveClass(/article--opinion/);
    // The author's name leads, larger than a news byline's.
    const bylineSize = await reader.locator('.byline__authors').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(bylineSize).toBeGreaterThan(18);
    expect(await articleSchemaType(reader)).toBe('OpinionNewsArticle');

    // Its teaser on the section front: the kicker, and a tinted card unlike a news teaser's.
    await reader.goto('/science');
    const teaser = teaserOf(reader, headline);
    await expect(teaser.locator('.kicker')).toHaveText('Opinion');
    await expect(teaser).toHaveClass(/teaser--opinion/);
    const background = (locator: ReturnType<Page['locator']>) => locator.evaluate((el) => getComputedStyle(el).backgroundColor);
    const newsTeaser = reader.locator('article.teaser:not(.teaser--opinion)').first();
    await expect(newsTeaser.locator('.kicker')).toHaveCount(0);
    expect(await background(teaser)).not.toBe(await background(newsTeaser));
    // And on the front page, where the newest story is shown.
    await reader.goto('/');
    await expect(teaserOf(reader, headline).locator('.kicker')).toHaveText('Opinion');

    // Another type: every page that shows it changes within a second, and the JSON-LD with it.
    await chooseType(page, 'Analysis');
    await page.getByRole('button', { name: 'Update live article' }).click();
    await expect(page.locator('.notice[role="status"]')).toHaveText('Saved.');
    const hasKicker = (label: string) => (status: number, body: string) => status === 200 && body.includes(`kicker kicker--${label.toLowerCase()}`);
    await shownAfter(page, path, hasKicker('Analysis'));
    await shownAfter(page, '/science', hasKicker('Analysis'));
    await reader.goto(path);
    await expect(reader.locator('.article__kicker')).toHaveText('Analysis');
    await expect(reader.locator('article.article')).not.toHaveClass(/article--opinion/);
    expect(await articleSchemaType(reader)).toBe('AnalysisNewsArticle');

    // Back to news: no label at all.
    await chooseType(page, 'News');
    await page.getByRole('button', { name: 'Update live article' }).click();
    await expect(page.locator('.notice[role="status"]')).toHaveText('Saved.');
    await shownAfter(page, path, (status, body) => status === 200 && body.includes(headline) && !body.includes('article__kicker'));
    await reader.goto(path);
    expect(await articleSchemaType(reader)).toBe('NewsArticle');
    await reader.close();
  });

  test('the newsroom’s list filters by story type and shows each article’s type', async ({ page }) => {
    await signIn(page, e2eUsers.editor);
    await page.goto('/admin/articles');
    await page.getByLabel('Story type').selectOption({ label: 'Opinion' });
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect(page).toHaveURL(/[?&]type=opinion/);
    await expect(page.getByLabel('Story type')).toHaveValue('opinion');
    // The address changes as the filtered page starts to arrive: the rows are counted once it is all there
    // (a demo opinion piece listed), not from a table still streaming in.
    await expect(page.getByRole('link', { name: /^Scientists Rally Against Plan/ })).toBeVisible();
    const rows = page.locator('.data-table tbody tr');
    // The demo's two opinion pieces at least (other specs may add more), and nothing else.
    expect(await rows.count()).toBeGreaterThanOrEqual(2);
    const typeColumn = await page.locator('.data-table thead th').allTextContents();
    const typeIndex = typeColumn.indexOf('Type');
    expect(typeIndex).toBeGreaterThan(0);
    const types = await rows.locator(`td:nth-child(${typeIndex + 1})`).allTextContents();
    expect(new Set(types)).toEqual(new Set(['Opinion']));
    await expect(page.getByRole('link', { name: /^Zelenskyy Signals Readiness/ })).toHaveCount(0);

    // Every type has a demo article; a filter value that is no type is ignored, never an error.
    for (const type of ['analysis', 'explainer', 'interview', 'review', 'obituary']) {
      await page.goto(`/admin/articles?type=${type}`);
      expect(await rows.count(), type).toBeGreaterThanOrEqual(1);
    }
    const hostile = await page.goto('/admin/articles?type=%3Cscript%3Ealert(1)%3C%2Fscript%3E');
    expect(hostile?.status()).toBe(200);
    await expect(page.getByLabel('Story type')).toHaveValue('');
    await expectNoAccessibilityViolations(page);
  });

  test('a writer sets a type on their own draft', async ({ page }) => {
    await signIn(page, e2eUsers.writer);
    const headline = `What The Sodium Battery Results Mean ${Date.now()}`;
    await fillNewArticle(page, headline, 'Science');
    await chooseType(page, 'Explainer');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect(page).toHaveURL(/\/admin\/articles\/\d+\?done=save/);
    await page.reload();
    await expect(page.getByLabel('Story type').locator('option:checked')).toHaveText('Explainer');
    await page.goto('/admin/articles?type=explainer');
    await expect(page.getByRole('link', { name: headline })).toBeVisible();
  });

  test('a type that is not on the list, posted by hand, is refused next to the field with the text kept, never a 500', async ({ page }) => {
    await signIn(page, e2eUsers.editor);
    const headline = `Hand Made Story Type Request ${Date.now()}`;
    await fillNewArticle(page, headline, 'Science');
    const select = page.getByLabel('Story type');
    await waitForHydration(select);
    for (const hostile of ['editorial', '"><script>window.__xss=1</script>', 'x'.repeat(5_000)]) {
      // As a hand-made request would: the form posts a value the list does not offer.
      await select.evaluate((el, value) => {
        const option = (el as HTMLSelectElement).options[0]!;
        option.value = value;
        (el as HTMLSelectElement).selectedIndex = 0;
      }, hostile);
      const responses: number[] = [];
      page.on('response', (response) => responses.push(response.status()));
      await page.getByRole('button', { name: 'Save draft' }).click();
      await expect(page.locator('.notice[role="alert"]')).toContainText('Some fields need attention');
      await expect(page.locator('#type-error')).toHaveText('Choose a story type: News, Analysis, Opinion, Explainer, Interview, Review, Obituary.');
      await expect(select).toHaveAttribute('aria-invalid', 'true');
      await expect(page.getByLabel('Headline')).toHaveValue(headline);
      await expect(page.getByLabel('Body', { exact: true })).toHaveValue(/Second paragraph/);
      expect(responses.filter((status) => status >= 500)).toEqual([]);
      page.removeAllListeners('response');
    }
    expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
    // Nothing was saved: the article does not exist.
    await page.goto(`/admin/articles?q=${encodeURIComponent(headline)}`);
    await expect(page.getByRole('link', { name: headline })).toHaveCount(0);
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    test(`an opinion piece and the front showing it pass an accessibility scan (${colorScheme})`, async ({ browser }) => {
      const context = await browser.newContext({ colorScheme });
      const page = await context.newPage();
      await page.goto(SEEDED_OPINION);
      await expect(page.locator('.article__kicker')).toHaveText('Opinion');
      await expectNoAccessibilityViolations(page);
      await page.goto('/science');
      await expect(page.locator('.teaser--opinion').first()).toBeVisible();
      await expectNoAccessibilityViolations(page);
      // The related and trending lists carry the kicker too (the seeded review is in Culture's list).
      await page.goto('/culture');
      await expect(page.locator('.kicker--review').first()).toBeVisible();
      await expectNoAccessibilityViolations(page);
      await context.close();
    });
  }
});
