import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { isPublished, selectTeasers, toTeaser } from './articles/reads';
import { getDb, type Db } from './client';
import { articleAuthors, articles, articleTags, authors, tags } from './schema';
import type { AuthorRef, TagRef } from './types';
import type { ArticleTeaser } from './articles/model';
import { latestUpdateTimes } from './live-blogs';

/** An article as feeds list it: its teaser, bylines and tags. */
export interface FeedArticle extends ArticleTeaser {
  authors: AuthorRef[];
  tags: TagRef[];
}

/** The newest published articles, site-wide or in one section, with their bylines and tags. */
export function listFeedArticles({ limit, sectionId }: { limit: number; sectionId?: number }, db: Db = getDb()): FeedArticle[] {
  const teasers = selectTeasers(db)
    .where(and(isPublished, sectionId === undefined ? undefined : eq(articles.sectionId, sectionId)))
    .orderBy(desc(articles.publishedAt), desc(articles.id))
    .limit(limit)
    .all()
    .map(toTeaser);
  if (teasers.length === 0) return [];
  const ids = teasers.map((teaser) => teaser.id);
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
  // A live blog is one item, dated by its latest update.
  const latestUpdates = latestUpdateTimes(ids, db);
  return teasers.map((teaser) => ({
    ...teaser,
    updatedAt: Math.max(teaser.updatedAt, latestUpdates.get(teaser.id) ?? 0),
    authors: ofArticle(bylines, teaser.id),
    tags: ofArticle(topics, teaser.id),
  }));
}
