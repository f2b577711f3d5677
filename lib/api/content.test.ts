import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Db } from '@/db/client';
import { moveArticleToTrash } from '@/db/articles/writes';
import { savePendingChanges } from '@/db/articles/pending-changes';
import { getEditableArticle } from '@/db/newsroom';
import { frontKeyOf, replaceFrontArrangement } from '@/db/fronts';
import { insertLiveUpdate, startLiveBlog } from '@/db/live-blogs';
import { createUser } from '@/db/users';
import { addTestArticle, withTestDatabase } from '@/test/support/database';
import { fieldsOf } from '@/lib/newsroom/use-cases/article-change';
import { invalidate } from '../cache/invalidate';
import { cacheTags } from '../cache/tags';
import { forgetApiAnswers } from '../cache/api-memory';
import { ArticleListSchema, ArticleSchema, FrontSchema, LiveBlogSchema, SectionListSchema, TagListSchema, AuthorListSchema } from './content-schemas';
import {
  getArticle,
  getArticleByPath,
  getFrontAnswer,
  getLiveBlogAnswer,
  listArticles,
  listAuthorsAnswer,
  listSectionsAnswer,
  listTagsAnswer,
  type ContentAnswer,
} from './content';
import { cachedContent } from './route';
import { ProblemError } from './problem';

vi.mock('next/cache', () => ({ updateTag: () => undefined, revalidateTag: () => undefined }));
const current = vi.hoisted(() => ({ db: null as unknown }));
vi.mock('@/db/client', async (original) => ({ ...(await original<typeof import('@/db/client')>()), getDb: () => current.db }));

const database = withTestDatabase();
let db: Db;
beforeEach(() => {
  db = database();
  current.db = db;
  vi.stubEnv('BASE_URL', 'http://localhost:3000');
  // Answers remembered by an earlier test's database must not answer this one's.
  forgetApiAnswers([cacheTags.feedsAndSitemaps, cacheTags.sections, cacheTags.home, cacheTags.tagIndex, cacheTags.authorIndex, ...Array.from({ length: 200 }, (_, i) => cacheTags.article(i))]);
});

