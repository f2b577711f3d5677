import { and, asc, eq, sql } from 'drizzle-orm';
import { getDb, type Db } from './client';
import { articles, articleTags, tags } from './schema';
import type { Tag } from './types';

export function getTag(slug: string, db: Db = getDb()): Tag | null {
  return db.select({ id: tags.id, slug: tags.slug, name: tags.name }).from(tags).where(eq(tags.slug, slug)).get() ?? null;
}

/** Tags with at least one published article, A to Z, with how many each has. */
export function listTagsInUse(db: Db = getDb()): (Tag & { articleCount: number })[] {
  return db
    .select({ id: tags.id, slug: tags.slug, name: tags.name, articleCount: sql<number>`count(*)` })
    .from(tags)
    .innerJoin(articleTags, eq(articleTags.tagId, tags.id))
    .innerJoin(articles, and(eq(articles.id, articleTags.articleId), eq(articles.status, 'published')))
    .groupBy(tags.id)
    .orderBy(asc(tags.name))
    .all();
}
