import { and, asc, count, eq, exists, inArray, isNotNull, sql } from 'drizzle-orm';
import { WRITE_TRANSACTION, getDb, type Db } from './client';
import { articles, articleTags, tags } from './schema';
import type { Tag } from './types';

export function getTag(slug: string, db: Db = getDb()): Tag | null {
  return db.select({ id: tags.id, slug: tags.slug, name: tags.name }).from(tags).where(eq(tags.slug, slug)).get() ?? null;
}

/**
 * A tag as readers may see it: only while at least one published article carries it (listed_at is set
 * exactly then, and the listing index answers in one probe). A tag that only drafts, scheduled or trashed
 * stories carry has no public page: its name is unreviewed text, and its address would reveal the topic.
 */
export function getPublicTag(slug: string, db: Db = getDb()): Tag | null {
  const listed = db
    .select({ one: sql`1` })
    .from(articleTags)
    .where(and(eq(articleTags.tagId, tags.id), isNotNull(articleTags.listedAt)));
  return db.select({ id: tags.id, slug: tags.slug, name: tags.name }).from(tags).where(and(eq(tags.slug, slug), exists(listed))).get() ?? null;
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

/** A tag as the newsroom manages it: how many articles carry it, and how many of those readers see. */
export interface NewsroomTag extends Tag {
  articleCount: number;
  publishedCount: number;
}

const newsroomTagColumns = {
  id: tags.id,
  slug: tags.slug,
  name: tags.name,
  articleCount: count(articles.id),
  publishedCount: sql<number>`count(case when ${articles.status} = 'published' then 1 end)`,
};

function newsroomTagQuery(db: Db) {
  return db
    .select(newsroomTagColumns)
    .from(tags)
    .leftJoin(articleTags, eq(articleTags.tagId, tags.id))
    .leftJoin(articles, eq(articles.id, articleTags.articleId))
    .$dynamic();
}

/** Every tag, used or not, A to Z, with article counts. */
export function listNewsroomTags(db: Db = getDb()): NewsroomTag[] {
  return newsroomTagQuery(db).groupBy(tags.id).orderBy(asc(tags.name), asc(tags.slug)).all();
}

export function getNewsroomTag(id: number, db: Db = getDb()): NewsroomTag | null {
  return newsroomTagQuery(db).where(eq(tags.id, id)).groupBy(tags.id).get() ?? null;
}

/** Returns whether the tag exists. */
export function renameTag(id: number, fields: { name: string; slug: string }, db: Db = getDb()): boolean {
  return db.update(tags).set(fields).where(eq(tags.id, id)).run().changes > 0;
}

/** What a merge did: articles that gained the kept tag, and those that already had it (their old link is dropped). */
export interface TagMergeResult {
  moved: number;
  alreadyTagged: number;
}

/**
 * Moves every article of tag `fromId` to tag `intoId` and deletes `fromId`, all or nothing.
 * Returns null when either tag is missing or they are the same tag.
 */
export function mergeTags(fromId: number, intoId: number, db: Db = getDb()): TagMergeResult | null {
  if (fromId === intoId) return null;
  return db.transaction((tx) => {
    const found = tx.select({ id: tags.id }).from(tags).where(inArray(tags.id, [fromId, intoId])).all();
    if (found.length !== 2) return null;
    const total = tx.select({ n: count() }).from(articleTags).where(eq(articleTags.tagId, fromId)).get()?.n ?? 0;
    const moved = tx
      .insert(articleTags)
      .select(
        tx
          .select({ articleId: articleTags.articleId, tagId: sql<number>`${intoId}`.as('tag_id'), listedAt: articleTags.listedAt })
          .from(articleTags)
          .where(eq(articleTags.tagId, fromId)),
      )
      .onConflictDoNothing()
      .run().changes;
    // Deleting the tag deletes its remaining links (ON DELETE CASCADE).
    tx.delete(tags).where(eq(tags.id, fromId)).run();
    return { moved, alreadyTagged: total - moved };
  }, WRITE_TRANSACTION);
}
