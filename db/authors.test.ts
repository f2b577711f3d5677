import { beforeEach, expect, it } from 'vitest';
import { createAuthor, getAuthor, getNewsroomAuthor, listAuthors, listNewsroomAuthors, updateAuthor } from './authors';
import { listPublishedArticleIdsLinkedTo } from './articles/linked';
import type { Db } from './client';
import { addTestArticle, withTestDatabase } from '@/test/support/database';

const database = withTestDatabase();
let db: Db;
beforeEach(() => {
  db = database();
});

const fields = { name: 'Bea Nowak', slug: 'bea-nowak', title: 'Science Editor', bio: 'Covers research.', photoMediaId: null };

it('creates authors and lists them A to Z with how many bylines each has', () => {
  const id = createAuthor(fields, db);
  const published = addTestArticle(db, { authorSlugs: ['bea-nowak', 'reporter'] });
  addTestArticle(db, { authorSlugs: ['bea-nowak'], status: 'draft', publishedAt: null });
  expect(listNewsroomAuthors(db).map((a) => [a.name, a.articleCount])).toEqual([
    ['A Reporter', 1],
    ['Bea Nowak', 2],
  ]);
  expect(getNewsroomAuthor(id, db)).toEqual({ id, ...fields, articleCount: 2 });
  expect(getNewsroomAuthor(id + 100, db)).toBeNull();
  expect(listPublishedArticleIdsLinkedTo({ kind: 'author', id }, db)).toEqual([published]);
  // The reader's A-to-Z of writers reads the same table.
  expect(listAuthors(db).map((a) => a.slug)).toEqual(['reporter', 'bea-nowak']);
});

it('edits an author, slug included, and says when there is no such author', () => {
  const id = createAuthor(fields, db);
  expect(updateAuthor(id, { ...fields, name: 'Beatrice Nowak', slug: 'beatrice-nowak' }, db)).toBe(true);
  expect(getAuthor('bea-nowak', db)).toBeNull();
  expect(getAuthor('beatrice-nowak', db)).toMatchObject({ id, name: 'Beatrice Nowak', title: 'Science Editor', photo: null });
  expect(updateAuthor(id + 100, fields, db)).toBe(false);
});
