import { beforeEach, describe, expect, it } from 'vitest';
import { setRelatedArticles } from './writes';
import { countListingPages, getPublishedArticle, listLatestArticles, listListingArticles, listRelatedArticles, PAGE_SIZE } from './reads';
import type { Db } from '../client';
import { eq } from 'drizzle-orm';
import { getTag } from '../tags';
import { insertMedia } from '../media';
import { authors } from '../schema';
import { addTestArticle, withTestDatabase } from '@/test/support/database';

const database = withTestDatabase();
let db: Db;
beforeEach(() => {
  db = database();
});

const section = (slug: string) => ({
  kind: 'section' as const,
  id: db.$client.prepare('select id from sections where slug = ?').pluck().get(slug) as number,
});

describe('listListingArticles', () => {
  it('pages newest first, 20 a page, and has no page past the end', () => {
    const ids = Array.from({ length: PAGE_SIZE + 5 }, () => addTestArticle(db));
    const first = listListingArticles(section('politics'), 1, db);
    expect(first?.items.map((a) => a.id)).toEqual(ids.slice(-PAGE_SIZE).reverse());
    expect(first).toMatchObject({ page: 1, pageCount: 2, total: PAGE_SIZE + 5 });
    expect(listListingArticles(section('politics'), 2, db)?.items.map((a) => a.id)).toEqual(ids.slice(0, 5).reverse());
    expect(listListingArticles(section('politics'), 3, db)).toBeNull();
    expect(listListingArticles(section('politics'), 0, db)).toBeNull();
    expect(countListingPages(section('politics'), db)).toBe(2);
  });

  it('lists a tag’s and an author’s articles across sections', () => {
    const tagged = addTestArticle(db, { sectionSlug: 'world', tagNames: ['Trade'] });
    addTestArticle(db, { tagNames: ['Other'] });
    const tradeId = getTag('trade', db)?.id ?? -1;
    expect(listListingArticles({ kind: 'tag', id: tradeId }, 1, db)?.items.map((a) => a.id)).toEqual([tagged]);
    const authorId = db.$client.prepare("select id from authors where slug = 'reporter'").pluck().get() as number;
    expect(listListingArticles({ kind: 'author', id: authorId }, 1, db)?.total).toBe(2);
  });

  it('shows an empty first page for a section with nothing published yet', () => {
    expect(listListingArticles(section('world'), 1, db)).toMatchObject({ items: [], pageCount: 1 });
  });

  it('never lists drafts, articles in review, scheduled or archived ones', () => {
    const published = addTestArticle(db);
    for (const status of ['draft', 'review', 'scheduled', 'archived'] as const) {
      addTestArticle(db, { status, tagNames: ['Topic'] });
    }
    expect(listListingArticles(section('politics'), 1, db)?.items.map((a) => a.id)).toEqual([published]);
    expect(listLatestArticles({ limit: 10 }, db).map((a) => a.id)).toEqual([published]);
    expect(listListingArticles({ kind: 'tag', id: getTag('topic', db)?.id ?? -1 }, 1, db)?.items).toEqual([]);
  });
});

describe('getPublishedArticle', () => {
  it('returns the whole article with its parts in order', () => {
    addTestArticle(db, {
      slug: 'full',
      keyPointsTitle: 'Key Proposals',
      keyPoints: [
        { label: 'First', text: 'One.' },
        { label: 'Second', text: 'Two.' },
      ],
      tagNames: ['Zeta', 'Alpha'],
      corrections: [{ text: 'Fixed a date.', publishedAt: Date.UTC(2026, 1, 1) }],
    });
    const article = getPublishedArticle('full', db);
    expect(article?.keyPointsTitle).toBe('Key Proposals');
    expect(article?.keyPoints.map((p) => p.label)).toEqual(['First', 'Second']);
    expect(article?.tags.map((t) => t.name)).toEqual(['Alpha', 'Zeta']);
    expect(article?.authors).toEqual([{ slug: 'reporter', name: 'A Reporter', photo: null }]);
    expect(article?.corrections[0]?.text).toBe('Fixed a date.');
    expect(article?.section).toEqual({ slug: 'politics', name: 'Politics' });
  });

  it('gives each byline author their photo from the library, with their name as its alt text', () => {
    const photo = insertMedia({ fileName: 'portrait.webp', mimeType: 'image/webp', width: 800, height: 1000, alt: 'A person at a desk', caption: '', credit: '' }, db);
    db.update(authors).set({ photoMediaId: photo }).where(eq(authors.slug, 'reporter')).run();
    addTestArticle(db, { slug: 'with-photo' });
    const [author] = getPublishedArticle('with-photo', db)?.authors ?? [];
    expect(author).toMatchObject({ slug: 'reporter', name: 'A Reporter', photo: { src: '/media/portrait.webp', width: 800, height: 1000, alt: 'A Reporter' } });
  });

  it('does not return an unpublished article', () => {
    addTestArticle(db, { slug: 'secret', status: 'draft', publishedAt: null });
    expect(getPublishedArticle('secret', db)).toBeNull();
  });
});

describe('listRelatedArticles', () => {
  it('puts manual picks first, then shared tags (most shared first), then the same section, newest first', () => {
    const article = addTestArticle(db, { tagNames: ['A', 'B'] });
    const sameSectionOld = addTestArticle(db);
    const oneTag = addTestArticle(db, { sectionSlug: 'world', tagNames: ['A'] });
    const twoTags = addTestArticle(db, { sectionSlug: 'world', tagNames: ['A', 'B'] });
    const pick = addTestArticle(db, { sectionSlug: 'world' });
    const sameSectionNew = addTestArticle(db);
    const unpublishedPick = addTestArticle(db, { status: 'draft', publishedAt: null, tagNames: ['A'] });
    setRelatedArticles(db, article, [unpublishedPick, pick]);

    expect(listRelatedArticles(article, 10, db).map((a) => a.id)).toEqual([
      pick,
      twoTags,
      oneTag,
      sameSectionNew,
      sameSectionOld,
    ]);
    expect(listRelatedArticles(article, 2, db).map((a) => a.id)).toEqual([pick, twoTags]);
  });

  it('never includes the article itself', () => {
    const article = addTestArticle(db, { tagNames: ['A'] });
    setRelatedArticles(db, article, [article]);
    expect(listRelatedArticles(article, 10, db)).toEqual([]);
  });
});
