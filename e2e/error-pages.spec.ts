import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, test, type Page, type Response } from '@playwright/test';
import { openDatabase } from '@/db/client';
import { startSite } from '../test/support/site-server';
import { leaksIn } from './helpers';
import { signIn } from './newsroom-session';
import { e2eSite, e2eUsers } from './site';

const root = path.resolve(import.meta.dirname, '..');

/**
 * A copy of the test build, without the pages rendered at run time: this server's renders (and faults)
 * stay out of the suite's page cache, and none of its pages is served from a copy made before the fault.
 * It stays inside the project, where Next accepts a build folder.
 */
function copyBuild(distDir: string): void {
  const source = path.join(root, e2eSite.distDir);
  const runtimeCaches = [path.join(source, 'cache'), path.join(source, 'server', 'route-cache')];
  fs.cpSync(source, path.join(root, distDir), { recursive: true, filter: (file) => !runtimeCaches.some((cache) => file.startsWith(cache)) });
}

/** Breaks the site's database from outside, as a bad migration or a damaged file would: a table it reads is gone. */
function removeTable(file: string, table: string): void {
  const db = new Database(file);
  try {
    db.exec(`ALTER TABLE ${table} RENAME TO ${table}_lost`);
  } finally {
    db.close();
  }
}

/** What a reader or an editor must see of a fault: the site's own error page, whole without JavaScript, and nothing of the fault. */
async function expectErrorPage(page: Page, response: Response | null, onward: string, folders: string[]) {
  expect([500, 503]).toContain(response?.status());
  expect(response?.headers()['content-type']).toBe('text/html; charset=utf-8');
  expect(response?.headers()['cache-control']).toMatch(/^(?:private, )?no-store$/);
  await expect(page).toHaveTitle('Something went wrong | CRBC News');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Something went wrong on our side');
  await expect(page.getByRole('banner').getByRole('link', { name: 'CRBC News' })).toBeVisible();
  await expect(page.getByRole('search', { name: 'Site' })).toBeVisible();
  await expect(page.getByRole('main').getByRole('link', { name: onward })).toBeVisible();
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', 'noindex');
  await expect(page.locator('script')).toHaveCount(0);
  expect(leaksIn(await response!.text(), folders)).toEqual([]);
}

// A server of its own (port + 4), so that breaking its database breaks nothing another test reads.
test('a broken database shows readers and editors the branded error page, and tells the operator what broke', async ({ browser }) => {
  test.setTimeout(120_000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'news-fault-'));
  const distDir = `.next-fault-${e2eSite.port}`;
  const file = path.join(dataDir, 'news.db');
  const serverLog = path.join(dataDir, 'server.log');
  const source = openDatabase(path.join(e2eSite.dataDir, 'news.db'));
  await source.$client.backup(file);
  source.$client.close();
  fs.rmSync(path.join(root, distDir), { recursive: true, force: true });
  copyBuild(distDir);

  const site = await startSite({ dataDir, distDir, port: e2eSite.port + 4 }, { logFile: serverLog });
  const folders = [dataDir, path.join(root, distDir)];
  try {
    const editor = await (await browser.newContext({ baseURL: site.url })).newPage();
    await signIn(editor, e2eUsers.editor);
    // Readers without JavaScript: the error page must read without it.
    const reader = await (await browser.newContext({ baseURL: site.url, javaScriptEnabled: false })).newPage();
    expect((await reader.goto('/search?q=budget'))?.status()).toBe(200);

    removeTable(file, 'articles');
    // Rendered for each request: the search page, a section's feed (opened in the browser), the newsroom's
    // article list, and an article, whose address is checked in the database before Next sees it.
    for (const address of ['/search?q=budget', '/world/atom.xml']) {
      await test.step(address, async () => expectErrorPage(reader, await reader.goto(address), 'Go to the front page', folders));
    }
    await expectErrorPage(editor, await editor.goto('/admin/articles'), 'Go to the newsroom dashboard', folders);
    const article = await reader.goto('/politics/archive-story-number-7');
    await expectErrorPage(reader, article, 'Go to the front page', folders);

    // With the sections gone too, the reader site's own frame cannot be made: the same page still comes.
    removeTable(file, 'sections');
    await expectErrorPage(reader, await reader.goto('/search?q=vote'), 'Go to the front page', folders);
    await expectErrorPage(reader, await reader.goto('/no-such-page'), 'Go to the front page', folders);

    // The operator learns what broke: the database's message in the server's log, next to the request
    // id the reader's answer carried, and each failed request in the request log.
    const logged = fs.readFileSync(serverLog, 'utf8');
    expect(logged).toContain('no such table: articles');
    expect(logged).toContain('no such table: sections');
    expect(logged).toContain(`Request ${article?.headers()['x-request-id']} (GET /politics/archive-story-number-7) failed: SqliteError: no such table: articles`);
    // A request's line is written once its answer has gone (a write stream): the last one may not be there the
    // moment the browser has the page, nor be whole. Read again until it is.
    const failed = () => {
      const log = fs.readFileSync(path.join(dataDir, 'requests.log'), 'utf8');
      return log
        .slice(0, log.lastIndexOf('\n'))
        .split('\n')
        .map((line) => JSON.parse(line) as { path: string; status: number })
        .filter((entry) => entry.status >= 500)
        .map((entry) => entry.path);
    };
    await expect.poll(failed).toEqual(expect.arrayContaining(['/search', '/politics/archive-story-number-7', '/world/atom.xml', '/admin/articles', '/no-such-page']));
  } finally {
    await site.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(path.join(root, distDir), { recursive: true, force: true });
  }
});
