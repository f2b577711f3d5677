import { and, count, desc, eq, inArray, isNull, like, or, sql } from 'drizzle-orm';
import { getDb, type Db } from './client';
import { articles, authors, liveUpdates, media, type ArticleStatus, type LiveUpdateStatus } from './schema';
import type { ImageRef } from './types';
import { showsImage } from '@/lib/markdown';
import { imageRefOf } from '@/lib/media/responsive-images';

/** An uploaded image as the newsroom lists it. `fileName` is its widest variant (lib/media/images.ts names the others). */
export interface MediaItem {
  id: number;
  fileName: string;
  mimeType: string;
  width: number;
  height: number;
  alt: string;
  caption: string;
  credit: string;
  createdAt: number;
}

export interface MediaText {
  alt: string;
  caption: string;
  credit: string;
}

export const MEDIA_PAGE_SIZE = 20;
/** Images a page of the article editor's picker shows. */
export const PICKER_PAGE_SIZE = 12;

const mediaColumns = {
  id: media.id,
  fileName: media.fileName,
  mimeType: media.mimeType,
  width: media.width,
  height: media.height,
  alt: media.alt,
  caption: media.caption,
  credit: media.credit,
  createdAt: media.createdAt,
};

/** Returns the new row's id. */
export function insertMedia(
  fields: MediaText & { fileName: string; mimeType: string; width: number; height: number },
  db: Db = getDb(),
): number {
  return db.insert(media).values(fields).returning({ id: media.id }).get().id;
}

/** One page of the library, newest first, with how many there are in all. */
export function listMedia(
  { page, pageSize = MEDIA_PAGE_SIZE }: { page: number; pageSize?: number },
  db: Db = getDb(),
): { items: MediaItem[]; total: number; pageCount: number } {
  const total = db.select({ n: count() }).from(media).get()?.n ?? 0;
  const items = db
    .select(mediaColumns)
    .from(media)
    .orderBy(desc(media.createdAt), desc(media.id))
    .limit(pageSize)
    .offset((Math.max(1, page) - 1) * pageSize)
    .all();
  return { items, total, pageCount: Math.max(1, Math.ceil(total / pageSize)) };
}

/**
 * The images a form offers to choose from: the newest `count`, and the one already chosen (`chosen`) when
 * it is older than those, so that the form shows it and saving it again keeps it.
 */
export function listMediaChoices(count: number, chosen: number | null, db: Db = getDb()): MediaItem[] {
  const recent = listMedia({ page: 1, pageSize: count }, db).items;
  const current = chosen === null || recent.some((m) => m.id === chosen) ? null : getMedia(chosen, db);
  return current ? [current, ...recent] : recent;
}

export function getMedia(id: number, db: Db = getDb()): MediaItem | null {
  return db.select(mediaColumns).from(media).where(eq(media.id, id)).get() ?? null;
}

/** How many ids one look-up sends to SQLite at a time (well under its 32,766 bound parameters). */
const IDS_PER_QUERY = 500;

/**
 * The images an article body names (story blocks), as readers get them, in one query per 500 ids:
 * a body's images are looked up when it is rendered at save, never per image and never per reader.
 */
export function getImagesByIds(ids: readonly number[], db: Pick<Db, 'select'> = getDb()): Map<number, ImageRef> {
  const images = new Map<number, ImageRef>();
  const wanted = [...new Set(ids)].filter(Number.isSafeInteger);
  for (let i = 0; i < wanted.length; i += IDS_PER_QUERY) {
    for (const row of db.select(mediaColumns).from(media).where(inArray(media.id, wanted.slice(i, i + IDS_PER_QUERY))).all()) {
      images.set(row.id, imageRefOf(row));
    }
  }
  return images;
}

/** Returns whether the image exists. */
export function updateMediaText(id: number, text: MediaText, db: Db = getDb()): boolean {
  return db.update(media).set(text).where(eq(media.id, id)).run().changes > 0;
}

export interface ArticleShowingImage {
  id: number;
  status: ArticleStatus;
  body: string;
  whyItMatters: string;
}

/**
 * The articles (drafts and the trash included) whose body or why-it-matters shows library image `id` in a
 * story block, by id: those whose stored HTML carries its text (decision 17). One look-up in the search
 * index, which the triggers keep on every write of the text (migration 0004): every `::image{id=12 …}`
 * gives it the words "id 12" one after the other, so the phrase finds each such article without a pass
 * over the articles; the block parser then keeps those that truly show it (not "id 12" in a sentence, a
 * code block, or another block's value). No table of its own to keep: nothing new on any write path.
 */
