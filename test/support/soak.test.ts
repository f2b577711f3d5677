import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { addTestArticle, withTestDatabase } from '@/test/support/database';
import { findLostSaves, soakProblems, type ArticleLog, type SoakReport } from './soak';

const getDb = withTestDatabase();
let server: http.Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A public site whose pages show the headlines given, by path. */
async function siteShowing(pages: Record<string, string>): Promise<string> {
  server = http.createServer((request, response) => {
    const headline = pages[request.url ?? ''];
    response.writeHead(headline === undefined ? 404 : 200, { 'content-type': 'text/html' });
    response.end(headline === undefined ? 'Not found' : `<h1>${headline.replaceAll('&', '&amp;')}</h1>`);
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const log = (id: number, headline: string, status: 'draft' | 'published', unanswered: string[] = []): ArticleLog => ({
  id,
  acknowledged: { headline, body: `Body of ${headline}`, status },
  unanswered: unanswered.map((h) => ({ headline: h, body: `Body of ${h}` })),
});

describe('findLostSaves', () => {
  it('passes saves that are in the database and published articles their page shows', async () => {
    const db = getDb();
    const live = addTestArticle(db, { slug: 'live', headline: 'Live & well', body: 'Body of Live & well' });
    const draft = addTestArticle(db, { slug: 'draft', status: 'draft', publishedAt: null, headline: 'Draft', body: 'Body of Draft' });
    // The save after the acknowledged one got no answer but landed: the database may hold either.
    const later = addTestArticle(db, { slug: 'later', status: 'draft', publishedAt: null, headline: 'Second', body: 'Body of Second' });
    const baseUrl = await siteShowing({ '/politics/live': 'Live & well' });

    const lost = await findLostSaves({ baseUrl, databaseFile: db.$client.name }, [
      log(live, 'Live & well', 'published'),
      log(draft, 'Draft', 'draft'),
      log(later, 'First', 'draft', ['Second']),
    ]);
    expect(lost).toEqual([]);
  });

  it('reports a missing article, other content than acknowledged, and a published article readers cannot see', async () => {
    const db = getDb();
    const stale = addTestArticle(db, { slug: 'stale', status: 'draft', publishedAt: null, headline: 'Old', body: 'Body of Old' });
    const changedBody = addTestArticle(db, { slug: 'changed-body', status: 'draft', publishedAt: null, headline: 'Same', body: 'Another body' });
    const unseen = addTestArticle(db, { slug: 'unseen', headline: 'New headline', body: 'Body of New headline' });
    const gone = addTestArticle(db, { slug: 'gone', headline: 'Gone', body: 'Body of Gone' });
    const baseUrl = await siteShowing({ '/politics/unseen': 'Old headline' });

    const lost = await findLostSaves({ baseUrl, databaseFile: db.$client.name }, [
      log(stale, 'New', 'draft'),
      log(changedBody, 'Same', 'draft'),
      log(unseen, 'New headline', 'published'),
      log(gone, 'Gone', 'published'),
      log(9_999, 'Never stored', 'draft'),
    ], 300);
    expect(lost).toEqual([
      `article ${stale}: the last acknowledged save was "New", the database has "Old"`,
      `article ${changedBody}: the last acknowledged save was "Same", the database has that headline with another body`,
      `published article ${unseen} at /politics/unseen: answered 200 without the last acknowledged headline`,
      `published article ${gone} at /politics/gone: answered 404`,
      'article 9999 ("Never stored") is not in the database',
    ]);
  });
});

describe('soakProblems', () => {
  const passing: SoakReport = {
    seconds: 10,
    saveIntervalMs: 500,
    connections: 10,
    readers: { requests: 500, requestsPerSecond: 50, p50Ms: 20, p99Ms: 90, status5xx: 0, otherNon2xx: 3, timeouts: 1, errors: 0, paths: 40 },
    editor: { attempted: 20, acknowledged: 19, status5xx: 0, failed: ['story 1.1: expected "Saved.", got no notice'], published: 4 },
    lost: [],
  };

  it('passes a run with no 5xx and no lost save, whatever its speed, timeouts or refused saves', () => {
    expect(soakProblems(passing)).toEqual([]);
  });

  it('fails on a 5xx to a reader or to the editor, a lost save, or an editor who got nothing saved', () => {
    const failing: SoakReport = {
      ...passing,
      readers: { ...passing.readers, status5xx: 2 },
      editor: { ...passing.editor, acknowledged: 0, status5xx: 1 },
      lost: ['article 3 is not in the database'],
    };
    expect(soakProblems(failing)).toEqual([
      '2 reader requests answered 5xx',
      '1 editor requests answered 5xx',
      'no save was acknowledged',
      'article 3 is not in the database',
    ]);
  });
});
