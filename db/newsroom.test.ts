import { beforeEach, expect, it } from 'vitest';
import type { Db } from './client';
import { endLiveBlog, startLiveBlog } from './live-blogs';
import { countArticlesByStatus, findArticlesWithSameHeadline, listNewsroomArticles } from './newsroom';
import { addTestArticle, withTestDatabase } from '@/test/support/database';

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

it('filters by story type, alone or with the other filters, and lists each article’s type', () => {
  addTestArticle(db, { headline: 'A report' });
  addTestArticle(db, { headline: 'Live comment', type: 'opinion' });
  addTestArticle(db, { headline: 'Draft comment', type: 'opinion', status: 'draft', publishedAt: null });
  addTestArticle(db, { headline: 'A review', type: 'review' });
  expect(headlines({ page: 1, type: 'opinion', sort: 'headline' })).toEqual(['Draft comment', 'Live comment']);
  expect(headlines({ page: 1, type: 'opinion', status: 'draft' })).toEqual(['Draft comment']);
  expect(headlines({ page: 1, type: 'news' })).toEqual(['A report']);
  expect(listNewsroomArticles({ page: 1, type: 'opinion' }, db).total).toBe(2);
  expect(listNewsroomArticles({ page: 1, sort: 'headline' }, db).items.map((a) => a.type)).toEqual(['news', 'review', 'opinion', 'opinion']);
});

it('filters live blogs (running, ended, either) and marks them in the list', () => {
  addTestArticle(db, { headline: 'A report' });
  const running = addTestArticle(db, { headline: 'Running blog' });
  const ended = addTestArticle(db, { headline: 'Ended blog' });
  startLiveBlog(running, 1_000, db);
  startLiveBlog(ended, 1_000, db);
  endLiveBlog(ended, 2_000, db);
  expect(headlines({ page: 1, liveBlog: 'live' })).toEqual(['Running blog']);
  expect(headlines({ page: 1, liveBlog: 'ended' })).toEqual(['Ended blog']);
  expect(headlines({ page: 1, liveBlog: 'any', sort: 'headline' })).toEqual(['Ended blog', 'Running blog']);
  expect(listNewsroomArticles({ page: 1, sort: 'headline' }, db).items.map((a) => [a.headline, a.liveBlog])).toEqual([
    ['A report', null],
    ['Ended blog', 'ended'],
    ['Running blog', 'live'],
  ]);
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

it('counts only one writer’s articles when asked, trash left out', () => {
  const writer = db.$client.prepare("insert into users (email, name, role, password_hash) values ('w@x', 'W', 'writer', 'x') returning id").pluck().get() as number;
  const mine = addTestArticle(db, { headline: 'My draft', status: 'draft', publishedAt: null });
  addTestArticle(db, { headline: 'Their draft', status: 'draft', publishedAt: null });
  addTestArticle(db, { headline: 'Their review', status: 'review', publishedAt: null });
  const myTrashed = addTestArticle(db, { headline: 'My trashed', status: 'draft', publishedAt: null });
  db.$client.prepare('update articles set created_by = ? where id in (?, ?)').run(writer, mine, myTrashed);
  db.$client.prepare('update articles set deleted_at = 1 where id = ?').run(myTrashed);
  expect(countArticlesByStatus(db)).toMatchObject({ draft: 2, review: 1 });
  expect(countArticlesByStatus(db, writer)).toEqual({ draft: 1, review: 0, scheduled: 0, published: 0, archived: 0 });
});

it('finds articles whose headline has the same words as an imported one, trash left out', () => {
  const live = addTestArticle(db, { headline: 'Harbour Ferry Timetable Changes From Monday' });
  const draft = addTestArticle(db, { headline: 'Harbour ferry timetable: changes from Monday!', status: 'draft', publishedAt: null });
  addTestArticle(db, { headline: 'Harbour ferry timetable changes from Tuesday' });
  const trashed = addTestArticle(db, { headline: 'Harbour Ferry Timetable Changes From Monday' });
  db.$client.prepare('update articles set deleted_at = 1 where id = ?').run(trashed);
  expect(findArticlesWithSameHeadline('HARBOUR ferry — timetable changes from monday', db).map((a) => a.id).sort()).toEqual([live, draft].sort());
  expect(findArticlesWithSameHeadline('Something else entirely', db)).toEqual([]);
  expect(findArticlesWithSameHeadline('!!!', db)).toEqual([]);
  expect(findArticlesWithSameHeadline('Harbour', db)).toEqual([]);
});
