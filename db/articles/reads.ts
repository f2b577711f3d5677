import { and, asc, desc, eq, inArray, isNotNull, like, lte, notInArray, sql, type SQL } from 'drizzle-orm';
import { getDb, type Db } from '../client';
import {
  articleAuthors,
  articleCorrections,
  articleKeyPoints,
  articleRelated,
  articles,
  articleTags,
  authors,
  media,
  sections,
  tags,
} from '../schema';
import type { Paged } from '../types';
import { ARTICLE_TEXT_FIELDS, articleText, type Article, type ArticleTeaser, type ArticleTextField } from './model';
import { imageRefOf } from '@/lib/media/responsive-images';
import { renderedHtml } from './writes';
import { similarArticles } from '../related';

export const PAGE_SIZE = 20;

const isPublished = eq(articles.status, 'published');
/**
 * The same test with SQLite's "+" no-index marker: where a query should start from a join table's index
 * (articles sharing a tag, view counts), this keeps the planner from starting at the ~all-published
 * status index instead, which it otherwise takes for selective (measured: 170 ms → 2-15 ms at 100k).
 */
const isPublishedNotDriving = sql`+${articles.status} = 'published'`;

const teaserColumns = {
  id: articles.id,
  slug: articles.slug,
  type: articles.type,
  headline: articles.headline,
  summary: articles.summary,
  publishedAt: articles.publishedAt,
  updatedAt: articles.updatedAt,
  sectionSlug: sections.slug,
  sectionName: sections.name,
  imageFile: media.fileName,
  imageWidth: media.width,
  imageHeight: media.height,
  imageAlt: media.alt,
  imageCaption: media.caption,
  imageCredit: media.credit,
  /** A live blog whose coverage has not ended (the LIVE label): one primary-key lookup. */
  live: sql<number>`exists(select 1 from live_blogs where live_blogs.article_id = ${articles.id} and live_blogs.ended_at is null)`,
};

type TeaserRow = {
  id: number;
  slug: string;
  type: ArticleTeaser['type'];
  headline: string;
  summary: string;
  publishedAt: number | null;
  updatedAt: number;
  sectionSlug: string;
  sectionName: string;
  imageFile: string | null;
  imageWidth: number | null;
  imageHeight: number | null;
  imageAlt: string | null;
  imageCaption: string | null;
  imageCredit: string | null;
  live: number;
};

function toTeaser(row: TeaserRow): ArticleTeaser {
  return {
    id: row.id,
    slug: row.slug,
    type: row.type,
    headline: row.headline,
    summary: row.summary,
    section: { slug: row.sectionSlug, name: row.sectionName },
    publishedAt: row.publishedAt ?? row.updatedAt,
    updatedAt: row.updatedAt,
    live: row.live === 1,
    image:
      row.imageFile === null
        ? null
        : imageRefOf({
            fileName: row.imageFile,
            width: row.imageWidth ?? 0,
            height: row.imageHeight ?? 0,
            alt: row.imageAlt ?? '',
            caption: row.imageCaption ?? '',
            credit: row.imageCredit ?? '',
          }),
  };
}

function selectTeasers(db: Db) {
  return db
    .select(teaserColumns)
    .from(articles)
    .innerJoin(sections, eq(sections.id, articles.sectionId))
    .leftJoin(media, eq(media.id, articles.heroMediaId));
}

export type ListingOwner = { kind: 'section' | 'tag' | 'author'; id: number };

/**
 * The published articles of a tag or author come straight off their link table's listing index (its
 * copy of published_at, kept by triggers: migration 0005); a section's, off the articles table's own.
 */
function linkTableOf(owner: Exclude<ListingOwner, { kind: 'section' }>) {
  return owner.kind === 'tag'
    ? { ownerId: articleTags.tagId, articleId: articleTags.articleId, listedAt: articleTags.listedAt, table: articleTags }
    : { ownerId: articleAuthors.authorId, articleId: articleAuthors.articleId, listedAt: articleAuthors.listedAt, table: articleAuthors };
}

function countListed(db: Db, owner: ListingOwner): number {
  if (owner.kind === 'section') {
    return db.select({ n: sql<number>`count(*)` }).from(articles).where(and(isPublished, eq(articles.sectionId, owner.id))).get()?.n ?? 0;
  }
  const link = linkTableOf(owner);
  return db.select({ n: sql<number>`count(*)` }).from(link.table).where(and(eq(link.ownerId, owner.id), isNotNull(link.listedAt))).get()?.n ?? 0;
}

