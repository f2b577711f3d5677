import net from 'node:net';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { startWebhookReceiver, type ReceivedWebhook, type WebhookReceiver } from '../test/support/webhook-receiver';
import { expectNoAccessibilityViolations } from './helpers';
import { startIsolatedSite, type IsolatedSite } from './isolated-site';
import { fillNewArticle, signIn, waitForHydration } from './newsroom-session';
import { e2eUsers } from './site';

/**
 * Webhooks (issue 19), end to end: an admin adds an endpoint at /admin/webhooks pointing at a real receiver
 * on loopback (the site runs with WEBHOOKS_ALLOW_PRIVATE=1, the admin-only setting, and a short retry
 * schedule); newsroom changes made in Chromium each reach it once, signed; a failing receiver gets
 * retries, also across a restart of the site, and exactly one successful delivery.
 *
 * A server of its own (a copy of the test database and build): its endpoints and stories never reach the
 * site the other specs read. Its port is one the system hands out (E2E_PORT..+4 are all taken by other
 * specs that may run beside this one, and Chromium here reaches only 127.0.0.1 and localhost).
 */

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

test.describe.configure({ mode: 'serial' });

let site: IsolatedSite;
let receiver: WebhookReceiver;
let secret = '';
let endpointPath = '';

test.beforeAll(async () => {
  test.setTimeout(180_000);
  receiver = await startWebhookReceiver();
  site = await startIsolatedSite(await freePort(), 'news-webhooks-', {
    env: { WEBHOOKS_ALLOW_PRIVATE: '1', WEBHOOKS_RETRY_SCHEDULE_MS: Array(60).fill('400').join(','), WEBHOOKS_POLL_MS: '200' },
  });
});

test.afterAll(async () => {
  await site?.stop();
  await receiver?.close();
});

async function signedIn(browser: Browser, account: { email: string; password: string }, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const page = await (await browser.newContext({ baseURL: site.url, colorScheme })).newPage();
  await signIn(page, account);
  return page;
}

const slugOf = (headline: string) => headline.toLowerCase().replace(/[^a-z0-9]+/g, '-');
const status = (page: Page) => page.locator('.notice[role="status"]');
/** Waits until the receiver has `count` deliveries, then a little longer to see that no more come. */
async function receivedExactly(count: number): Promise<ReceivedWebhook[]> {
  await expect.poll(() => receiver.received.length, { timeout: 10_000, intervals: [100] }).toBeGreaterThanOrEqual(count);
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  return receiver.received.slice();
}

