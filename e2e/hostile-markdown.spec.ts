import { expect, request as playwrightRequest, test } from '@playwright/test';
import { ARTICLE_PATH } from './helpers';
import { fillNewArticle, signIn, waitForHydration } from './newsroom-session';
import { e2eBaseUrl, e2eUsers } from './site';

// Bodies that froze or crashed the site when Markdown was rendered with marked: '_a' x 30,000 held the
// server's only thread for 12.6 s; 2,000 nested '>' or 3,000 '- ' overflowed the stack (a 500).
const HOSTILE_BODIES = {
  "'_a' x 50,000": '_a'.repeat(50_000),
  "'*a' x 50,000": '*a'.repeat(50_000),
  "'[' x 100,000": '['.repeat(100_000),
  "2,000 nested '>'": `${'> '.repeat(2_000)}deep`,
  "3,000 nested '- '": `${'- '.repeat(3_000)}deep`,
};
// Refused by the renderer's work or nesting limit, or cut off by the preview's time budget (on a busy
// machine that can come first): either way the preview answers at once, as plain text.
const REFUSED = /too many formatting marks|nest at most 20 levels|took too long/;

test.describe('hostile Markdown', () => {
  test('readers keep being answered while a writer previews bodies that used to freeze the server', async ({ browser }) => {
    const writer = await (await browser.newContext()).newPage();
    await signIn(writer, e2eUsers.writer);
    await writer.goto('/admin/articles/new');
    const show = writer.getByRole('button', { name: 'Show preview' });
    await waitForHydration(show);
    await show.click();
    const preview = writer.getByRole('region', { name: 'Body preview' });

    // A reader asks for pages the whole time: a cached article and a search, which renders per request.
    const reader = await playwrightRequest.newContext({ baseURL: e2eBaseUrl });
    const answers: { path: string; status: number; ms: number }[] = [];
    let previewing = true;
    const reading = (async () => {
      for (let i = 0; previewing; i++) {
        const path = i % 2 === 0 ? ARTICLE_PATH : `/search?q=budget+${i}`;
        const started = Date.now();
        const response = await reader.get(path);
        answers.push({ path, status: response.status(), ms: Date.now() - started });
      }
    })();

    try {
      for (const [name, body] of Object.entries(HOSTILE_BODIES)) {
        await writer.getByLabel('Body', { exact: true }).fill(body);
        await expect(preview.locator('strong').first(), name).toHaveText(REFUSED, { timeout: 10_000 });
        // The refused text is still shown, as plain text.
        await expect(preview.locator('p').nth(1), name).toContainText(body.slice(0, 40));
      }
    } finally {
      previewing = false;
      await reading;
      await reader.dispose();
    }

    expect(answers.length).toBeGreaterThan(5);
    expect(answers.filter((answer) => answer.status !== 200)).toEqual([]);
    // With marked, a reader waited as long as the render: 12.6 s for one body. The renderer's work limit
    // (asserted exactly in lib/markdown.test.ts) is what keeps it short now; here the slowest answer is
    // printed, and only a wait as long as that old freeze fails, since a shared, busy test machine can
    // hold any request up for a second or more.
    const slowest = Math.max(...answers.map((answer) => answer.ms));
    console.log(`hostile previews: ${answers.length} reader answers, the slowest after ${slowest} ms`);
    expect(slowest, JSON.stringify(answers)).toBeLessThan(10_000);
  });

  test('saving a body nested too deep is refused with the reason next to the field, and the text is kept', async ({ page }) => {
    await signIn(page, e2eUsers.writer);
    await fillNewArticle(page, `Hostile Markdown Is Refused ${Date.now()}`);
    const body = HOSTILE_BODIES["2,000 nested '>'"];
    const why = '_a'.repeat(10_000); // the field takes 20,000 characters
    await page.getByLabel('Body', { exact: true }).fill(body);
    await page.getByLabel('Why it matters').fill(why);
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect(page.locator('#body-error')).toHaveText(
      'Quotes and lists can nest at most 20 levels deep: remove some of the > or - at the start of the deepest lines.',
    );
    await expect(page.locator('#whyItMatters-error')).toContainText('too many formatting marks');
    await expect(page.getByLabel('Body', { exact: true })).toHaveValue(body);
    await expect(page.getByLabel('Why it matters')).toHaveValue(why);
    expect(page.url()).toMatch(/\/admin\/articles\/new/);
  });
});
