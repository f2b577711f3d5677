import { and, asc, desc, eq, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import { articleContentColumns } from './articles/reads';
import { getDb, type Db } from './client';
import {
  articleAuthors,
  articleCorrections,
  articleKeyPoints,
  articleRelated,
  articles,
  articleTags,
  authors,
  liveBlogs,
  sections,
  tags,
  users,
  type ArticleStatus,
} from './schema';
import { matchingArticleIds } from './search';
import { headlineKey, sameHeadline } from '@/lib/newsroom/headline-match';
import type { ArticleFields, Correction } from './articles/model';
import type { StoryType } from '@/lib/story-types';

/** What the newsroom reads: every article whatever its status, for listing and editing. */

export const NEWSROOM_PAGE_SIZE = 30;

export interface NewsroomArticleRow {
  id: number;
  headline: string;
  slug: string;
  status: ArticleStatus;
  type: StoryType;
  sectionName: string;
  sectionSlug: string;
  updatedAt: number;
  publishedAt: number | null;
  createdByName: string | null;
  /** Its live coverage: running, ended, or none (not a live blog). */
  liveBlog: LiveBlogState | null;
}

/** The newsroom list's live-blog filter: coverage running now, ended, or either. */
export const LIVE_BLOG_FILTERS = ['live', 'ended', 'any'] as const;
export type LiveBlogState = 'live' | 'ended';
export type LiveBlogFilter = (typeof LIVE_BLOG_FILTERS)[number];

export const NEWSROOM_SORTS = ['updated', 'published', 'headline'] as const;
export type NewsroomSort = (typeof NEWSROOM_SORTS)[number];

export interface NewsroomFilter {
  status?: ArticleStatus;
  type?: StoryType;
  liveBlog?: LiveBlogFilter;
  authorId?: number;
  sort?: NewsroomSort;
  /** Only what is in the trash; otherwise the trash is left out. */
  trash?: boolean;
  sectionId?: number;
  query?: string;
  createdBy?: number;
  page: number;
}

const newsroomOrder: Record<NewsroomSort, SQL[]> = {
  updated: [desc(articles.updatedAt)],
  // Never-published articles last.
  published: [sql`${articles.publishedAt} is null`, desc(articles.publishedAt)],
  headline: [sql`${articles.headline} collate nocase`],
};

/** Membership in the (small) live_blogs table, tested per listed row as the author filter does. */
function liveBlogCondition(filter: LiveBlogFilter, db: Db): SQL {
  const ended = filter === 'live' ? isNull(liveBlogs.endedAt) : filter === 'ended' ? isNotNull(liveBlogs.endedAt) : undefined;
  return sql`+${articles.id} in ${db.select({ id: liveBlogs.articleId }).from(liveBlogs).where(ended)}`;
}

export function listNewsroomArticles(
  filter: NewsroomFilter,
  db: Db = getDb(),
): { items: NewsroomArticleRow[]; total: number; pageCount: number } {
  const conditions = [
    filter.trash ? isNotNull(articles.deletedAt) : isNull(articles.deletedAt),
    filter.status ? eq(articles.status, filter.status) : undefined,
    filter.type ? eq(articles.type, filter.type) : undefined,
    filter.liveBlog ? liveBlogCondition(filter.liveBlog, db) : undefined,
    filter.sectionId ? eq(articles.sectionId, filter.sectionId) : undefined,
    filter.createdBy ? eq(articles.createdBy, filter.createdBy) : undefined,
    // "+": keep walking the list's own index and test membership, rather than start from the author's articles and sort them.
    filter.authorId
      ? sql`+${articles.id} in ${db.select({ id: articleAuthors.articleId }).from(articleAuthors).where(eq(articleAuthors.authorId, filter.authorId))}`
      : undefined,
    filter.query ? matchingArticleIds(filter.query, db) : undefined,
  ];
  const where = and(...conditions);
  const total = db.select({ n: sql<number>`count(*)` }).from(articles).where(where).get()?.n ?? 0;
  const order = [...newsroomOrder[filter.sort ?? 'updated'], desc(articles.id)];
  // The page's ids first, from the index alone; only those 30 rows are then joined (deep pages stay fast).
  const pageIds = db
    .select({ id: articles.id })
    .from(articles)
    .where(where)
    .orderBy(...order)
    .limit(NEWSROOM_PAGE_SIZE)
    .offset((Math.max(1, filter.page) - 1) * NEWSROOM_PAGE_SIZE)
    .as('page_ids');
  const items = db
    .select({
      id: articles.id,
      headline: articles.headline,
      slug: articles.slug,
      status: articles.status,
      type: articles.type,
      sectionName: sections.name,
      sectionSlug: sections.slug,
      updatedAt: articles.updatedAt,
      publishedAt: articles.publishedAt,
      createdByName: users.name,
      liveBlog: sql<LiveBlogState | null>`case when ${liveBlogs.articleId} is null then null when ${liveBlogs.endedAt} is null then 'live' else 'ended' end`,
    })
    .from(pageIds)
    .innerJoin(articles, eq(articles.id, pageIds.id))
    .innerJoin(sections, eq(sections.id, articles.sectionId))
    .leftJoin(users, eq(users.id, articles.createdBy))
    .leftJoin(liveBlogs, eq(liveBlogs.articleId, articles.id))
    .orderBy(...order)
    .all();
  return { items, total, pageCount: Math.max(1, Math.ceil(total / NEWSROOM_PAGE_SIZE)) };
}

export interface EditableArticle extends ArticleFields {
  id: number;
  version: number;
  status: ArticleStatus;
  sectionSlug: string;
  relatedSlugs: string[];
  tagSlugs: string[];
  authorSlugs: string[];
  createdBy: number | null;
  publishedAt: number | null;
  updatedAt: number;
  deletedAt: number | null;
  corrections: Correction[];
}

export function getEditableArticle(id: number, db: Db = getDb()): EditableArticle | null {
  const row = db
    .select({
      id: articles.id,
      version: articles.version,
      status: articles.status,
      slug: articles.slug,
      type: articles.type,
      sectionId: articles.sectionId,
      sectionSlug: sections.slug,
      ...articleContentColumns,
      headline: articles.headline,
      summary: articles.summary,
      heroMediaId: articles.heroMediaId,
      createdBy: articles.createdBy,
      publishedAt: articles.publishedAt,
      updatedAt: articles.updatedAt,
      deletedAt: articles.deletedAt,
    })
    .from(articles)
    .innerJoin(sections, eq(sections.id, articles.sectionId))
    .where(eq(articles.id, id))
    .get();
  if (!row) return null;
  const articleTagRows = db
    .select({ name: tags.name, slug: tags.slug })
    .from(articleTags)
    .innerJoin(tags, eq(tags.id, articleTags.tagId))
    .where(eq(articleTags.articleId, id))
    .orderBy(asc(tags.name))
    .all();
  const authorRows = db
    .select({ id: authors.id, slug: authors.slug })
    .from(articleAuthors)
    .innerJoin(authors, eq(authors.id, articleAuthors.authorId))
    .where(eq(articleAuthors.articleId, id))
    .orderBy(asc(articleAuthors.position))
    .all();
  return {
    ...row,
    keyPoints: db
      .select({ label: articleKeyPoints.label, text: articleKeyPoints.text })
      .from(articleKeyPoints)
      .where(eq(articleKeyPoints.articleId, id))
      .orderBy(asc(articleKeyPoints.position))
      .all(),
    tagNames: articleTagRows.map((t) => t.name),
    tagSlugs: articleTagRows.map((t) => t.slug),
    authorIds: authorRows.map((a) => a.id),
    authorSlugs: authorRows.map((a) => a.slug),
    ...relatedPicks(id, db),
    corrections: db
      .select({ id: articleCorrections.id, text: articleCorrections.text, publishedAt: articleCorrections.publishedAt })
      .from(articleCorrections)
      .where(eq(articleCorrections.articleId, id))
      .orderBy(asc(articleCorrections.publishedAt))
      .all(),
  };
}

function relatedPicks(articleId: number, db: Db): { relatedIds: number[]; relatedSlugs: string[] } {
  const rows = db
    .select({ id: articles.id, slug: articles.slug })
    .from(articleRelated)
    .innerJoin(articles, eq(articles.id, articleRelated.relatedId))
    .where(eq(articleRelated.articleId, articleId))
    .orderBy(asc(articleRelated.position))
    .all();
  return { relatedIds: rows.map((r) => r.id), relatedSlugs: rows.map((r) => r.slug) };
}

/** The id of the article with this slug, whatever its status (null when there is none). */
export function getArticleIdBySlug(slug: string, db: Db = getDb()): number | null {
  return db.select({ id: articles.id }).from(articles).where(eq(articles.slug, slug)).get()?.id ?? null;
}

export function listAuthorChoices(db: Db = getDb()): { id: number; name: string }[] {
  return db.select({ id: authors.id, name: authors.name }).from(authors).orderBy(asc(authors.name)).all();
}

export function listSectionChoices(db: Db = getDb()): { id: number; name: string; slug: string }[] {
  return db
    .select({ id: sections.id, name: sections.name, slug: sections.slug })
    .from(sections)
    .orderBy(asc(sections.position), asc(sections.name))
    .all();
}

export function isSlugTaken(slug: string, exceptArticleId: number | null, db: Db = getDb()): boolean {
  const row = db.select({ id: articles.id }).from(articles).where(eq(articles.slug, slug)).get();
  return !!row && row.id !== exceptArticleId;
}

/** Articles per status, trash left out; only those `createdBy` created, when given (a writer's own). */
export function countArticlesByStatus(db: Db = getDb(), createdBy?: number): Record<ArticleStatus, number> {
  const counts: Record<ArticleStatus, number> = { draft: 0, review: 0, scheduled: 0, published: 0, archived: 0 };
  for (const row of db
    .select({ status: articles.status, n: sql<number>`count(*)` })
    .from(articles)
    .where(and(isNull(articles.deletedAt), createdBy === undefined ? undefined : eq(articles.createdBy, createdBy)))
    .groupBy(articles.status)
    .all()) {
    counts[row.status] = row.n;
  }
  return counts;
}


export interface SameHeadlineArticle {
  id: number;
  headline: string;
  status: ArticleStatus;
  createdBy: number | null;
  path: string;
}

/**
 * Articles (trash left out) whose headline has the same words as `headline` (lib/headline-match.ts),
 * for the import's duplicate warning. Cheap: the search index narrows the candidates to articles that
 * hold every word, and at most 200 of those are compared.
 */
export function findArticlesWithSameHeadline(headline: string, db: Db = getDb()): SameHeadlineArticle[] {
  const key = headlineKey(headline);
  const candidates = key ? matchingArticleIds(key, db) : undefined;
  if (!candidates) return [];
  return db
    .select({
      id: articles.id,
      headline: articles.headline,
      status: articles.status,
      createdBy: articles.createdBy,
      path: sql<string>`'/' || ${sections.slug} || '/' || ${articles.slug}`,
    })
    .from(articles)
    .innerJoin(sections, eq(sections.id, articles.sectionId))
    .where(and(candidates, isNull(articles.deletedAt)))
    .orderBy(desc(articles.id))
    .limit(200)
    .all()
    .filter((article) => sameHeadline(article.headline, headline))
    .slice(0, 5);
}
