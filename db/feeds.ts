import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { isPublished } from './articles';
import { getDb, type Db } from './client';
import { articleAuthors, articles, articleTags, authors, sections, tags } from './schema';
import type { AuthorRef, SectionRef, TagRef } from './types';

/** An article as feeds list it: what a reader's feed app shows, and what identifies it for good. */
export interface FeedArticle {
  id: number;
  slug: string;
  headline: string;
  summary: string;
  section: SectionRef;
  publishedAt: number;
  updatedAt: number;
  authors: AuthorRef[];
  tags: TagRef[];
}

/** The newest published articles, site-wide or in one section, with their bylines and tags. */
export function listFeedArticles({ limit, sectionId }: { limit: number; sectionId?: number }, db: Db = getDb()): FeedArticle[] {
  const rows = db
    .select({
      id: articles.id,
      slug: articles.slug,
      headline: articles.headline,
      summary: articles.summary,
      publishedAt: articles.publishedAt,
      updatedAt: articles.updatedAt,
      sectionSlug: sections.slug,
      sectionName: sections.name,
    })
    .from(articles)
    .innerJoin(sections, eq(sections.id, articles.sectionId))
    .where(and(isPublished, sectionId === undefined ? undefined : eq(articles.sectionId, sectionId)))
    .orderBy(desc(articles.publishedAt), desc(articles.id))
    .limit(limit)
    .all();
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const bylines = db
    .select({ articleId: articleAuthors.articleId, slug: authors.slug, name: authors.name })
    .from(articleAuthors)
    .innerJoin(authors, eq(authors.id, articleAuthors.authorId))
    .where(inArray(articleAuthors.articleId, ids))
    .orderBy(asc(articleAuthors.position))
    .all();
  const topics = db
    .select({ articleId: articleTags.articleId, slug: tags.slug, name: tags.name })
    .from(articleTags)
    .innerJoin(tags, eq(tags.id, articleTags.tagId))
    .where(inArray(articleTags.articleId, ids))
    .orderBy(asc(tags.name))
    .all();
  const ofArticle = <T extends { articleId: number; slug: string; name: string }>(list: T[], id: number) =>
    list.filter((item) => item.articleId === id).map(({ slug, name }) => ({ slug, name }));
  return rows.map((row) => ({
    id: row.id,
    slug: row.slug,
    headline: row.headline,
    summary: row.summary,
    section: { slug: row.sectionSlug, name: row.sectionName },
    publishedAt: row.publishedAt ?? row.updatedAt,
    updatedAt: row.updatedAt,
    authors: ofArticle(bylines, row.id),
    tags: ofArticle(topics, row.id),
  }));
}
