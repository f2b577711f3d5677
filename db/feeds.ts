import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { isPublished, selectTeasers, toTeaser } from './articles/reads';
import { renderedHtml } from './articles/writes';
import { getDb, type Db } from './client';
import { articleAuthors, articleKeyPoints, articles, articleTags, authors, tags } from './schema';
import type { AuthorRef, TagRef } from './types';
import type { Article, ArticleTeaser, KeyPoint } from './articles/model';
import { latestUpdateTimes } from './live-blogs';

/** What of an article's story feeds carry beyond its teaser: the HTML its page shows (stored at save) and the text around it. */
export type FeedStory = Pick<Article, 'bodyHtml' | 'whyItMattersHtml' | 'keyPointsTitle' | 'keyPoints' | 'contextNote'>;

/** An article as feeds list it: its teaser, bylines, tags and story. */
export interface FeedArticle extends ArticleTeaser, FeedStory {
  authors: AuthorRef[];
  tags: TagRef[];
}

/** The stories of the given articles, by id, in two queries whatever their number (a row without stored HTML is rendered, as its page would). */
function feedStories(ids: number[], db: Db): Map<number, FeedStory> {
  const points = db
    .select({ articleId: articleKeyPoints.articleId, label: articleKeyPoints.label, text: articleKeyPoints.text })
    .from(articleKeyPoints)
    .where(inArray(articleKeyPoints.articleId, ids))
    .orderBy(asc(articleKeyPoints.articleId), asc(articleKeyPoints.position))
    .all();
  const pointsOf = new Map<number, KeyPoint[]>();
  for (const { articleId, label, text } of points) pointsOf.set(articleId, [...(pointsOf.get(articleId) ?? []), { label, text }]);
  const rows = db
    .select({
      id: articles.id,
      body: articles.body,
      bodyHtml: articles.bodyHtml,
      whyItMatters: articles.whyItMatters,
      whyItMattersHtml: articles.whyItMattersHtml,
      keyPointsTitle: articles.keyPointsTitle,
      contextNote: articles.contextNote,
    })
    .from(articles)
    .where(inArray(articles.id, ids))
    .all();
  return new Map(
    rows.map((row) => {
      const html =
        row.bodyHtml !== null && row.whyItMattersHtml !== null ? { bodyHtml: row.bodyHtml, whyItMattersHtml: row.whyItMattersHtml } : renderedHtml(row, db);
      return [row.id, { ...html, keyPointsTitle: row.keyPointsTitle, keyPoints: pointsOf.get(row.id) ?? [], contextNote: row.contextNote }];
    }),
  );
}

const NO_STORY: FeedStory = { bodyHtml: '', whyItMattersHtml: '', keyPointsTitle: '', keyPoints: [], contextNote: '' };

/** The newest published articles, site-wide or in one section, with their bylines, tags and stories. */
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
  const stories = feedStories(ids, db);
  return teasers.map((teaser) => ({
    ...teaser,
    ...(stories.get(teaser.id) ?? NO_STORY),
    updatedAt: Math.max(teaser.updatedAt, latestUpdates.get(teaser.id) ?? 0),
    authors: ofArticle(bylines, teaser.id),
    tags: ofArticle(topics, teaser.id),
  }));
}
