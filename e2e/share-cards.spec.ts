import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { ARTICLE_PATH } from './helpers';
import { e2eSite } from './site';

/**
 * Share cards cost a drawing (40-120 ms of the server's one thread): each article's current card is drawn
 * once, kept in DATA_DIR/share and served from there for a year of caching; any other version of it is
 * redirected to it, without drawing anything.
 */

const shareFolder = path.join(e2eSite.dataDir, 'share');

async function currentCard(request: import('@playwright/test').APIRequestContext) {
  const html = await (await request.get(ARTICLE_PATH)).text();
  const [, card, id, version] = /property="og:image" content="[^"]*?(\/share\/([0-9]+)-([0-9]+)\.png)"/.exec(html) ?? [];
  const modified = /property="article:modified_time" content="([^"]+)"/.exec(html)?.[1];
  if (!card || !id || !version || !modified) throw new Error('the article page names no share card or modified time');
  return { card, id, version: Number(version), modified: Date.parse(modified) };
}

test('an article’s card is drawn once, stored, and cached for a year; its address carries the article’s version', async ({ request }) => {
  const { card, id, version, modified } = await currentCard(request);
  expect(version).toBe(modified);

  const first = await request.get(card);
  expect(first.status()).toBe(200);
  expect(first.headers()['content-type']).toBe('image/png');
  expect(first.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
  const stored = fs.readdirSync(path.join(shareFolder, id));
  expect(stored).toHaveLength(1);
  const file = path.join(shareFolder, id, stored[0] ?? '');
  expect(fs.readFileSync(file).equals(await first.body())).toBe(true);
  const writtenAt = fs.statSync(file).mtimeMs;

  const again = await request.get(card);
  expect(again.status()).toBe(200);
  expect((await again.body()).equals(await first.body())).toBe(true);
  expect(fs.readdirSync(path.join(shareFolder, id))).toEqual(stored);
  expect(fs.statSync(file).mtimeMs).toBe(writtenAt);
});

test('any other version of an article’s card is sent to the current one, and drawn for nobody', async ({ request }) => {
  const { card, id, version } = await currentCard(request);
  for (const other of [version - 1, version + 1, 1, 999_999_999_999_999]) {
    const response = await request.get(`/share/${id}-${other}.png`, { maxRedirects: 0 });
    expect(response.status(), String(other)).toBe(301);
    expect(response.headers().location).toBe(card);
    expect(response.headers()['cache-control']).toBe('public, max-age=60');
    expect((await response.body()).length).toBe(0);
  }
  // A card of an article that is not published (or does not exist) is missing, whatever its version.
  expect((await request.get('/share/999999-1.png', { maxRedirects: 0 })).status()).toBe(404);
  // Still the one file (if the current card was asked for), never one per version asked for.
  expect(fs.existsSync(path.join(shareFolder, id)) ? fs.readdirSync(path.join(shareFolder, id)).length : 0).toBeLessThanOrEqual(1);
});

test('the site’s card is stored too, and shared caches hold it a minute', async ({ request }) => {
  const response = await request.get('/share/site.png');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('image/png');
  expect(response.headers()['cache-control']).toMatch(/^public, max-age=0, s-maxage=60/);
  expect(fs.readdirSync(path.join(shareFolder, 'site'))).toHaveLength(1);
});