/** The ids of one page of a listing, newest first: an index range, however deep the page. */
function listingPageIds(db: Db, owner: ListingOwner, page: number) {
  const offset = (page - 1) * PAGE_SIZE;
  if (owner.kind === 'section') {
    return db
      .select({ id: articles.id })
      .from(articles)
      .where(and(isPublished, eq(articles.sectionId, owner.id)))
      .orderBy(...newestFirst)
      .limit(PAGE_SIZE)
      .offset(offset)
      .as('page_ids');
  }
  const link = linkTableOf(owner);
  return db
    .select({ id: link.articleId })
    .from(link.table)
    .where(and(eq(link.ownerId, owner.id), isNotNull(link.listedAt)))
    .orderBy(desc(link.listedAt), desc(link.articleId))
    .limit(PAGE_SIZE)
    .offset(offset)
    .as('page_ids');
}

const pageCountOf = (total: number) => Math.max(1, Math.ceil(total / PAGE_SIZE));

/** How many pages a section, tag or author listing has (at least one, even when empty). */
export function countListingPages(owner: ListingOwner, db: Db = getDb()): number {
  return pageCountOf(countListed(db, owner));
}

/** One page (20 articles, newest first) of a section's, tag's or author's articles; null past the last page. */
export function listListingArticles(owner: ListingOwner, page: number, db: Db = getDb()): Paged<ArticleTeaser> | null {
  const total = countListed(db, owner);
  const pageCount = pageCountOf(total);
  if (!Number.isSafeInteger(page) || page < 1 || page > pageCount) return null;
  // The page's ids first, straight from an index; only those 20 rows are joined (page 500 stays fast).
  const pageIds = listingPageIds(db, owner, page);
  const items = selectTeasers(db)
    .innerJoin(pageIds, eq(pageIds.id, articles.id))
    .orderBy(...newestFirst)
    .all()
    .map(toTeaser);
  return { items, page, pageCount, total };
}

const newestFirst = [desc(articles.publishedAt), desc(articles.id)];

/** The newest published articles, site-wide or in one section, leaving out those already shown. */
export function listLatestArticles(
  { limit, sectionId, excludeIds = [] }: { limit: number; sectionId?: number; excludeIds?: number[] },
  db: Db = getDb(),
): ArticleTeaser[] {
  return selectTeasers(db)
    .where(
      and(
        isPublished,
        sectionId === undefined ? undefined : eq(articles.sectionId, sectionId),
        excludeIds.length ? notInArray(articles.id, excludeIds) : undefined,
      ),
    )
    .orderBy(...newestFirst)
    .limit(limit)
    .all()
    .map(toTeaser);
}

/** A published article by its slug, whatever section it is in (the caller redirects a wrong section). */
export function getPublishedArticle(slug: string, db: Db = getDb()): Article | null {
  return loadArticle(and(isPublished, eq(articles.slug, slug)), db);
}

/** Any article by id, whatever its status: for the newsroom's preview. */
export function getArticleForPreview(id: number, db: Db = getDb()): Article | null {
  return loadArticle(eq(articles.id, id), db);
}

/** The columns of an article's text beyond its teaser (headline and summary are teaser columns). */
export const articleContentColumns = Object.fromEntries(
  ARTICLE_TEXT_FIELDS.filter((field) => field !== 'headline' && field !== 'summary').map((field) => [field, articles[field]]),
) as { [K in Exclude<ArticleTextField, 'headline' | 'summary'>]: (typeof articles)[K] };

