import { beforeEach, expect, it } from 'vitest';
import { createArticle, updateArticle, type ArticleFields } from '@/db/articles/writes';
import type { Db } from '@/db/client';
import { listArticleRevisions } from '@/db/articles/revisions';
import { testArticleFields } from '../../test/support/database-fixtures';
import { withTestDatabase } from '../../test/support/database';
import { createUser } from '@/db/users';
import { revisionLabels } from './revision-labels';

// The revision history the newsroom shows: the revisions db/articles/revisions.ts keeps, labelled here.

const database = withTestDatabase();
let db: Db;
let userId: number;
beforeEach(() => {
  db = database();
  userId = createUser({ email: 'e@example.com', name: 'E', role: 'editor', passwordHash: 'x' }, db);
});

const fields = (body: string): ArticleFields => testArticleFields(db, { body });
const labels = (articleId: number) => {
  const revisions = listArticleRevisions(articleId, db);
  const names = revisionLabels(revisions);
  return revisions.map((r, i) => `${r.number}: ${names[i]}`).reverse();
};

it('numbers every revision of an article once, a refused save included, and labels each for what it did', () => {
  const id = createArticle(db, fields('v1'), { status: 'draft' }, { userId, now: 1 });
  const save = (expectedVersion: number, body: string, kind: 'save' | 'autosave' | 'publish', status: 'draft' | 'published') =>
    updateArticle(db, { articleId: id, expectedVersion, fields: fields(body), kind }, { status }, { userId, now: expectedVersion + 1 });
  expect(save(1, 'auto', 'autosave', 'draft')).toEqual({ ok: true, version: 2 });
  expect(save(2, 'live', 'publish', 'published')).toEqual({ ok: true, version: 3 });
  // "Update live article": a publish of what is already published.
  expect(save(3, 'live, edited', 'publish', 'published')).toEqual({ ok: true, version: 4 });
  // A second editor still on version 3: refused, kept.
  expect(save(3, 'the loser', 'publish', 'published')).toEqual({ ok: false, reason: 'conflict' });
  const restored = updateArticle(
    db,
    { articleId: id, expectedVersion: 4, fields: fields('v1'), kind: 'restore', restoredFrom: 1 },
    { status: 'published' },
    { userId, now: 9 },
  );
  expect(restored).toEqual({ ok: true, version: 5 });

  expect(labels(id)).toEqual([
    '1: Saved draft',
    '2: Autosaved',
    '3: Published',
    '4: Updated live',
    '5: Refused (conflict), kept',
    '6: Restored from 1',
  ]);
  const numbers = listArticleRevisions(id, db).map((r) => r.number);
  expect(new Set(numbers).size).toBe(numbers.length);
});

it('numbers each article on its own, and keeps counting after old autosaves are pruned', () => {
  const a = createArticle(db, fields('a'), { status: 'draft' }, { userId, now: 1 });
  const b = createArticle(db, { ...fields('b'), slug: 'other' }, { status: 'draft' }, { userId, now: 1 });
  let version = 1;
  for (let i = 0; i < 22; i++) {
    const result = updateArticle(db, { articleId: a, expectedVersion: version, fields: fields(`auto ${i}`), kind: 'autosave' }, { status: 'draft' }, { userId, now: i });
    if (!result.ok) throw new Error('refused');
    version = result.version;
  }
  const numbers = listArticleRevisions(a, db).map((r) => r.number);
  expect(numbers[0]).toBe(23);
  expect(numbers).toHaveLength(21);
  expect(listArticleRevisions(b, db).map((r) => r.number)).toEqual([1]);
});

it('tells a submission and an unpublishing from a plain save', () => {
  const id = createArticle(db, fields('v1'), { status: 'draft' }, { userId, now: 1 });
  const step = (version: number, kind: 'save' | 'publish', status: 'draft' | 'review' | 'published') =>
    updateArticle(db, { articleId: id, expectedVersion: version, fields: fields(`v${version}`), kind }, { status }, { userId, now: version });
  step(1, 'save', 'review');
  step(2, 'save', 'review');
  step(3, 'publish', 'published');
  step(4, 'save', 'draft');
  expect(labels(id)).toEqual(['1: Saved draft', '2: Submitted for review', '3: Saved, in review', '4: Published', '5: Unpublished, now a draft']);
});
