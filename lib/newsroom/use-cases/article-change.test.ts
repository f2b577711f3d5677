import { beforeEach, expect, it, vi } from 'vitest';
import { createArticle, updateArticle } from '@/db/articles/writes';
import { listArticleRevisions } from '@/db/articles/revisions';
import { countAudit } from '@/db/audit';
import type { Db } from '@/db/client';
import { getEditableArticle } from '@/db/newsroom';
import { createUser } from '@/db/users';
import { testArticleFields } from '@/test/support/database-fixtures';
import { withTestDatabase } from '@/test/support/database';
import { changeArticle } from './article-change';

const calls = vi.hoisted(() => [] as string[]);
vi.mock('next/cache', () => ({
  updateTag: (tag: string) => calls.push(`updateTag ${tag}`),
  revalidateTag: (tag: string) => calls.push(`revalidateTag ${tag}`),
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
