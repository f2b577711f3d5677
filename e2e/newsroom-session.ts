import { expect, type Locator, type Page, type Request } from '@playwright/test';

/** Newsroom steps the specs share. */

/**
 * Signs in. The body is edited as a browser that chose "Markdown" edits it (its textarea): the specs written
 * before the visual editor type Markdown into the body, and keep their meaning. e2e/visual-editor.spec.ts
 * passes `bodyMode: 'visual'`. Set once per browser context, as the editor remembers it: a switch made
 * in a test stays.
 */
export async function signIn(page: Page, account: { email: string; password: string }, { bodyMode = 'markdown' }: { bodyMode?: 'markdown' | 'visual' } = {}) {
  await page.context().addInitScript((mode) => {
    // Every document of the context runs this, about:blank too, whose storage a browser refuses.
    if (location.protocol !== 'http:' && location.protocol !== 'https:') return;
    if (!localStorage.getItem('newsroom.bodyMode')) localStorage.setItem('newsroom.bodyMode', mode);
  }, bodyMode);
  await page.goto('/admin/login');
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
}

/** Fills the new-article form with a complete Politics story by Amara Osei, tagged Elections and City Hall. */
/**
 * A new article's form, filled in. Specs written since the newsroom's first ones file into Science: the Politics
 * front's pages and budgets are measured by other specs running beside them, and must not fill up.
 */
export async function fillNewArticle(page: Page, headline: string, section: 'Politics' | 'Science' = 'Politics') {
  await page.goto('/admin/articles/new');
  // Typed into before hydration, the form is not React's yet: a submit click then posts it natively and
  // the answer is a fresh, unhydrated page, where hydration puts a non-empty textarea typed into next
  // back to the server's text. Everything after this starts from a hydrated editor (with JavaScript on:
  // Next's inline scripts define __next_f only where scripts run).
  if (await page.evaluate(() => '__next_f' in self)) await waitForHydration(page.getByLabel('Section'));
  await page.getByLabel('Headline').fill(headline);
  await page.getByLabel('Summary').fill(`${headline}: the summary a reader sees first.`);
  await page.getByLabel('Body', { exact: true }).fill('First paragraph of the story.\n\nSecond paragraph, with **bold** words.');
  await page.getByLabel('Block title').fill('What We Know');
  await page.getByLabel('Key point 1 label').fill('The Vote');
  await page.getByLabel('Key point 1 text').fill('It passed by a narrow margin.');
  await page.getByLabel('Why it matters').fill('It changes how the city is run.');
  await page.getByLabel('Section').selectOption({ label: section });
  await page.getByLabel('Author 1').selectOption({ label: 'Amara Osei' });
  await page.getByLabel('Tags').fill('Elections, City Hall');
}

/**
 * Waits until React has hydrated this element. A choice made in a form before hydration can be undone by
 * it (React sets an uncontrolled select back to its default value), which is what a slow machine shows.
 */
export async function waitForHydration(element: Locator): Promise<void> {
  await expect
    .poll(() => element.evaluate((node) => Object.keys(node).some((key) => key.startsWith('__reactFiber'))), { timeout: 10_000 })
    .toBe(true);
}

/** A newsroom form posted by its server action (a multipart form), not a search or heartbeat action. */
const isFormPost = (request: Request) =>
  request.method() === 'POST' && !!request.headers()['next-action'] && (request.headers()['content-type'] ?? '').startsWith('multipart/form-data');

/**
 * Holds the answer to the next form the page posts (a server action carrying a multipart form) until
 * `release` is called, as a slow network would: the newsroom's forms are checked while it is on its way.
 */
export async function holdNextFormPost(page: Page, url: string | RegExp): Promise<{ sent: Promise<Request>; release: () => void }> {
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  let held = false;
  await page.route(url, async (route) => {
    if (!held && isFormPost(route.request())) {
      held = true;
      await released;
    }
    await route.fallback();
  });
  return { sent: page.waitForRequest(isFormPost), release };
}
