import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { getDb, type Db } from './client';
import { articles, liveBlogs, liveUpdates, type LiveUpdateStatus } from './schema';

/** A live blog's coverage: live while `endedAt` is null. */
export interface LiveBlog {
  articleId: number;
  startedAt: number;
  endedAt: number | null;
}

/** One update as readers and the composer see it. */
export interface LiveUpdate {
  id: number;
  articleId: number;
  status: LiveUpdateStatus;
  title: string;
  body: string;
  bodyHtml: string;
  createdBy: number | null;
  byline: string;
  keyEvent: boolean;
  postedAt: number | null;
  editedAt: number | null;
  createdAt: number;
}

/** How many posted updates a reader page shows (newest first); older ones stay in the database. */
export const LIVE_PAGE_UPDATES = 200;

const updateColumns = {
  id: liveUpdates.id,
  articleId: liveUpdates.articleId,
  status: liveUpdates.status,
  title: liveUpdates.title,
  body: liveUpdates.body,
  bodyHtml: liveUpdates.bodyHtml,
  createdBy: liveUpdates.createdBy,
  byline: liveUpdates.byline,
  keyEvent: liveUpdates.keyEvent,
  postedAt: liveUpdates.postedAt,
  editedAt: liveUpdates.editedAt,
  createdAt: liveUpdates.createdAt,
};

export function getLiveBlog(articleId: number, db: Db = getDb()): LiveBlog | null {
  return db.select().from(liveBlogs).where(eq(liveBlogs.articleId, articleId)).get() ?? null;
}

/** Makes the article a live blog from `now` (or live again if its coverage had ended). */
export function startLiveBlog(articleId: number, now: number, db: Db = getDb()): void {
  db.insert(liveBlogs)
    .values({ articleId, startedAt: now, endedAt: null })
    .onConflictDoUpdate({ target: liveBlogs.articleId, set: { endedAt: null } })
    .run();
}

export function endLiveBlog(articleId: number, now: number, db: Db = getDb()): boolean {
  return db.update(liveBlogs).set({ endedAt: now }).where(and(eq(liveBlogs.articleId, articleId), isNull(liveBlogs.endedAt))).run().changes > 0;
}

/** Posted, not deleted updates, newest first; only those newer than `afterId` when given. */
export function listPostedUpdates(articleId: number, { limit = LIVE_PAGE_UPDATES, afterId = 0 } = {}, db: Db = getDb()): LiveUpdate[] {
  return db
    .select(updateColumns)
    .from(liveUpdates)
    .where(and(eq(liveUpdates.articleId, articleId), eq(liveUpdates.status, 'posted'), isNull(liveUpdates.deletedAt), gt(liveUpdates.id, afterId)))
    .orderBy(desc(liveUpdates.id))
    .limit(limit)
    .all();
}

/** Every update not deleted (drafts included), newest first: the composer's list. */
export function listComposerUpdates(articleId: number, limit = LIVE_PAGE_UPDATES, db: Db = getDb()): LiveUpdate[] {
  return db
    .select(updateColumns)
    .from(liveUpdates)
    .where(and(eq(liveUpdates.articleId, articleId), isNull(liveUpdates.deletedAt)))
    .orderBy(desc(liveUpdates.id))
    .limit(limit)
    .all();
}

export function getLiveUpdate(id: number, db: Db = getDb()): LiveUpdate | null {
  return db.select(updateColumns).from(liveUpdates).where(and(eq(liveUpdates.id, id), isNull(liveUpdates.deletedAt))).get() ?? null;
}

/**
 * What the poll endpoint answers for a published live blog (null for anything else): whether it is still
 * live, the newest posted update's id and how many are newer than `afterId`.
 */
export function liveBlogPollState(articleId: number, afterId: number, db: Db = getDb()): { live: boolean; newest: number; count: number } | null {
  const blog = db
    .select({ endedAt: liveBlogs.endedAt })
    .from(liveBlogs)
    .innerJoin(articles, eq(articles.id, liveBlogs.articleId))
    .where(and(eq(liveBlogs.articleId, articleId), eq(articles.status, 'published'), isNull(articles.deletedAt)))
    .get();
  if (!blog) return null;
  const row = db
    .select({ newest: sql<number>`coalesce(max(${liveUpdates.id}), 0)`, count: sql<number>`count(case when ${liveUpdates.id} > ${afterId} then 1 end)` })
    .from(liveUpdates)
    .where(and(eq(liveUpdates.articleId, articleId), eq(liveUpdates.status, 'posted'), isNull(liveUpdates.deletedAt)))
    .get();
  return { live: blog.endedAt === null, newest: row?.newest ?? 0, count: row?.count ?? 0 };
}

export type NewLiveUpdate = Pick<LiveUpdate, 'articleId' | 'status' | 'title' | 'body' | 'bodyHtml' | 'createdBy' | 'byline' | 'keyEvent' | 'postedAt'>;

export function insertLiveUpdate(values: NewLiveUpdate, db: Db = getDb()): number {
  return db.insert(liveUpdates).values(values).returning({ id: liveUpdates.id }).get().id;
}

export function updateLiveUpdate(
  id: number,
  values: Partial<Pick<NewLiveUpdate, 'title' | 'body' | 'bodyHtml' | 'keyEvent' | 'status' | 'postedAt'>> & { editedAt?: number | null },
  db: Db = getDb(),
): boolean {
  return db.update(liveUpdates).set(values).where(and(eq(liveUpdates.id, id), isNull(liveUpdates.deletedAt))).run().changes > 0;
}

export function deleteLiveUpdate(id: number, now: number, db: Db = getDb()): boolean {
  return db.update(liveUpdates).set({ deletedAt: now }).where(and(eq(liveUpdates.id, id), isNull(liveUpdates.deletedAt))).run().changes > 0;
}

/** The newest posted update's time per live blog among `articleIds` (feeds date a live blog by it). */
export function latestUpdateTimes(articleIds: readonly number[], db: Db = getDb()): Map<number, number> {
  if (articleIds.length === 0) return new Map();
  const rows = db
    .select({ articleId: liveUpdates.articleId, latest: sql<number>`max(coalesce(${liveUpdates.editedAt}, ${liveUpdates.postedAt}))` })
    .from(liveUpdates)
    .where(and(sql`${liveUpdates.articleId} in (${sql.join(articleIds.map((id) => sql`${id}`), sql`, `)})`, eq(liveUpdates.status, 'posted'), isNull(liveUpdates.deletedAt)))
    .groupBy(liveUpdates.articleId)
    .all();
  return new Map(rows.map((r) => [r.articleId, r.latest]));
}
