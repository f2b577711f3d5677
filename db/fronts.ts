import { and, asc, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { getDb, type Db } from './client';
import { articles, frontSlots, fronts, media, sections, users } from './schema';
import type { ArticleStatus } from './schema';
import type { ArticleTeaser } from './articles/model';
import { selectTeasers, toTeaser } from './articles/reads';
import { imageRefOf } from '@/lib/media/responsive-images';

/**
 * Front pages as editors arrange them (tables `fronts` and `front_slots`): which story is pinned at which
 * position, with optional texts and image for the front only. The rules (how many slots, what may be
 * pinned, how empty slots fill) are in lib/newsroom/fronts.ts and lib/reader/fronts.ts.
 */

/** The home page's front, or a section's (by id, so a renamed section keeps its arrangement). */
export const frontKeyOf = (sectionId: number | null) => (sectionId === null ? 'home' : `section:${sectionId}`);

/** A slot as saved: the pinned article and what the front says instead of its own texts and image. */
export interface FrontSlotInput {
  position: number;
  articleId: number;
  headline: string;
  summary: string;
  mediaId: number | null;
}

/** A saved slot with what the newsroom needs to show it: the article's state now. */
export interface FrontSlotRecord extends FrontSlotInput {
  article: { id: number; slug: string; headline: string; status: ArticleStatus; sectionSlug: string; deleted: boolean; publishedAt: number | null };
}

export interface FrontArrangement {
  key: string;
  /** 0 while never saved. */
  version: number;
  updatedAt: number | null;
  updatedByEmail: string | null;
  slots: FrontSlotRecord[];
}

/** The front's saved arrangement, for the newsroom (every pinned story, whatever its state now). */
export function getFrontArrangement(key: string, db: Db = getDb()): FrontArrangement {
  const head = db
    .select({ version: fronts.version, updatedAt: fronts.updatedAt, email: users.email })
    .from(fronts)
    .leftJoin(users, eq(users.id, fronts.updatedBy))
    .where(eq(fronts.key, key))
    .get();
  const slots = db
    .select({
      position: frontSlots.position,
      articleId: frontSlots.articleId,
      headline: frontSlots.headline,
      summary: frontSlots.summary,
      mediaId: frontSlots.mediaId,
      slug: articles.slug,
      articleHeadline: articles.headline,
      status: articles.status,
      sectionSlug: sections.slug,
      deletedAt: articles.deletedAt,
      publishedAt: articles.publishedAt,
    })
    .from(frontSlots)
    .innerJoin(articles, eq(articles.id, frontSlots.articleId))
    .innerJoin(sections, eq(sections.id, articles.sectionId))
    .where(eq(frontSlots.frontKey, key))
    .orderBy(asc(frontSlots.position))
    .all()
    .map((row) => ({
      position: row.position,
      articleId: row.articleId,
      headline: row.headline,
      summary: row.summary,
      mediaId: row.mediaId,
      article: {
        id: row.articleId,
        slug: row.slug,
        headline: row.articleHeadline,
        status: row.status,
        sectionSlug: row.sectionSlug,
        deleted: row.deletedAt !== null,
        publishedAt: row.publishedAt,
      },
    }));
  return { key, version: head?.version ?? 0, updatedAt: head?.updatedAt ?? null, updatedByEmail: head?.email ?? null, slots };
}

/** A pinned slot as readers get it: the teaser with the front's own texts and image in place of the article's. */
export interface LiveFrontSlot {
  position: number;
  teaser: ArticleTeaser;
}

/**
 * The front's pinned stories that readers may see now (published, not in the trash), and the ids of every
 * pinned story (live or not: the page is tagged with them, so a scheduled story going live refreshes it).
 */
export function listLiveFrontSlots(key: string, db: Db = getDb()): { live: LiveFrontSlot[]; pinnedIds: number[] } {
  const slots = db
    .select({ position: frontSlots.position, articleId: frontSlots.articleId, headline: frontSlots.headline, summary: frontSlots.summary, mediaId: frontSlots.mediaId })
    .from(frontSlots)
    .where(eq(frontSlots.frontKey, key))
    .orderBy(asc(frontSlots.position))
    .all();
  if (slots.length === 0) return { live: [], pinnedIds: [] };
  const pinnedIds = slots.map((s) => s.articleId);
  const teasers = new Map(
    selectTeasers(db)
      .where(and(inArray(articles.id, pinnedIds), eq(articles.status, 'published'), isNull(articles.deletedAt)))
      .all()
      .map((row) => [row.id, toTeaser(row)] as const),
  );
  const mediaIds = slots.flatMap((s) => (s.mediaId === null ? [] : [s.mediaId]));
  const images = new Map(
    mediaIds.length === 0
      ? []
      : db
          .select()
          .from(media)
          .where(inArray(media.id, mediaIds))
          .all()
          .map((m) => [m.id, imageRefOf({ fileName: m.fileName, width: m.width, height: m.height, alt: m.alt, caption: m.caption, credit: m.credit })] as const),
  );
  const live = slots.flatMap((slot) => {
    const teaser = teasers.get(slot.articleId);
    if (!teaser) return [];
    const image = slot.mediaId === null ? teaser.image : (images.get(slot.mediaId) ?? teaser.image);
    return [{ position: slot.position, teaser: { ...teaser, headline: slot.headline || teaser.headline, summary: slot.summary || teaser.summary, image } }];
  });
  return { live, pinnedIds };
}

/**
 * Replaces the front's arrangement if it is still at `expectedVersion`; answers the new version, or the
 * version found when someone saved in between (nothing written then). Run inside the caller's transaction.
 */
export function replaceFrontArrangement(
  key: string,
  expectedVersion: number,
  slots: readonly FrontSlotInput[],
  userId: number | null,
  db: Db = getDb(),
  now = Date.now(),
): { saved: true; version: number } | { saved: false; version: number } {
  const current = db.select({ version: fronts.version }).from(fronts).where(eq(fronts.key, key)).get()?.version ?? 0;
  if (current !== expectedVersion) return { saved: false, version: current };
  const version = current + 1;
  db.insert(fronts)
    .values({ key, version, updatedAt: now, updatedBy: userId })
    .onConflictDoUpdate({ target: fronts.key, set: { version, updatedAt: now, updatedBy: userId } })
    .run();
  db.delete(frontSlots).where(eq(frontSlots.frontKey, key)).run();
  if (slots.length > 0) db.insert(frontSlots).values(slots.map((slot) => ({ ...slot, frontKey: key }))).run();
  return { saved: true, version };
}

/** An article an editor may name for a slot, as the newsroom identifies it. */
export interface FrontCandidate {
  id: number;
  slug: string;
  headline: string;
  status: ArticleStatus;
  sectionSlug: string;
  deleted: boolean;
}

const candidateColumns = {
  id: articles.id,
  slug: articles.slug,
  headline: articles.headline,
  status: articles.status,
  sectionSlug: sections.slug,
  deletedAt: articles.deletedAt,
};

const toCandidate = ({ deletedAt, ...row }: { deletedAt: number | null } & Omit<FrontCandidate, 'deleted'>): FrontCandidate => ({ ...row, deleted: deletedAt !== null });

/** Articles by slug (whatever their state: the rules decide what may be pinned). */
export function findArticlesBySlug(slugs: readonly string[], db: Db = getDb()): FrontCandidate[] {
  if (slugs.length === 0) return [];
  return db
    .select(candidateColumns)
    .from(articles)
    .innerJoin(sections, eq(sections.id, articles.sectionId))
    .where(inArray(articles.slug, [...slugs]))
    .all()
    .map(toCandidate);
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Published and scheduled articles whose headline or slug contains `text`, newest first: the slot picker's suggestions. */
export function searchFrontCandidates(text: string, limit: number, db: Db = getDb()): FrontCandidate[] {
  const pattern = `%${escapeLike(text)}%`;
  return db
    .select(candidateColumns)
    .from(articles)
    .innerJoin(sections, eq(sections.id, articles.sectionId))
    .where(
      and(
        inArray(articles.status, ['published', 'scheduled']),
        isNull(articles.deletedAt),
        or(sql`${articles.headline} like ${pattern} escape '\\'`, sql`${articles.slug} like ${pattern} escape '\\'`),
      ),
    )
    .orderBy(desc(articles.publishedAt), desc(articles.id))
    .limit(limit)
    .all()
    .map(toCandidate);
}

/** Whether a media library image exists (an override image must). */
export function mediaExists(id: number, db: Db = getDb()): boolean {
  return db.select({ id: media.id }).from(media).where(eq(media.id, id)).get() !== undefined;
}
