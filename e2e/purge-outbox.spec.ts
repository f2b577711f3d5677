import Database from 'better-sqlite3';
import { expect, test } from '@playwright/test';
import { startFakePurgeApiAt, type FakePurgeApi } from '../test/support/fake-purge-api';
import { findForm, FormClient, setField } from '../test/support/form-client';
import { freePort } from '../test/support/redis';
import { startIsolatedSite, type IsolatedSite } from './isolated-site';
import { e2eUsers } from './site';

/**
 * Purges wait in an outbox in SQLite until their purger confirms them (decision 22): a purge that the cache in
 * front refused, waiting for its retry when the site is stopped (SIGTERM), is sent by the site's next start.
 * The purger is a stand-in for Varnish's purge endpoint (PURGE with `xkey-purge`) that records each request; it
 * is down while the editor saves and the site stops, and up when the site starts again.
 *
 * A server of its own (a copy of the test database and build): its edits never reach the pages other specs
 * read. Ports the system hands out (E2E_PORT..+4 are taken by specs that may run beside this one).
 */

let site: IsolatedSite;
let purgerPort = 0;
let purger: FakePurgeApi | undefined;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  purgerPort = await freePort();
  site = await startIsolatedSite(await freePort(), 'news-purge-outbox-', {
    env: { SURROGATE_KEY_HEADER: 'xkey', VARNISH_PURGE_URLS: `http://127.0.0.1:${purgerPort}` },
  });
});

test.afterAll(async () => {
  await site?.stop();
  await purger?.stop();
});

const readDatabase = <T>(read: (sqlite: Database.Database) => T): T => {
  const sqlite = new Database(site.databaseFile, { readonly: true, fileMustExist: true });
  try {
    return read(sqlite);
  } finally {
    sqlite.close();
  }
};

test('a purge refused while the site stops is sent by its next start, and the editor’s save never waited for it', async () => {
  test.setTimeout(150_000);
  const story = readDatabase(
    (sqlite) =>
      sqlite
        .prepare(`SELECT a.id, a.headline FROM articles a JOIN sections s ON s.id = a.section_id WHERE s.slug = 'science' AND a.status = 'published' AND a.deleted_at IS NULL ORDER BY a.id LIMIT 1`)
        .get() as { id: number; headline: string },
  );
  const newsroom = new FormClient(site.url, 30_000);
  await newsroom.signIn(e2eUsers.editor);
  const editor = await newsroom.get(`/admin/articles/${story.id}`);
  const form = findForm(editor.html, 'headline');
  setField(form, 'headline', `${story.headline} (purge outbox ${Date.now()})`);
  // Nothing listens where the purges go: the save is acknowledged all the same.
  const saved = await newsroom.submit(editor, form, 'Update live article');
  expect(saved.html).toContain('Saved.');

  // The purge was tried and refused: it waits for its retry in the outbox.
  const waiting = () =>
    readDatabase((sqlite) => sqlite.prepare(`SELECT attempts FROM purge_outbox WHERE key = ?`).pluck().get(`article:${story.id}`) as number | undefined);
  await expect.poll(waiting, { timeout: 20_000, intervals: [100] }).toBeGreaterThanOrEqual(1);

  // SIGTERM; the purger comes up while the site is down; the site starts again.
  await site.restart(async () => {
    purger = await startFakePurgeApiAt({ host: '127.0.0.1', port: purgerPort });
  });
  const purged = () => purger!.requests.filter((request) => request.method === 'PURGE' && String(request.headers['xkey-purge'] ?? '').split(' ').includes(`article:${story.id}`)).length;
  await expect.poll(purged, { timeout: 20_000, intervals: [100] }).toBeGreaterThanOrEqual(1);
  // Confirmed (and purged a second time, PURGE_REPEAT_MS later): nothing of it is left waiting.
  await expect.poll(waiting, { timeout: 20_000, intervals: [200] }).toBeUndefined();
  expect(purged()).toBe(2);
});
