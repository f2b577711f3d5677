import { beforeEach, expect, it } from 'vitest';
import type { Db } from './client';
import { listNewsroomArticles } from './newsroom';
import { addTestArticle, withTestDatabase } from './testing';

const database = withTestDatabase();
let db: Db;
beforeEach(() => {
  db = database();
});

const headlines = (filter: Parameters<typeof listNewsroomArticles>[0]) =>
  listNewsroomArticles(filter, db).items.map((a) => a.headline);

it('filters by status, author and text, and leaves the trash out unless asked', () => {
  addTestArticle(db, { headline: 'Budget vote draft', status: 'draft', publishedAt: null });
  addTestArticle(db, { headline: 'Budget vote live' });
  addTestArticle(db, { headline: '100% turnout claim' });
  const trashed = addTestArticle(db, { headline: 'Trashed story' });
  db.$client.prepare('update articles set deleted_at = 1 where id = ?').run(trashed);
  const authorId = db.$client.prepare("insert into authors (slug, name) values ('other', 'Other') returning id").pluck().get() as number;
  const byOther = addTestArticle(db, { headline: 'By another author' });
  db.$client.prepare('update article_authors set author_id = ? where article_id = ?').run(authorId, byOther);

  expect(headlines({ page: 1, status: 'draft' })).toEqual(['Budget vote draft']);
  expect(headlines({ page: 1, query: 'budget', sort: 'headline' })).toEqual(['Budget vote draft', 'Budget vote live']);
  expect(headlines({ page: 1, query: 'budg' })).toHaveLength(2);
  expect(headlines({ page: 1, query: '100%' })).toEqual(['100% turnout claim']);
  // Punctuation alone has no word to look up: the list stays unfiltered, as for an empty box.
  expect(headlines({ page: 1, query: '%' })).toHaveLength(4);
  expect(headlines({ page: 1, authorId })).toEqual(['By another author']);
  expect(headlines({ page: 1 })).not.toContain('Trashed story');
  expect(headlines({ page: 1, trash: true })).toEqual(['Trashed story']);
});

it('sorts by headline, by publication date (never published last) or by last save', () => {
  addTestArticle(db, { headline: 'b story', publishedAt: 2_000, updatedAt: 5 });
  addTestArticle(db, { headline: 'A story', publishedAt: 1_000, updatedAt: 9 });
  addTestArticle(db, { headline: 'C story', status: 'draft', publishedAt: null, updatedAt: 7 });
  expect(headlines({ page: 1, sort: 'headline' })).toEqual(['A story', 'b story', 'C story']);
  expect(headlines({ page: 1, sort: 'published' })).toEqual(['b story', 'A story', 'C story']);
  expect(headlines({ page: 1, sort: 'updated' })).toEqual(['A story', 'C story', 'b story']);
});

it('finds drafts and in-review articles by any text field through the search index, never trashed ones', () => {
  addTestArticle(db, { headline: 'Draft', status: 'draft', publishedAt: null, body: 'The quarterly negotiations stalled.' });
  addTestArticle(db, { headline: 'In review', status: 'review', publishedAt: null, keyPoints: [{ label: 'Talks', text: 'Negotiators met twice.' }] });
  const trashed = addTestArticle(db, { headline: 'Trashed negotiations' });
  db.$client.prepare('update articles set deleted_at = 1 where id = ?').run(trashed);
  expect(headlines({ page: 1, query: 'negotiat', sort: 'headline' })).toEqual(['Draft', 'In review']);
  expect(headlines({ page: 1, query: 'negotiations', trash: true })).toEqual(['Trashed negotiations']);
});
