import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { createArticle } from '@/db/articles/writes';
import { openDatabase } from '@/db/client';
import { testArticleFields } from '@/test/support/database-fixtures';
import { startSite } from '../test/support/site-server';
import { copyTestDatabase } from './isolated-site';
import { e2eSite } from './site';

// A server of its own on a copy of the test database, started after an article's time has passed.
// On a loopback address of its own: 127.0.0.1 at port + 1 is the caching proxy's (caching-proxy.spec.ts), which may
// be running in the other worker. Sharing it, this server could not listen, and its readiness check (and every
// request below) would have been answered by the proxy, in front of the shared test site.
const HOST = '127.0.0.9';
test('a scheduled article whose time came while the server was down goes live when it starts', async ({ request }) => {
  test.setTimeout(90_000);
  const dataDir = await copyTestDatabase('news-restart-');
  const db = openDatabase(path.join(dataDir, 'news.db'));
  const sectionId = db.$client.prepare("select id from sections where slug = 'politics'").pluck().get() as number;
  const userId = db.$client.prepare("select id from users where role = 'editor' limit 1").pluck().get() as number;
  const slug = `due-while-the-server-was-down-${Date.now()}`;
  createArticle(
    db,
    {
      ...testArticleFields(db, { slug, sectionId }),
      headline: 'Due While The Server Was Down',
      body: 'It should be live as soon as the server is back.',
    },
    { status: 'scheduled', scheduledFor: Date.now() - 60_000 },
    { userId, now: Date.now() - 120_000 },
  );
  db.$client.close();

  const site = await startSite({ dataDir, distDir: e2eSite.distDir, port: e2eSite.port + 1, host: HOST, env: { SCHEDULER_INTERVAL_MS: '60000' } });
  try {
    // The interval is a minute: only the check at start can publish it within the poll.
    await expect
      .poll(async () => (await request.get(`${site.url}/politics/${slug}`)).status(), { timeout: 15_000, intervals: [250] })
      .toBe(200);
  } finally {
    await site.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