function loadArticle(where: SQL | undefined, db: Db): Article | null {
  const row = db
    .select({ ...teaserColumns, ...articleContentColumns, bodyHtml: articles.bodyHtml, whyItMattersHtml: articles.whyItMattersHtml })
    .from(articles)
    .innerJoin(sections, eq(sections.id, articles.sectionId))
    .leftJoin(media, eq(media.id, articles.heroMediaId))
    .where(where)
    .get();
  if (!row) return null;
  const html =
    row.bodyHtml !== null && row.whyItMattersHtml !== null
      ? { bodyHtml: row.bodyHtml, whyItMattersHtml: row.whyItMattersHtml }
      : storeArticleHtml(db, row.id, row);
  return {
    ...toTeaser(row),
    ...html,
    ...articleText(row),
    keyPoints: db
      .select({ label: articleKeyPoints.label, text: articleKeyPoints.text })
      .from(articleKeyPoints)
      .where(eq(articleKeyPoints.articleId, row.id))
      .orderBy(asc(articleKeyPoints.position))
      .all(),
    authors: db
      .select({ slug: authors.slug, name: authors.name, photoFile: media.fileName, photoWidth: media.width, photoHeight: media.height })
      .from(articleAuthors)
      .innerJoin(authors, eq(authors.id, articleAuthors.authorId))
      .leftJoin(media, eq(media.id, authors.photoMediaId))
      .where(eq(articleAuthors.articleId, row.id))
      .orderBy(asc(articleAuthors.position))
      .all()
      .map(({ photoFile, photoWidth, photoHeight, ...author }) => ({
        ...author,
        // The photo stands beside the name: its alt text is the name, whatever the library calls the image.
        photo:
          photoFile === null
            ? null
            : imageRefOf({ fileName: photoFile, width: photoWidth ?? 0, height: photoHeight ?? 0, alt: author.name, caption: '', credit: '' }),
      })),
    tags: db
      .select({ slug: tags.slug, name: tags.name })
      .from(articleTags)
      .innerJoin(tags, eq(tags.id, articleTags.tagId))
      .where(eq(articleTags.articleId, row.id))
      .orderBy(asc(tags.name))
      .all(),
    corrections: db
      .select({ id: articleCorrections.id, text: articleCorrections.text, publishedAt: articleCorrections.publishedAt })
      .from(articleCorrections)
      .where(eq(articleCorrections.articleId, row.id))
      .orderBy(asc(articleCorrections.publishedAt))
      .all(),
  };
}

/** What a published article's share card shows, or null when no published article has this id. */
export function getPublishedArticleCard(id: number, db: Db = getDb()): { headline: string; sectionName: string; updatedAt: number } | null {
  return (
    db
      .select({ headline: articles.headline, sectionName: sections.name, updatedAt: articles.updatedAt })
      .from(articles)
      .innerJoin(sections, eq(sections.id, articles.sectionId))
      .where(and(isPublished, eq(articles.id, id)))
      .get() ?? null
  );
}

/** Just enough to know a slug names a published article, and where it lives. */
export function getPublishedArticleRef(slug: string, db: Db = getDb()): { id: number; section: string } | null {
  return (
    db
      .select({ id: articles.id, section: sections.slug })
      .from(articles)
      .innerJoin(sections, eq(sections.id, articles.sectionId))
      .where(and(isPublished, eq(articles.slug, slug)))
      .get() ?? null
  );
}

/**
 * Whether an address belonged to an article readers could see that has since been moved to the trash:
 * such an address is gone (410), not missing (404). A scheduled article trashed before its time never was live.
 */
export function isRemovedArticle(sectionSlug: string, slug: string, db: Db = getDb()): boolean {
  const row = db
    .select({ id: articles.id })
    .from(articles)
    .innerJoin(sections, eq(sections.id, articles.sectionId))
    .where(
      and(
        eq(articles.slug, slug),
        eq(sections.slug, sectionSlug),
        isNotNull(articles.deletedAt),
        lte(articles.publishedAt, articles.deletedAt),
      ),
    )
    .get();
  return row !== undefined;
}

// How far back each of an article's topics is searched for related stories: a big topic's thousands
// of older stories are never read (at 100k articles: 27 ms → under 1 ms), and recent ones matter more.
const RELATED_CANDIDATES_PER_TAG = 200;

/**
 * The ids of the published articles sharing the most tags with this one (newest first among equals),
 * counted over each tag's newest published articles, straight off the link table's listing index.
 */
function articlesSharingMostTags(db: Db, articleId: number, excluded: ReadonlySet<number>, limit: number): number[] {
  const ownTags = db.select({ tagId: articleTags.tagId }).from(articleTags).where(eq(articleTags.articleId, articleId)).all();
  const shared = new Map<number, { tags: number; listedAt: number }>();
  for (const { tagId } of ownTags) {
    const newest = db
      .select({ id: articleTags.articleId, listedAt: articleTags.listedAt })
      .from(articleTags)
      .where(and(eq(articleTags.tagId, tagId), isNotNull(articleTags.listedAt)))
      .orderBy(desc(articleTags.listedAt), desc(articleTags.articleId))
      .limit(RELATED_CANDIDATES_PER_TAG)
      .all();
    for (const { id, listedAt } of newest) {
      if (!excluded.has(id)) shared.set(id, { tags: (shared.get(id)?.tags ?? 0) + 1, listedAt: listedAt ?? 0 });
    }
  }
  return [...shared]
    .sort(([idA, a], [idB, b]) => b.tags - a.tags || b.listedAt - a.listedAt || idB - idA)
    .slice(0, limit)
    .map(([id]) => id);
}

/** How related stories are found after the editors' picks: by what they are about (the default), or by shared tags alone (the earlier rule, kept to measure against). */
export type RelatedMethod = 'similar' | 'shared-tags';

