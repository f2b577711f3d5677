import { beforeEach, expect, it, vi } from 'vitest';
import { createArticle, updateArticle } from '@/db/articles/writes';
import { listArticleRevisions } from '@/db/articles/revisions';
import { countAudit, listAudit } from '@/db/audit';
import type { Db } from '@/db/client';
import { getEditableArticle } from '@/db/newsroom';
import { createUser } from '@/db/users';
import { testArticleFields } from '@/test/support/database-fixtures';
import { withTestDatabase } from '@/test/support/database';
import { revisionLabels } from '../revision-labels';
import { changeArticle } from './article-change';
import { publishDueArticles } from './publish';

const calls = vi.hoisted(() => [] as string[]);
// Next's cache functions need a request in progress: here, each call is recorded instead.
vi.mock('next/cache', () => ({
  updateTag: (tag: string) => calls.push(`updateTag ${tag}`),
  revalidateTag: (tag: string, profile: unknown) => calls.push(`revalidateTag ${tag} ${JSON.stringify(profile)}`),
}));

const database = withTestDatabase();
let db: Db;
let userId: number;
let articleId: number;
beforeEach(() => {
  db = database();
  calls.length = 0;
  userId = createUser({ email: 'e@example.com', name: 'E', role: 'editor', passwordHash: 'x' }, db);
  articleId = createArticle(db, testArticleFields(db, { body: 'as published' }), { status: 'published' }, { userId, now: 1 });
});

const edit = (body: string) => () =>
  updateArticle(db, { articleId, expectedVersion: 1, fields: testArticleFields(db, { body }), kind: 'publish' }, { status: 'published' }, { userId, now: 2 });
const body = () => getEditableArticle(articleId, db)?.body;

it('saves the change, its revision and its audit line together, then invalidates', () => {
  changeArticle({ db, articleId, write: edit('corrected'), savedId: (r) => (r.ok ? articleId : null), audit: { userId, action: 'update' }, caller: 'server-action' });
  expect(body()).toBe('corrected');
  expect(listArticleRevisions(articleId, db).map((r) => r.kind)).toEqual(['update', 'publish']);
  expect(countAudit(db)).toBe(1);
  expect(calls).toContain(`updateTag article:${articleId}`);
});

it('keeps neither the change nor an audit line when the write fails after updating the article', () => {
  const failing = () => {
    edit('half-written')();
    throw new Error('disk full');
  };
  expect(() => changeArticle({ db, articleId, write: failing, savedId: () => articleId, audit: { userId, action: 'update' }, caller: 'server-action' })).toThrow('disk full');
  expect(body()).toBe('as published');
  expect(listArticleRevisions(articleId, db).map((r) => r.kind)).toEqual(['publish']);
  expect(countAudit(db)).toBe(0);
  expect(calls).toEqual([]);
});

it('undoes the save when its audit line cannot be written', () => {
  // An audit line naming a user who does not exist breaks the foreign key: the insert fails.
  expect(() =>
    changeArticle({ db, articleId, write: edit('unaudited'), savedId: (r) => (r.ok ? articleId : null), audit: { userId: 99_999, action: 'update' }, caller: 'server-action' }),
  ).toThrow();
  expect(body()).toBe('as published');
  expect(listArticleRevisions(articleId, db).map((r) => r.kind)).toEqual(['publish']);
  expect(countAudit(db)).toBe(0);
  expect(calls).toEqual([]);
});

it('publishes a scheduled article (publishDueArticles) as the editor’s Publish does: a revision, an audit line, the same invalidation', () => {
  const due = createArticle(db, { ...testArticleFields(db, { body: 'due' }), slug: 'due' }, { status: 'scheduled', scheduledFor: 1_000 }, { userId, now: 1 });
  const later = createArticle(db, { ...testArticleFields(db, { body: 'later' }), slug: 'later' }, { status: 'scheduled', scheduledFor: 5_000 }, { userId, now: 1 });

  expect(publishDueArticles({ now: 2_000, caller: 'route-handler', db })).toEqual([due]);

  const revisions = listArticleRevisions(due, db);
  expect(revisions.map((r) => [r.kind, r.status, r.userName])).toEqual([
    ['publish', 'published', null],
    ['save', 'scheduled', 'E'],
  ]);
  expect(revisionLabels(revisions)).toEqual(['Published', 'Scheduled']);
  expect(listAudit({ limit: 10 }, db).map((a) => [a.action, a.entityId, a.userId])).toEqual([['published (scheduled)', due, null]]);
  expect(calls).toContain(`revalidateTag article:${due} {"expire":0}`);
  expect(calls).toContain('revalidateTag home {"expire":0}');

  // Only once, and only what is due.
  expect(publishDueArticles({ now: 2_000, caller: 'route-handler', db })).toEqual([]);
  expect(listArticleRevisions(later, db).map((r) => r.kind)).toEqual(['save']);
  expect(publishDueArticles({ now: 5_000, caller: 'route-handler', db })).toEqual([later]);
});
