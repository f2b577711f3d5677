import { expect, test } from '@playwright/test';
import { ARTICLE_PATH, READER_USER_AGENT } from './helpers';

const trendingLinks = (html: string) =>
  [...(html.split('id="trending-title"')[1] ?? '').matchAll(/<a href="([^"]+)"/g)].map((m) => m[1]).slice(0, 8);

test('the page sends one view beacon after it loads, with no cookie', async ({ browser }) => {
  const context = await browser.newContext({ userAgent: READER_USER_AGENT });
  const page = await context.newPage();
  const beacons: { body: string | null; cookie?: string }[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/api/views')) beacons.push({ body: request.postData(), cookie: request.headers()['cookie'] });
  });
  await page.goto(ARTICLE_PATH);
  await page.waitForLoadState('load');
  await expect.poll(() => beacons.length).toBe(1);
  expect(beacons[0]?.body).toMatch(/^\d+$/);
  expect(beacons[0]?.cookie).toBeUndefined();
  expect((await context.cookies()).length).toBe(0);
  await page.waitForTimeout(500);
  expect(beacons.length).toBe(1);
  await context.close();
});

test('trending follows readers’ views, and ignores bots', async ({ request, page }) => {
  // The oldest test archive story: never trending until it is read.
  const target = '/politics/archive-story-number-45';
  await page.goto(target);
  const id = await page.locator('script[data-article]').getAttribute('data-article');
  expect(id).toMatch(/^\d+$/);
  expect(trendingLinks(await (await request.get('/')).text())).not.toContain(target);

  // Each beacon from a client address of its own (the test server trusts X-Forwarded-For), unless one is given.
  let clients = 0;
  const send = (userAgent: string, count: number, from?: string) =>
    Promise.all(
      Array.from({ length: count }, () =>
        request.post('/api/views', {
          data: id ?? '',
          headers: { 'user-agent': userAgent, 'content-type': 'text/plain', 'x-forwarded-for': from ?? `10.1.${Math.floor(++clients / 250)}.${clients % 250}` },
        }),
      ),
    );
  // Bots do not count, however many.
  for (const response of await send('Mozilla/5.0 (compatible; Googlebot/2.1)', 300)) expect(response.status()).toBe(204);
  await page.waitForTimeout(500);
  await send('Mozilla/5.0 (compatible; Googlebot/2.1)', 1);
  await page.waitForTimeout(1500);
  expect(trendingLinks(await (await request.get('/')).text())).not.toContain(target);

  // Nor does one reader replaying the beacon: it counts once per window.
  for (let batch = 0; batch < 6; batch++) await send(READER_USER_AGENT, 100, '203.0.113.50');
  await page.waitForTimeout(500);
  // This beacon writes the batch (the flush interval has passed) and revalidates the trending tag if the list changed;
  // the first request for the page after that renders it afresh in the background, the next one gets it.
  await send(READER_USER_AGENT, 1, '203.0.113.50');
  await request.get('/');
  await page.waitForTimeout(1500);
  expect(trendingLinks(await (await request.get('/')).text())).not.toContain(target);

  for (let batch = 0; batch < 6; batch++) await send(READER_USER_AGENT, 100);
  // The next beacon after the flush interval writes the batch and revalidates the trending tag.
  await expect
    .poll(
      async () => {
        await send(READER_USER_AGENT, 1);
        return trendingLinks(await (await request.get('/')).text())[0];
      },
      { timeout: 15_000, intervals: [500] },
    )
    .toBe(target);
  // Article pages carry the same trending list.
  await expect
    .poll(async () => trendingLinks(await (await request.get(ARTICLE_PATH)).text())[0], { timeout: 5_000 })
    .toBe(target);
});

test('the beacon rejects what is not an article id', async ({ request }) => {
  for (const data of ['', 'abc', '-1', '1; drop table articles', '9'.repeat(40)]) {
    expect((await request.post('/api/views', { data, headers: { 'content-type': 'text/plain' } })).status()).toBe(400);
  }
});

test('the beacon refuses requests a browser marks as coming from another site', async ({ request }) => {
  const response = await request.post('/api/views', {
    data: '1',
    headers: { 'content-type': 'text/plain', 'sec-fetch-site': 'cross-site', 'user-agent': READER_USER_AGENT },
  });
  expect(response.status()).toBe(403);
});