export function articlesShowingImageInText(id: number, db: Db = getDb()): ArticleShowingImage[] {
  if (!Number.isSafeInteger(id) || id < 1) return [];
  const candidates = db.all<ArticleShowingImage>(sql`
    select ${articles.id} as id, ${articles.status} as status, ${articles.body} as body, ${articles.whyItMatters} as whyItMatters
    from article_search cross join ${articles} on ${articles.id} = article_search.rowid
    where article_search match ${`{body why_it_matters} : "id ${id}"`}
    order by ${articles.id}`);
  return candidates.filter((article) => showsImage(article.body, id) || showsImage(article.whyItMatters, id));
}

/** A live blog's update (posted or draft, not deleted) whose text shows the image, with its blog's state. */
export interface LiveUpdateShowingImage {
  id: number;
  articleId: number;
  body: string;
  status: LiveUpdateStatus;
  articleStatus: ArticleStatus;
}

/**
 * The live-blog updates whose text shows image `id`: found by a scan of the update texts that contain the number
 * (updates are far fewer than articles, which need the search index), then read as the renderer reads them.
 */
export function liveUpdatesShowingImage(id: number, db: Db = getDb()): LiveUpdateShowingImage[] {
  if (!Number.isSafeInteger(id) || id < 1) return [];
  return db
    .select({ id: liveUpdates.id, articleId: liveUpdates.articleId, body: liveUpdates.body, status: liveUpdates.status, articleStatus: articles.status })
    .from(liveUpdates)
    .innerJoin(articles, eq(articles.id, liveUpdates.articleId))
    .where(and(isNull(liveUpdates.deletedAt), like(liveUpdates.body, `%${id}%`)))
    .orderBy(liveUpdates.id)
    .all()
    .filter((update) => showsImage(update.body, id));
}

/**
 * Where readers see an image with its text: the published articles it heads or shows in their text or in their
 * live blog's updates (their pages and every listing that shows them) and the authors it portrays. A change to
 * its text re-renders exactly those pages. (Teasers, fronts' included, show an image without its text.)
 */
export function getMediaUsage(id: number, db: Db = getDb()): { publishedArticleIds: number[]; authorSlugs: string[] } {
  const heading = db
    .select({ id: articles.id })
    .from(articles)
    .where(and(eq(articles.heroMediaId, id), eq(articles.status, 'published')))
    .all()
    .map((row) => row.id);
  const inText = articlesShowingImageInText(id, db)
    .filter((article) => article.status === 'published')
    .map((article) => article.id);
  const authorSlugs = db
    .select({ slug: authors.slug })
    .from(authors)
    .where(eq(authors.photoMediaId, id))
    .all()
    .map((row) => row.slug);
  const inLiveUpdates = liveUpdatesShowingImage(id, db)
    .filter((update) => update.status === 'posted' && update.articleStatus === 'published')
    .map((update) => update.articleId);
  return { publishedArticleIds: [...new Set([...heading, ...inText, ...inLiveUpdates])].sort((a, b) => a - b), authorSlugs };
}

/** LIKE's own characters as plain text (with `escape '\\'`). */
const likeContaining = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * One page of the library whose alt text, caption or file name contains `query` (any case; all of it
 * when empty), newest first. A page past the end gives the last page; `page` says which one it is.
 * A LIKE scan of the media table: a library of some thousands of images is read in milliseconds.
 */
export function searchMedia(
  { query, page, pageSize = MEDIA_PAGE_SIZE }: { query: string; page: number; pageSize?: number },
  db: Db = getDb(),
): { items: MediaItem[]; total: number; pageCount: number; page: number } {
  const text = query.trim().slice(0, 100);
  const pattern = likeContaining(text);
  const where = text
    ? or(
        sql`${media.alt} like ${pattern} escape '\\'`,
        sql`${media.caption} like ${pattern} escape '\\'`,
        sql`${media.fileName} like ${pattern} escape '\\'`,
      )
    : undefined;
  const total = db.select({ n: count() }).from(media).where(where).get()?.n ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pageCount);
  const items = db
    .select(mediaColumns)
    .from(media)
    .where(where)
    .orderBy(desc(media.createdAt), desc(media.id))
    .limit(pageSize)
    .offset((current - 1) * pageSize)
    .all();
  return { items, total, pageCount, page: current };
}
