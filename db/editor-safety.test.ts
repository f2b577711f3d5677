import { beforeEach, expect, it } from 'vitest';
import { createArticle, updateArticle } from './articles/writes';
import type { Db } from './client';
import { PRESENCE_EXPIRES_MS, presenceHeartbeat } from './articles/editor-presence';
import { getPendingChanges, savePendingChanges } from './articles/pending-changes';
import { getSavedSnapshot } from './articles/revisions';
import { testArticleFields } from '@/test/support/database-fixtures';
import { withTestDatabase } from '@/test/support/database';
import { createUser } from './users';

const database = withTestDatabase();
let db: Db;
let ana: number;
let ben: number;
let articleId: number;
beforeEach(() => {
  db = database();
  ana = createUser({ email: 'ana@example.com', name: 'Ana', role: 'editor', passwordHash: 'x' }, db);
  ben = createUser({ email: 'ben@example.com', name: 'Ben', role: 'editor', passwordHash: 'x' }, db);
  articleId = createArticle(db, testArticleFields(db, { body: 'live' }), { status: 'published' }, { userId: ana, now: 1 });
});

const beat = (tabId: string, userId: number, intent: 'here' | 'claim' | 'takeover' | 'leave', now: number) =>
  presenceHeartbeat(db, { articleId, tabId, userId, intent, now });

it('lists who else has the article open, and forgets a tab that stops beating', () => {
  beat('tab-ana-1', ana, 'here', 1_000);
  expect(beat('tab-ben-1', ben, 'here', 2_000)).toEqual({ others: [{ name: 'Ana', editing: false, sameUser: false }], holder: null, takenOverBy: null });
  expect(beat('tab-ben-1', ben, 'here', 2_000 + PRESENCE_EXPIRES_MS).others).toEqual([]);
  expect(db.$client.prepare('select count(*) from article_presence').pluck().get()).toBe(1);
});

it('lets one tab claim the article; another may take it over, and the first is told by whom', () => {
  beat('tab-ana-1', ana, 'claim', 1_000);
  const ben1 = beat('tab-ben-1', ben, 'claim', 1_100);
  expect(ben1.holder).toEqual({ name: 'Ana', self: false, sameUser: false });
  expect(beat('tab-ben-1', ben, 'takeover', 1_200).holder).toEqual({ name: 'Ben', self: true, sameUser: true });
  expect(beat('tab-ana-1', ana, 'here', 1_300)).toMatchObject({ holder: { name: 'Ben', self: false }, takenOverBy: 'Ben' });
  beat('tab-ben-1', ben, 'leave', 1_400);
  expect(beat('tab-ana-1', ana, 'claim', 1_500)).toMatchObject({ holder: { name: 'Ana', self: true }, takenOverBy: null, others: [] });
});

it('tells an editor that the tab holding the article is their own other tab, not someone else', () => {
  beat('tab-ana-1', ana, 'claim', 1_000);
  const second = beat('tab-ana-2', ana, 'here', 1_100);
  expect(second.holder).toEqual({ name: 'Ana', self: false, sameUser: true });
  expect(second.others).toEqual([{ name: 'Ana', editing: true, sameUser: true }]);
  expect(beat('tab-ben-1', ben, 'here', 1_200).holder).toEqual({ name: 'Ana', self: false, sameUser: false });
});

it('keeps unpublished changes of a live article beside it, against its version, and never as what an editor loaded', () => {
  const changed = testArticleFields(db, { body: 'pending rewrite' });
  expect(savePendingChanges(db, { articleId, expectedVersion: 1, fields: changed, status: 'published', userId: ben })).toEqual({ ok: true });
  expect(db.$client.prepare('select body from articles where id = ?').pluck().get(articleId)).toBe('live');
  expect(getPendingChanges(articleId, 1, db)).toMatchObject({ snapshot: { body: 'pending rewrite' }, userName: 'Ben' });
  expect(getSavedSnapshot(articleId, 1, db)?.body).toBe('live');
  expect(savePendingChanges(db, { articleId, expectedVersion: 0, fields: changed, status: 'published', userId: ben })).toEqual({ ok: false, reason: 'conflict' });

  // Updating the live article moves the version on: the pending changes are history.
  updateArticle(db, { articleId, expectedVersion: 1, fields: changed, kind: 'save' }, { status: 'published' }, { userId: ana, now: 5 });
  expect(getPendingChanges(articleId, 2, db)).toBeNull();
});
