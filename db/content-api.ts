import { and, asc, desc, eq, gte, isNotNull, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { getDb, type Db } from './client';
import { articleAuthors, articles, articleTags, authors, liveBlogs, liveUpdates, tags } from './schema';
import type { Article, ArticleTeaser } from './articles/model';
import { getPublishedArticle, selectTeasers, toTeaser } from './articles/reads';
import type { StoryType } from '@/lib/story-types';

/**
 * The reads of the public Content API (lib/api/content.ts): only what readers may see, ever (published
 * and not in the trash; the article row is the readers' version: unpublished changes live in revisions).
 */

const readable = and(eq(articles.status, 'published'), isNull(articles.deletedAt));

/** A position in the newest-first order of published articles: (published_at, id), both descending. */
export interface ListPosition {
  publishedAt: number;
  id: number;
}

export interface PublishedListQuery {
  /** Only articles after this position (the previous page's last). */
  after: ListPosition | null;
  limit: number;
  sectionId?: number;
  tagId?: number;
  authorId?: number;
  type?: StoryType;
  /** Only articles whose last readers' change (updated_at) is at or after this time (epoch ms). */
  updatedSince?: number;
}

/**
 * One page of published articles, newest first, keyed by (published_at, id): a page starts strictly after
 * the previous page's last article, so stories published meanwhile (newer) never shift a later page.
 * A tag's or author's articles come off their link table's listing index, a section's off the articles'.
 */
export function listPublishedPage(query: PublishedListQuery, db: Db = getDb()): ArticleTeaser[] {
  const { after, limit } = query;
  const conditions: (SQL | undefined)[] = [readable];
  if (query.sectionId !== undefined) conditions.push(eq(articles.sectionId, query.sectionId));
  if (query.type !== undefined) conditions.push(eq(articles.type, query.type));
  if (query.updatedSince !== undefined) conditions.push(gte(articles.updatedAt, query.updatedSince));
  const link =
    query.tagId !== undefined
      ? { table: articleTags, ownerId: articleTags.tagId, articleId: articleTags.articleId, listedAt: articleTags.listedAt, owner: query.tagId }
      : query.authorId !== undefined
        ? { table: articleAuthors, ownerId: articleAuthors.authorId, articleId: articleAuthors.articleId, listedAt: articleAuthors.listedAt, owner: query.authorId }
        : null;
  if (query.tagId !== undefined && query.authorId !== undefined) {
    conditions.push(sql`exists (select 1 from ${articleAuthors} where ${articleAuthors.articleId} = ${articles.id} and ${articleAuthors.authorId} = ${query.authorId})`);
  }
  if (link) {
    const beyond = after ? or(lt(link.listedAt, after.publishedAt), and(eq(link.listedAt, after.publishedAt), lt(link.articleId, after.id))) : undefined;
    return selectTeasers(db)
      .innerJoin(link.table, and(eq(link.articleId, articles.id), eq(link.ownerId, link.owner), isNotNull(link.listedAt)))
      .where(and(...conditions, beyond))
      .orderBy(desc(link.listedAt), desc(link.articleId))
      .limit(limit)
      .all()
      .map(toTeaser);
  }
  const beyond = after ? or(lt(articles.publishedAt, after.publishedAt), and(eq(articles.publishedAt, after.publishedAt), lt(articles.id, after.id))) : undefined;
  return selectTeasers(db)
    .where(and(...conditions, beyond))
    .orderBy(desc(articles.publishedAt), desc(articles.id))
    .limit(limit)
    .all()
    .map(toTeaser);
}

/** A published article by id (the readers' version), or null. */
export function getPublishedArticleById(id: number, db: Db = getDb()): Article | null {
  const row = db.select({ slug: articles.slug }).from(articles).where(and(readable, eq(articles.id, id))).get();
  return row ? getPublishedArticle(row.slug, db) : null;
}

/** A tag's id by slug, whatever uses it (the filter answers an empty list for a tag no published article carries). */
export function tagIdBySlug(slug: string, db: Db = getDb()): number | null {
  return db.select({ id: tags.id }).from(tags).where(eq(tags.slug, slug)).get()?.id ?? null;
}

export function authorIdBySlug(slug: string, db: Db = getDb()): number | null {
  return db.select({ id: authors.id }).from(authors).where(eq(authors.slug, slug)).get()?.id ?? null;
}

/** Every author, A to Z, as the A-Z of writers shows them, with ids. */
export function listPublicAuthors(db: Db = getDb()): { id: number; slug: string; name: string; title: string; bio: string }[] {
  return db.select({ id: authors.id, slug: authors.slug, name: authors.name, title: authors.title, bio: authors.bio }).from(authors).orderBy(asc(authors.name)).all();
}

export interface PublicLiveUpdate {
  id: number;
  title: string;
  body: string;
  bodyHtml: string;
  byline: string;
  keyEvent: boolean;
  postedAt: number;
  editedAt: number | null;
}

/**
 * A published live blog's coverage and its posted updates, newest first, only those older than `beforeId`
 * when given; null when the article is not a published live blog.
 */
export function getPublicLiveBlog(
  articleId: number,
  { limit, beforeId }: { limit: number; beforeId: number | null },
  db: Db = getDb(),
): { startedAt: number; endedAt: number | null; updates: PublicLiveUpdate[] } | null {
  const blog = db
    .select({ startedAt: liveBlogs.startedAt, endedAt: liveBlogs.endedAt })
    .from(liveBlogs)
    .innerJoin(articles, eq(articles.id, liveBlogs.articleId))
    .where(and(eq(liveBlogs.articleId, articleId), readable))
    .get();
  if (!blog) return null;
  const updates = db
    .select({
      id: liveUpdates.id,
      title: liveUpdates.title,
      body: liveUpdates.body,
      bodyHtml: liveUpdates.bodyHtml,
      byline: liveUpdates.byline,
      keyEvent: liveUpdates.keyEvent,
      postedAt: sql<number>`coalesce(${liveUpdates.postedAt}, ${liveUpdates.createdAt})`,
      editedAt: liveUpdates.editedAt,
    })
    .from(liveUpdates)
    .where(
      and(
        eq(liveUpdates.articleId, articleId),
        eq(liveUpdates.status, 'posted'),
        isNull(liveUpdates.deletedAt),
        beforeId === null ? undefined : lt(liveUpdates.id, beforeId),
      ),
    )
    .orderBy(desc(liveUpdates.id))
    .limit(limit)
    .all();
  return { ...blog, updates };
}