test('an admin adds an endpoint and sees its signing secret once; writers and editors cannot open the page', async ({ browser }) => {
  for (const account of [e2eUsers.writer, e2eUsers.editor]) {
    const page = await signedIn(browser, account);
    await expect(page.getByRole('navigation', { name: 'Newsroom' }).getByRole('link', { name: 'Webhooks' })).toHaveCount(0);
    await page.goto('/admin/webhooks');
    await expect(page).toHaveURL(/\/admin\?denied=1$/);
    await page.context().close();
  }

  const page = await signedIn(browser, e2eUsers.admin);
  await page.getByRole('navigation', { name: 'Newsroom' }).getByRole('link', { name: 'Webhooks' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Webhooks' })).toBeVisible();
  const add = page.getByRole('button', { name: 'Add endpoint' });
  await waitForHydration(add);
  // A URL no receiver may have is refused next to its field, with the text kept.
  await page.getByLabel('Name').fill('Newsletter tool');
  await page.getByLabel('URL').fill('ftp://127.0.0.1/hooks');
  await add.click();
  await expect(page.locator('#new-endpoint-url-error')).toHaveText('Only http:// and https:// addresses can receive webhooks.');
  await expect(page.getByLabel('Name')).toHaveValue('Newsletter tool');

  await page.getByLabel('URL').fill(receiver.url);
  await add.click();
  await expect(status(page)).toContainText('Endpoint “Newsletter tool” added');
  secret = (await page.locator('.one-time-password code').textContent()) ?? '';
  expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
  await expectNoAccessibilityViolations(page);

  // Shown once: neither the list nor the endpoint's page carries it afterwards.
  await page.reload();
  expect(await page.content()).not.toContain(secret);
  await page.getByRole('link', { name: 'Newsletter tool' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Webhook: Newsletter tool' })).toBeVisible();
  endpointPath = new URL(page.url()).pathname;
  expect(await page.content()).not.toContain(secret);
  await expect(page.getByText('No deliveries yet')).toBeVisible();
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await expectNoAccessibilityViolations(page);
  }
  await page.context().close();
});

test('publishing, updating, posting a live update, saving a front, unpublishing and trashing each deliver one signed event', async ({ browser }) => {
  test.setTimeout(120_000);
  expect(secret).not.toBe('');
  const page = await signedIn(browser, e2eUsers.admin);
  const headline = `Observatory Finds A Comet Heading Inward ${Date.now()}`;
  const before = receiver.received.length;

  await fillNewArticle(page, headline, 'Science');
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(status(page)).toHaveText('Published: it is live now.');
  const editUrl = page.url().replace(/\?.*$/, '');
  const id = Number(/\/admin\/articles\/(\d+)/.exec(editUrl)?.[1]);
  await receivedExactly(before + 1);

  await page.getByLabel('Headline').fill(`${headline} (Updated)`);
  await page.getByRole('button', { name: 'Update live article' }).click();
  await expect(status(page)).toHaveText('Saved.');
  await receivedExactly(before + 2);

  await page.getByRole('button', { name: 'Make this a live blog' }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/articles/${id}/live$`));
  const post = page.getByRole('button', { name: 'Post', exact: true });
  await waitForHydration(post);
  await page.getByLabel('Update (Markdown)').fill('The comet is visible after dusk.');
  await post.click();
  await expect(status(page)).toHaveText('Posted: readers see it now.');
  await receivedExactly(before + 3);

  await page.goto('/admin/front?front=science');
  const save = page.getByRole('button', { name: 'Save front' }).first();
  await waitForHydration(save);
  await save.click();
  await expect(status(page).first()).toContainText('Saved.');
  await receivedExactly(before + 4);

  await page.goto(editUrl);
  await page.getByRole('button', { name: 'Unpublish' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Yes, unpublish' }).click();
  await expect(status(page)).toHaveText('Unpublished: readers can no longer see it.');
  await receivedExactly(before + 5);

  await page.getByRole('button', { name: 'Move to trash' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Yes, move to trash' }).click();
  await expect(page).toHaveURL(/trash=1/);
  const all = (await receivedExactly(before + 6)).slice(before);

  expect(all.map((d) => d.type)).toEqual(['article.published', 'article.updated', 'live_update.posted', 'front.changed', 'article.unpublished', 'article.trashed']);
  expect(new Set(all.map((d) => d.id)).size).toBe(6);
  for (const delivery of all) expect(receiver.verifies(delivery, secret), `${delivery.type} verifies`).toBe(true);
  const bodies = all.map((d) => JSON.parse(d.body) as { data: Record<string, unknown> });
  expect(bodies[0]!.data).toMatchObject({ id, headline, section: 'science', url: `${site.url}/science/${slugOf(headline)}` });
  expect(bodies[1]!.data).toMatchObject({ id, headline: `${headline} (Updated)` });
  expect(bodies[3]!.data).toEqual({ front: 'science', url: `${site.url}/science` });
  expect(bodies[5]!.data).toMatchObject({ id, status: 'trashed' });
  await page.context().close();
});

test('a failing receiver gets retries; after a restart mid-retry it gets the event exactly once; the log shows it and replays it', async ({ browser }) => {
  test.setTimeout(150_000);
  const page = await signedIn(browser, e2eUsers.admin);
  receiver.status = 500;
  const headline = `Rover Sends Back Its First Core Sample ${Date.now()}`;
  await fillNewArticle(page, headline, 'Science');
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(status(page)).toHaveText('Published: it is live now.');
  const isOurs = (d: ReceivedWebhook) => d.type === 'article.published' && d.body.includes(slugOf(headline));
  // Retried on the short schedule while the receiver fails.
  await expect.poll(() => receiver.received.filter(isOurs).length, { timeout: 15_000, intervals: [100] }).toBeGreaterThanOrEqual(2);
  const messageId = receiver.received.find(isOurs)!.id;

  // The site goes down mid-retry; the receiver recovers meanwhile; the site comes back.
  await site.restart();
  const failedBefore = receiver.received.filter(isOurs).length;
  receiver.status = 200;
  await expect.poll(() => receiver.received.filter((d) => isOurs(d) && d.answered === 200).length, { timeout: 20_000, intervals: [100] }).toBe(1);
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const ours = receiver.received.filter(isOurs);
  expect(ours.filter((d) => d.answered === 200)).toHaveLength(1);
  expect(ours.length).toBe(failedBefore + 1);
  expect(new Set(ours.map((d) => d.id))).toEqual(new Set([messageId]));
  for (const delivery of ours) expect(receiver.verifies(delivery, secret)).toBe(true);

  // The admin reads the attempts in the log, and replays the delivery: the same webhook-id again.
  await page.goto(endpointPath);
  const delivery = page.locator('.webhook-log__delivery').filter({ hasText: messageId }).first();
  await expect(delivery.getByRole('heading')).toContainText('article.published — Delivered');
  await expect(delivery.getByRole('cell', { name: 'HTTP 500' }).first()).toBeVisible();
  await expect(delivery.getByRole('cell', { name: 'HTTP 200' })).toHaveCount(1);
  await delivery.getByText('Body sent').click();
  await expect(delivery.locator('.webhook-log__payload')).toContainText(headline);
  const replay = delivery.getByRole('button', { name: /^Replay delivery/ });
  await waitForHydration(replay);
  await replay.click();
  await expect(page.locator('.notice[role="status"]').filter({ hasText: 'Queued again' })).toBeVisible();
  await expect.poll(() => receiver.received.filter((d) => d.id === messageId && d.answered === 200).length, { timeout: 10_000, intervals: [100] }).toBe(2);
  await page.context().close();
});
