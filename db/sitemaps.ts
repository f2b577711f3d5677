import { and, asc, desc, eq, exists, gt, gte, lt, max, sql } from 'drizzle-orm';
import { isPublished } from './articles/reads';
import { getDb, type Db } from './client';
import { articleAuthors, articles, articleTags, authors, sections, tags } from './schema';

/** Reads for the sitemaps. Times are epoch milliseconds; months are UTC calendar months ('2026-11'). */

const publishedMonth = sql<string>`strftime('%Y-%m', ${articles.publishedAt} / 1000, 'unixepoch')`;

/** Every month with published articles, oldest first: how many, and when the newest change to one was. */
export function listSitemapMonths(db: Db = getDb()): { month: string; articleCount: number; lastModified: number }[] {
  return db
    .select({ month: publishedMonth, articleCount: sql<number>`count(*)`, lastModified: sql<number>`max(${articles.updatedAt})` })
    .from(articles)
    .where(isPublished)
    .groupBy(publishedMonth)
    .orderBy(asc(publishedMonth))
    .all();
}

/** The UTC instants a '2026-11' month starts and ends at (end exclusive). */
export function monthBounds(month: string): { start: number; end: number } {
  const [year = NaN, monthNumber = NaN] = month.split('-').map(Number);
  return { start: Date.UTC(year, monthNumber - 1, 1), end: Date.UTC(year, monthNumber, 1) };
}

/** A slice of one month's published articles, in publication order (stable, so slices never overlap). */
export function listSitemapArticles(
  month: string,
  { offset, limit }: { offset: number; limit: number },
  db: Db = getDb(),
): { sectionSlug: string; slug: string; updatedAt: number }[] {
  const { start, end } = monthBounds(month);
  return db
    .select({ sectionSlug: sections.slug, slug: articles.slug, updatedAt: articles.updatedAt })
    .from(articles)
    .innerJoin(sections, eq(sections.id, articles.sectionId))
    .where(and(isPublished, gte(articles.publishedAt, start), lt(articles.publishedAt, end)))
    .orderBy(asc(articles.publishedAt), asc(articles.id))
    .limit(limit)
    .offset(offset)
    .all();
}

/** When the newest published article came out (a listing page changes when one is added), or null. */
export function getNewestPublicationTime(db: Db = getDb()): number | null {
  return db.select({ at: max(articles.publishedAt) }).from(articles).where(isPublished).get()?.at ?? null;
}

/** Every section, in navigation order, with when its newest article came out (null for none yet). */
export function listSitemapSections(db: Db = getDb()): { slug: string; lastPublished: number | null }[] {
  const newest = db
    .select({ at: max(articles.publishedAt) })
    .from(articles)
    .where(and(eq(articles.sectionId, sections.id), isPublished));
  return db
    .select({ slug: sections.slug, lastPublished: sql<number | null>`(${newest})` })
    .from(sections)
    .orderBy(asc(sections.position), asc(sections.name))
    .all();
}

const owners = {
  tags: { table: tags, id: tags.id, slug: tags.slug, link: articleTags, linkOwner: articleTags.tagId, linkArticle: articleTags.articleId },
  authors: { table: authors, id: authors.id, slug: authors.slug, link: articleAuthors, linkOwner: articleAuthors.authorId, linkArticle: articleAuthors.articleId },
};

/**
 * The slugs of the tags or authors that have published articles (the others' pages are empty), A to Z.
 * Only whether one exists: the newest per tag would read every byline and tag link (0.6 s at 100k articles).
 */
export function listSitemapOwners(kind: keyof typeof owners, db: Db = getDb()): string[] {
  const owner = owners[kind];
  const hasPublished = db
    .select({ one: sql`1` })
    .from(owner.link)
    .innerJoin(articles, and(eq(articles.id, owner.linkArticle), isPublished))
    .where(eq(owner.linkOwner, owner.id));
  return db
    .select({ slug: owner.slug })
    .from(owner.table)
    .where(exists(hasPublished))
    .orderBy(asc(owner.slug))
    .all()
    .map((row) => row.slug);
}

/** Articles published after `since`, newest first, for the Google News sitemap. */
export function listNewsSitemapArticles(
  since: number,
  limit: number,
  db: Db = getDb(),
): { sectionSlug: string; slug: string; headline: string; publishedAt: number }[] {
  return db
    .select({ sectionSlug: sections.slug, slug: articles.slug, headline: articles.headline, publishedAt: sql<number>`${articles.publishedAt}` })
    .from(articles)
    .innerJoin(sections, eq(sections.id, articles.sectionId))
    .where(and(isPublished, gt(articles.publishedAt, since)))
    .orderBy(desc(articles.publishedAt), desc(articles.id))
    .limit(limit)
    .all();
}
