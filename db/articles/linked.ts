import { and, eq } from 'drizzle-orm';
import { getDb, type Db } from '../client';
import { articleAuthors, articles, articleTags } from '../schema';

/** The tables that file an article under a tag or an author's byline. */
const links = {
  tag: { table: articleTags, articleId: articleTags.articleId, ownerId: articleTags.tagId },
  author: { table: articleAuthors, articleId: articleAuthors.articleId, ownerId: articleAuthors.authorId },
};

/**
 * The published articles carrying a tag or an author's byline: the reader pages (each article's and the
 * listings showing it) that a change to the tag's or author's name must re-render.
 */
export function listPublishedArticleIdsLinkedTo(owner: { kind: keyof typeof links; id: number }, db: Db = getDb()): number[] {
  const link = links[owner.kind];
  return db
    .select({ id: articles.id })
    .from(link.table)
    .innerJoin(articles, and(eq(articles.id, link.articleId), eq(articles.status, 'published')))
    .where(eq(link.ownerId, owner.id))
    .all()
    .map((row) => row.id);
}
