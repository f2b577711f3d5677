import { beforeEach, expect, it } from 'vitest';
import { createArticle, listDueArticleIds, updateArticle, type ArticleFields } from './writes';
import type { Db } from '../client';
import { testArticleFields } from '@/test/support/database-fixtures';
import { withTestDatabase } from '@/test/support/database';
import { createUser } from '../users';
import { getEditableArticle } from '../newsroom';
import { getPublishedArticle } from './reads';

const database = withTestDatabase();
let db: Db;
let userId: number;
beforeEach(() => {
  db = database();
  userId = createUser({ email: 'e@example.com', name: 'E', role: 'editor', passwordHash: 'x' }, db);
});

const fields = (body: string): ArticleFields => testArticleFields(db, { body });
const revisions = (kind: string) =>
  db.$client.prepare('select count(*) from article_revisions where kind = ?').pluck().get(kind) as number;

it('keeps only the newest 20 autosaves, and every saved revision', () => {
  const id = createArticle(db, fields('v1'), { status: 'draft' }, { userId, now: 1 });
  let version = 1;
  for (let i = 0; i < 25; i++) {
    const result = updateArticle(db, { articleId: id, expectedVersion: version, fields: fields(`auto ${i}`), kind: 'autosave' }, { status: 'draft' }, { userId, now: i });
    if (!result.ok) throw new Error('autosave refused');
    version = result.version;
  }
  expect(revisions('autosave')).toBe(20);
  expect(revisions('save')).toBe(1);
  const newest = db.$client.prepare("select snapshot from article_revisions where kind = 'autosave' order by id desc limit 1").pluck().get() as string;
  expect(JSON.parse(newest).body).toBe('auto 24');
});

it('refuses a save against an old version, keeping the refused text as a conflict revision', () => {
  const id = createArticle(db, fields('v1'), { status: 'draft' }, { userId, now: 1 });
  expect(updateArticle(db, { articleId: id, expectedVersion: 1, fields: fields('first'), kind: 'save' }, { status: 'draft' }, { userId, now: 2 })).toEqual({ ok: true, version: 2 });
  expect(updateArticle(db, { articleId: id, expectedVersion: 1, fields: fields('second'), kind: 'save' }, { status: 'draft' }, { userId, now: 3 })).toEqual({ ok: false, reason: 'conflict' });
  expect(db.$client.prepare('select body from articles where id = ?').pluck().get(id)).toBe('first');
  const kept = db.$client.prepare("select snapshot from article_revisions where kind = 'conflict'").pluck().get() as string;
  expect(JSON.parse(kept).body).toBe('second');
});

it('lists the scheduled articles whose time has come, and only those (lib/newsroom/use-cases/publish.ts publishes them)', () => {
  const due = createArticle(db, fields('due'), { status: 'scheduled', scheduledFor: 1_000 }, { userId, now: 1 });
  const later = createArticle(db, { ...fields('later'), slug: 'later' }, { status: 'scheduled', scheduledFor: 5_000 }, { userId, now: 1 });
  createArticle(db, { ...fields('draft'), slug: 'draft' }, { status: 'draft' }, { userId, now: 1 });
  expect(listDueArticleIds(2_000, db)).toEqual([due]);
  expect(listDueArticleIds(5_000, db)).toEqual([due, later]);
  expect(listDueArticleIds(500, db)).toEqual([]);
});

it('stores the story type with every write, in the row and in the revision, and readers get it', () => {
  const id = createArticle(db, testArticleFields(db, { type: 'review' }), { status: 'published' }, { userId, now: 1 });
  expect(db.$client.prepare('select type from articles where id = ?').pluck().get(id)).toBe('review');
  expect(updateArticle(db, { articleId: id, expectedVersion: 1, fields: testArticleFields(db, { type: 'opinion' }), kind: 'save' }, { status: 'published' }, { userId, now: 2 })).toEqual({ ok: true, version: 2 });
  expect(getEditableArticle(id, db)?.type).toBe('opinion');
  expect(getPublishedArticle('a-story', db)?.type).toBe('opinion');
  const saved = db.$client.prepare("select snapshot from article_revisions where kind = 'save' order by id desc limit 1").pluck().get() as string;
  expect(JSON.parse(saved).type).toBe('opinion');
});
