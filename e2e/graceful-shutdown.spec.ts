import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { openDatabase, type Db } from '@/db/client';
import { startSite } from '../test/support/site-server';
import { copyTestDatabase } from './isolated-site';
import { e2eSite } from './site';

const viewsOf = (articleId: number, db: Db) =>
  db.$client.prepare('select coalesce(sum(views), 0) from page_views where article_id = ?').pluck().get(articleId) as number;

const READER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0 Safari/537.36';

// A server of its own on a copy of the test database, with views held in memory for an hour: only
// the shutdown can have written them. (127.0.0.1 at port + 2: no other spec listens there; the caching proxy has
// port + 1, the XSS corpus's site port + 3, the error pages' site port + 4.)
test('SIGTERM finishes the requests in flight, saves every view it answered, closes the database and exits 0', async () => {
  test.setTimeout(90_000);
  const dataDir = await copyTestDatabase('news-shutdown-');
  const file = path.join(dataDir, 'news.db');
  const db = openDatabase(file);
  const articleId = db.$client.prepare("select id from articles where status = 'published' order by id limit 1").pluck().get() as number;
  const viewsBefore = viewsOf(articleId, db);
  db.$client.close();

  const site = await startSite({ dataDir, distDir: e2eSite.distDir, port: e2eSite.port + 2, env: { VIEW_FLUSH_INTERVAL_MS: '3600000', TRUST_PROXY: '1' } });
  try {
    // Each from a reader of its own (a view counts once per client address and article).
    let readers = 0;
    const beacon = () =>
      fetch(`${site.url}/api/views`, { method: 'POST', body: String(articleId), headers: { 'User-Agent': READER, 'X-Forwarded-For': `10.2.0.${++readers}` } }).then(
        (response) => response.status,
        () => 'refused' as const,
      );
    const answered = await Promise.all(Array.from({ length: 20 }, beacon));
    expect(answered.every((status) => status === 204)).toBe(true);
    // More views on their way as the signal arrives: those the server answers must be saved too.
    const inFlight = Array.from({ length: 40 }, beacon);
    const exitCode = new Promise<number | null>((resolve) => site.child.once('exit', (code) => resolve(code)));
    site.child.kill('SIGTERM');
    const lastAnswers = await Promise.all(inFlight);
    expect(await exitCode).toBe(0);
    // Closed: the last connection to close checkpoints the log into the database and removes it.
    expect(fs.existsSync(`${file}-wal`)).toBe(false);

    const acknowledged = [...answered, ...lastAnswers].filter((status) => status === 204).length;
    const after = openDatabase(file);
    try {
      // At least: a view can be counted and its answer lost with the connection, never the other way round.
      const viewsAfter = viewsOf(articleId, after);
      expect(viewsAfter).toBeGreaterThanOrEqual(viewsBefore + acknowledged);
      expect(viewsAfter).toBeLessThanOrEqual(viewsBefore + 60);
    } finally {
      after.$client.close();
    }
  } finally {
    await site.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
