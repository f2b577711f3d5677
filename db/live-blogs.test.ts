import { expect, it } from 'vitest';
import { addTestArticle, withTestDatabase } from '@/test/support/database';
import { listFeedArticles } from './feeds';
import { deleteLiveUpdate, endLiveBlog, insertLiveUpdate, liveBlogPollState, listPostedUpdates, startLiveBlog } from './live-blogs';
import { listLatestArticles } from './articles/reads';

const database = withTestDatabase();
const update = (articleId: number, postedAt: number | null, status: 'posted' | 'draft' = 'posted') => ({
  articleId,
  status,
  title: '',
  body: 'b',
  bodyHtml: '<p>b</p>',
  createdBy: null,
  byline: 'R',
  keyEvent: false,
  postedAt,
});

it('lists posted updates newest first, without drafts or deleted ones; the poll counts the newer ones', () => {
  const db = database();
  const id = addTestArticle(db);
  startLiveBlog(id, 1, db);
  const a = insertLiveUpdate(update(id, 10), db);
  insertLiveUpdate(update(id, null, 'draft'), db);
  const c = insertLiveUpdate(update(id, 30), db);
  const d = insertLiveUpdate(update(id, 40), db);
  deleteLiveUpdate(d, 50, db);
  expect(listPostedUpdates(id, {}, db).map((u) => u.id)).toEqual([c, a]);
  expect(listPostedUpdates(id, { afterId: a }, db).map((u) => u.id)).toEqual([c]);
  expect(liveBlogPollState(id, a, db)).toEqual({ live: true, newest: c, count: 1 });
  endLiveBlog(id, 60, db);
  expect(liveBlogPollState(id, c, db)).toEqual({ live: false, newest: c, count: 0 });
  // Not a live blog, or not published: nothing to poll.
  expect(liveBlogPollState(addTestArticle(db), 0, db)).toBeNull();
  const draft = addTestArticle(db, { status: 'draft', publishedAt: null });
  startLiveBlog(draft, 1, db);
  expect(liveBlogPollState(draft, 0, db)).toBeNull();
});

it('teasers carry the LIVE flag while live; a feed lists a live blog once, dated by its latest update', () => {
  const db = database();
  const id = addTestArticle(db, { updatedAt: 1_000 });
  const other = addTestArticle(db, { updatedAt: 1_000 });
  startLiveBlog(id, 1, db);
  insertLiveUpdate(update(id, 5_000), db);
  insertLiveUpdate(update(id, 9_000), db);
  const live = (articleId: number) => listLatestArticles({ limit: 10 }, db).find((a) => a.id === articleId)?.live;
  expect(live(id)).toBe(true);
  expect(live(other)).toBe(false);
  const feed = listFeedArticles({ limit: 10 }, db);
  expect(feed.filter((item) => item.id === id)).toHaveLength(1);
  expect(feed.find((item) => item.id === id)?.updatedAt).toBe(9_000);
  expect(feed.find((item) => item.id === other)?.updatedAt).toBe(1_000);
  endLiveBlog(id, 10_000, db);
  expect(live(id)).toBe(false);
});