/**
 * Related articles: the editors' picks in their order, then the stories about the same thing (db/related.ts:
 * distinctive words and specific tags in common, best first; weak matches left out), then the same section,
 * newest first; never the article itself or an unpublished one.
 */
export function listRelatedArticles(
  articleId: number,
  limit: number,
  db: Db = getDb(),
  { method = 'similar' }: { method?: RelatedMethod } = {},
): ArticleTeaser[] {
  const picked = selectTeasers(db)
    .innerJoin(articleRelated, and(eq(articleRelated.relatedId, articles.id), eq(articleRelated.articleId, articleId)))
    .where(isPublished)
    .orderBy(asc(articleRelated.position))
    .limit(limit)
    .all();
  const chosen = new Set([articleId, ...picked.map((r) => r.id)]);
  const result = [...picked];

  if (result.length < limit && method === 'similar') {
    const similar = similarArticles(db, articleId, chosen).map((article) => article.id);
    // The word evidence also comes from drafts: teasers are read for published ones only, a few more than needed at a time.
    for (let from = 0; result.length < limit && from < similar.length; from += 2 * limit) {
      const ids = similar.slice(from, from + 2 * limit);
      const teasers = new Map(selectTeasers(db).where(and(isPublishedNotDriving, inArray(articles.id, ids))).all().map((row) => [row.id, row]));
      for (const id of ids) {
        const teaser = teasers.get(id);
        if (!teaser || result.length >= limit) continue;
        chosen.add(id);
        result.push(teaser);
      }
    }
  }

  if (result.length < limit && method === 'shared-tags') {
    const best = articlesSharingMostTags(db, articleId, chosen, limit - result.length);
    const teasers = new Map(selectTeasers(db).where(and(isPublishedNotDriving, inArray(articles.id, best))).all().map((row) => [row.id, row]));
    for (const id of best) {
      const teaser = teasers.get(id);
      if (!teaser) continue;
      chosen.add(id);
      result.push(teaser);
    }
  }

  if (result.length < limit) {
    const sameSection = selectTeasers(db)
      .where(
        and(
          isPublished,
          eq(articles.sectionId, sql`(select section_id from articles where id = ${articleId})`),
          notInArray(articles.id, [...chosen]),
        ),
      )
      .orderBy(...newestFirst)
      .limit(limit - result.length)
      .all();
    result.push(...sameSection);
  }
  return result.map(toTeaser);
}

export { selectTeasers, toTeaser, isPublished, isPublishedNotDriving };

/**
 * Renders and stores the HTML of an article that has none yet (a row older than the columns, or whose
 * text was changed by a write that did not render it: a trigger clears the stored HTML then).
 */
function storeArticleHtml(db: Db, id: number, text: { body: string; whyItMatters: string }) {
  const html = renderedHtml(text, db);
  db.update(articles).set(html).where(eq(articles.id, id)).run();
  return html;
}

/** Renders and stores the HTML of every article that has none yet, a batch at a time; returns how many. */
export function fillMissingArticleHtml(db: Db, batch = 200): number {
  let filled = 0;
  for (;;) {
    const rows = db
      .select({ id: articles.id, body: articles.body, whyItMatters: articles.whyItMatters })
      .from(articles)
      .where(sql`${articles.bodyHtml} is null or ${articles.whyItMattersHtml} is null`)
      .limit(batch)
      .all();
    if (rows.length === 0) return filled;
    db.transaction((tx) => {
      for (const row of rows) tx.update(articles).set(renderedHtml(row, tx)).where(eq(articles.id, row.id)).run();
    });
    filled += rows.length;
  }
}

/**
 * Renders again and stores the HTML of these articles' text, as a change to the text of a library image
 * they show requires (the renderer writes the image's alt text, caption and credit into it, decision 17).
 * Only the HTML is written: the text, version, dates and revisions stay, as this is no edit of the article.
 */
export function renderArticleHtmlAgain(db: Db, rows: readonly { id: number; body: string; whyItMatters: string }[]): void {
  for (const row of rows) db.update(articles).set(renderedHtml(row, db)).where(eq(articles.id, row.id)).run();
}

/**
 * Renders again the stored HTML of the articles whose body names library images (story blocks): the demo
 * seed, which adds each image with the article it heads, after some of the articles that name it.
 */
export function renderAgainArticlesWithImages(db: Db): number {
  db.update(articles).set({ bodyHtml: null }).where(like(articles.body, '%::image{%')).run();
  return fillMissingArticleHtml(db);
}
