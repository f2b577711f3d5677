import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { listDueArticleIds, moveArticleToTrash, restoreArticleFromTrash } from './articles/writes';
import { countListingPages, listListingArticles, type ListingOwner } from './articles/reads';
import { articles, authors, tags } from './schema';
import { addTestArticle, withTestDatabase } from '../test/support/database';

/** Tag and author pages read the link tables' copy of published_at (migration 0005's triggers). */
describe('topic and journalist listings', () => {
  const db = withTestDatabase();
  const owners = () => {
    const tag = db().select({ id: tags.id }).from(tags).where(eq(tags.slug, 'budget')).get();
    const author = db().select({ id: authors.id }).from(authors).where(eq(authors.slug, 'reporter')).get();
    if (!tag || !author) throw new Error('test data missing');
    return [{ kind: 'tag', id: tag.id }, { kind: 'author', id: author.id }] satisfies ListingOwner[];
  };
  const headlines = (owner: ListingOwner) => listListingArticles(owner, 1, db())?.items.map((a) => a.headline) ?? [];

  it('list only published articles, newest first, through every change of status', () => {
    const day = 86_400_000;
    const base = Date.UTC(2026, 5, 1);
    const older = addTestArticle(db(), { headline: 'Older', tagNames: ['Budget'], publishedAt: base });
    addTestArticle(db(), { headline: 'Newer', tagNames: ['Budget'], publishedAt: base + day });
    const draft = addTestArticle(db(), { headline: 'Draft', tagNames: ['Budget'], status: 'draft', publishedAt: null });
    const scheduled = addTestArticle(db(), { headline: 'Scheduled', tagNames: ['Budget'], status: 'scheduled', publishedAt: base + 5 * day });
    for (const owner of owners()) expect(headlines(owner)).toEqual(['Newer', 'Older']);

    // Due, then published as the scheduler does (its publication time kept): listed at that time, first.
    expect(listDueArticleIds(base + 6 * day, db())).toEqual([scheduled]);
    db().update(articles).set({ status: 'published' }).where(eq(articles.id, scheduled)).run();
    // Trashed: gone from the lists; restored (as a draft): still not listed.
    expect(moveArticleToTrash(db(), older, base + 7 * day)).toBe(true);
    for (const owner of owners()) expect(headlines(owner)).toEqual(['Scheduled', 'Newer']);
    expect(restoreArticleFromTrash(db(), older, base + 8 * day)).toBe(true);
    for (const owner of owners()) expect(headlines(owner)).toEqual(['Scheduled', 'Newer']);

    // Published again with an earlier date, and the draft published: each goes where its date puts it.
    db().update(articles).set({ status: 'published', publishedAt: base - day }).where(eq(articles.id, older)).run();
    db().update(articles).set({ status: 'published', publishedAt: base + 2 * day }).where(eq(articles.id, draft)).run();
    for (const owner of owners()) {
      expect(headlines(owner)).toEqual(['Scheduled', 'Draft', 'Newer', 'Older']);
      expect(countListingPages(owner, db())).toBe(1);
      expect(listListingArticles(owner, 1, db())?.total).toBe(4);
    }
  });

  it('page through the listing in order, the same order as the articles table gives', () => {
    const base = Date.UTC(2026, 5, 1);
    // Same publication time for some: the id breaks the tie, newest id first.
    for (let i = 0; i < 45; i++) addTestArticle(db(), { headline: `Story ${i}`, tagNames: ['Budget'], publishedAt: base + Math.floor(i / 3) * 1000 });
    for (const owner of owners()) {
      const pages = [1, 2, 3].map((page) => listListingArticles(owner, page, db())?.items.map((a) => a.headline) ?? []);
      expect(pages.map((page) => page.length)).toEqual([20, 20, 5]);
      expect(pages.flat()).toEqual(Array.from({ length: 45 }, (_, i) => `Story ${44 - i}`));
      expect(listListingArticles(owner, 4, db())).toBeNull();
    }
  });
});
