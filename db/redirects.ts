import { and, eq } from 'drizzle-orm';
import { getDb, type Db } from './client';
import { articles, redirects, sections } from './schema';

/** Where an old article address leads now: the article's current section and slug, if it is published. */
export function getRedirectTarget(fromPath: string, db: Db = getDb()): { section: string; slug: string } | null {
  return (
    db
      .select({ section: sections.slug, slug: articles.slug })
      .from(redirects)
      .innerJoin(articles, and(eq(articles.id, redirects.articleId), eq(articles.status, 'published')))
      .innerJoin(sections, eq(sections.id, articles.sectionId))
      .where(eq(redirects.fromPath, fromPath))
      .get() ?? null
  );
}