const url = (path: string) => new URL(`http://localhost:3000/api/v1/content${path}`);
const body = <T = Record<string, unknown>>(answer: ContentAnswer) => answer.body as T;
type Listed = { items: { id: number; headline?: string; url?: string }[]; nextCursor: string | null; next: string | null };
const listed = (path: string) => body<Listed>(listArticles(url(`/articles${path}`)));
const ids = (path: string) => listed(path).items.map((item) => item.id);
const refusal = (run: () => unknown): ProblemError => {
  try {
    run();
  } catch (error) {
    if (error instanceof ProblemError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('only what readers may see', () => {
  it('never shows a draft, an article in review, a scheduled, unpublished, archived or trashed one, nor unpublished changes', () => {
    const past = Date.UTC(2026, 0, 1);
    const live = addTestArticle(db, { headline: 'Readers see this headline', tagNames: ['Open topic'] });
    const unseen = {
      draft: addTestArticle(db, { status: 'draft', publishedAt: null, tagNames: ['Secret topic'] }),
      review: addTestArticle(db, { status: 'review', publishedAt: null }),
      scheduled: addTestArticle(db, { status: 'scheduled', publishedAt: Date.now() + 3_600_000 }),
      unpublished: addTestArticle(db, { status: 'draft', publishedAt: past }),
      archived: addTestArticle(db, { status: 'archived', publishedAt: past }),
      trashed: addTestArticle(db, { tagNames: ['Trashed topic'] }),
    };
    moveArticleToTrash(db, unseen.trashed, Date.now());
    // Unpublished changes to the live article: saved, but not what readers get.
    const before = getEditableArticle(live, db)!;
    const userId = createUser({ email: 'e@example.com', name: 'E', role: 'editor', passwordHash: 'x' }, db);
    expect(savePendingChanges(db, { articleId: live, expectedVersion: before.version, fields: { ...fieldsOf(before), headline: 'NOT YET LIVE', body: 'PENDING BODY' }, status: 'published', userId }).ok).toBe(true);
    // Every hidden one is a live blog with an update, and pinned to the home front.
    for (const id of Object.values(unseen)) {
      startLiveBlog(id, 1, db);
      insertLiveUpdate({ articleId: id, status: 'posted', title: 'u', body: 'b', bodyHtml: '<p>b</p>', createdBy: null, byline: '', keyEvent: false, postedAt: 2 }, db);
    }
    replaceFrontArrangement(frontKeyOf(null), 0, Object.values(unseen).map((articleId, position) => ({ position, articleId, headline: '', summary: '', mediaId: null })), null, db);

    expect(ids('')).toEqual([live]);
    for (const filter of ['?section=politics', '?author=reporter', '?tag=open-topic', '?type=news', '?updated_since=2000-01-01T00:00:00Z']) expect(ids(filter)).toEqual([live]);
    expect(ids('?tag=secret-topic')).toEqual([]);
    expect(ids('?tag=trashed-topic')).toEqual([]);
    const shown = JSON.stringify([listArticles(url('')).body, getArticle(live, url('')).body, getFrontAnswer(url('')).body, listTagsAnswer(url('/tags')).body]);
    expect(shown).toContain('Readers see this headline');
    expect(shown).not.toContain('NOT YET LIVE');
    expect(shown).not.toContain('PENDING BODY');
    expect(shown).not.toContain('Secret topic');
    expect(shown).not.toContain('Trashed topic');
    for (const [state, id] of Object.entries(unseen)) {
      const article = getEditableArticle(id, db)!;
      expect(getArticle(id, url('')).status, state).toBe(404);
      expect(getArticleByPath(article.sectionSlug, article.slug, url('')).status, state).toBe(404);
      expect(getLiveBlogAnswer(id, url('')).status, state).toBe(404);
      expect(shown, state).not.toContain(`"id":${id},`);
    }
    expect(body<{ lead: { id: number } }>(getFrontAnswer(url(''))).lead.id).toBe(live);
  });
});

describe('articles', () => {
  it('answer in the documented shapes, with absolute URLs, the structured parts and image widths', () => {
    const id = addTestArticle(db, { headline: 'Shaped', keyPoints: [{ label: 'One', text: 'First point.' }], whyItMatters: 'It *matters*.', contextNote: 'Context.', tagNames: ['Budget'] });
    const article = body<Record<string, unknown>>(getArticle(id, url('')));
    expect(ArticleSchema.parse(article)).toBeTruthy();
    expect(article.url).toMatch(/^http:\/\/localhost:3000\/politics\/story-\d+$/);
    expect(article.keyPoints).toEqual([{ label: 'One', text: 'First point.' }]);
    expect(article.whyItMatters).toEqual({ text: 'It *matters*.', html: expect.stringContaining('<em>matters</em>') });
    expect(ArticleListSchema.parse(listed(''))).toBeTruthy();
    expect(SectionListSchema.parse(listSectionsAnswer(url('')).body)).toBeTruthy();
    expect(TagListSchema.parse(listTagsAnswer(url('')).body)).toBeTruthy();
    expect(AuthorListSchema.parse(listAuthorsAnswer(url('')).body)).toBeTruthy();
    expect(FrontSchema.parse(getFrontAnswer(url('')).body)).toBeTruthy();
    expect(getArticleByPath('politics', String(article.slug), url('')).body).toEqual(article);
    // In another section it is not at that address.
    expect(getArticleByPath('world', String(article.slug), url('')).status).toBe(404);
  });

  it('page by an opaque cursor that stays stable when stories are published meanwhile', () => {
    const made = Array.from({ length: 7 }, () => addTestArticle(db));
    const first = listed('?limit=3');
    expect(first.items.map((i) => i.id)).toEqual(made.slice(4).reverse());
    expect(first.next).toBe(`http://localhost:3000/api/v1/content/articles?limit=3&cursor=${first.nextCursor}`);
    addTestArticle(db, { publishedAt: Date.now() });
    const second = listed(`?limit=3&cursor=${first.nextCursor}`);
    expect(second.items.map((i) => i.id)).toEqual(made.slice(1, 4).reverse());
    const third = listed(`?limit=3&cursor=${second.nextCursor}`);
    expect(third.items.map((i) => i.id)).toEqual([made[0]]);
    expect(third.nextCursor).toBeNull();
  });

  it('page past articles whose publication time has a fraction of a millisecond (rows the large seed writes)', () => {
    const made = [0.25, 1.5, 2.75].map((fraction) => addTestArticle(db, { publishedAt: Date.UTC(2025, 0, 1) + fraction }));
    const first = listed('?limit=1');
    expect(first.items.map((i) => i.id)).toEqual([made[2]]);
    const second = listed(`?limit=1&cursor=${first.nextCursor}`);
    expect(second.items.map((i) => i.id)).toEqual([made[1]]);
    expect(listed(`?limit=5&cursor=${second.nextCursor}`).items.map((i) => i.id)).toEqual([made[0]]);
  });

  it('trim items to the fields asked for, and refuse unknown fields, bad values and repeated parameters with field errors', () => {
    addTestArticle(db);
    expect(Object.keys(listed('?fields=headline,url').items[0]!).sort()).toEqual(['headline', 'id', 'url']);
    const cases: [string, string][] = [
      ['?fields=headline,password', 'fields'],
      ['?limit=101', 'limit'],
      ['?limit=0', 'limit'],
      ['?limit=abc', 'limit'],
      ['?cursor=not-a-cursor', 'cursor'],
      ['?cursor=%00', 'cursor'],
      ['?section=Not%20A%20Slug', 'section'],
      ['?type=gossip', 'type'],
      ['?updated_since=yesterday', 'updated_since'],
      ['?colour=red', 'colour'],
      ['?limit=1&limit=2', 'limit'],
    ];
    for (const [query, field] of cases) {
      const error = refusal(() => listArticles(url(query)));
      expect(error.problem.status, query).toBe(400);
      expect(error.problem.errors?.map((e) => e.field), query).toContain(field);
    }
    expect(refusal(() => getArticle(1, url('?fields=nope'))).problem.status).toBe(400);
  });

  it('live blogs list posted updates newest first, a page at a time', () => {
    const id = addTestArticle(db);
    startLiveBlog(id, 1, db);
    const made = [1, 2, 3].map((n) => insertLiveUpdate({ articleId: id, status: 'posted', title: `u${n}`, body: 'b', bodyHtml: '<p>b</p>', createdBy: null, byline: '', keyEvent: n === 2, postedAt: n }, db));
    insertLiveUpdate({ articleId: id, status: 'draft', title: 'DRAFT UPDATE', body: 'b', bodyHtml: '<p>b</p>', createdBy: null, byline: '', keyEvent: false, postedAt: null }, db);
    const page = body<{ updates: { id: number; url: string }[]; nextCursor: string }>(getLiveBlogAnswer(id, url('?limit=2')));
    expect(LiveBlogSchema.parse(page)).toBeTruthy();
    expect(page.updates.map((u) => u.id)).toEqual([made[2], made[1]]);
    expect(page.updates[0]!.url).toMatch(new RegExp(`/politics/story-\\d+#update-${made[2]}$`));
    expect(body<{ updates: { id: number }[] }>(getLiveBlogAnswer(id, url(`?cursor=${page.nextCursor}`))).updates.map((u) => u.id)).toEqual([made[0]]);
    expect(JSON.stringify(getLiveBlogAnswer(id, url('')).body)).not.toContain('DRAFT UPDATE');
  });
});

describe('remembered answers', () => {
  const request = (path: string, headers: Record<string, string> = {}) => new Request(url(path), { headers });

  it('are answered from memory with an ETag (304 when it matches) until a change names one of their tags', async () => {
    const id = addTestArticle(db, { headline: 'First headline' });
    const answer = () => listArticles(url(''));
    const first = await cachedContent(request(''), answer);
    expect(first.headers.get('x-content-api-cache')).toBe('miss');
    const etag = first.headers.get('etag')!;
    const again = await cachedContent(request(''), answer);
    expect(again.headers.get('x-content-api-cache')).toBe('hit');
    expect((await cachedContent(request('', { 'if-none-match': etag }), answer)).status).toBe(304);

    // A change the reader pages would not notice (a draft elsewhere) keeps it; publishing a story refreshes it.
    const draft = addTestArticle(db, { status: 'draft', publishedAt: null });
    invalidate({ kind: 'article', before: null, after: { id: draft, status: 'draft', slug: 'x', sectionSlug: 'politics', tagSlugs: [], authorSlugs: [], deleted: false } }, 'route-handler');
    expect((await cachedContent(request(''), answer)).headers.get('x-content-api-cache')).toBe('hit');
    const published = addTestArticle(db, { headline: 'Second headline', publishedAt: Date.now() });
    invalidate({ kind: 'article', before: null, after: { id: published, status: 'published', slug: 'y', sectionSlug: 'world', tagSlugs: [], authorSlugs: [], deleted: false } }, 'route-handler');
    const fresh = await cachedContent(request(''), answer);
    expect(fresh.headers.get('x-content-api-cache')).toBe('miss');
    expect(fresh.headers.get('etag')).not.toBe(etag);
    expect(await fresh.text()).toContain('Second headline');
    expect((await cachedContent(request('', { 'if-none-match': etag }), answer)).status).toBe(200);
    expect(id).toBeGreaterThan(0);
  });

  it('a refused query is problem+json 400 and is not remembered; a missing article is a 404 problem', async () => {
    const bad = await cachedContent(request('?limit=1000'), () => listArticles(url('?limit=1000')));
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toBe('application/problem+json');
    expect(await bad.json()).toMatchObject({ status: 400, errors: [{ field: 'limit' }] });
    const missing = await cachedContent(request('/articles/999'), () => getArticle(999, url('')));
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toBe('application/problem+json');
  });

  it('a fault in a handler is a logged problem+json 500 that says nothing of it', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const broken = await cachedContent(request('/broken'), () => {
      throw new Error('SECRET SQL DETAIL');
    });
    expect(broken.status).toBe(500);
    expect(await broken.text()).not.toContain('SECRET');
    expect(logged).toHaveBeenCalled();
    logged.mockRestore();
  });
});
