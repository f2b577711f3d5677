import { and, desc, eq, inArray, notInArray } from 'drizzle-orm';
import type { ArticleFields, RevisionSnapshot } from './model';
import { recordRevision } from './writes';
import { getDb, WRITE_TRANSACTION, type Db } from '../client';
import { articleRevisions, articles, users, type ArticleStatus } from '../schema';

/** Unpublished changes kept per article (the newest); older ones are pruned like autosaves. */
const PENDING_KEPT = 20;

/**
 * Changes to a live (published or scheduled) article that readers must not see yet: stored as a
 * 'pending' revision of the live version, never written to the article itself. "Update live article"
 * saves the form the usual way, which moves the version on and leaves these behind in the history.
 * The version check and the insert happen in one write transaction, so a pending change is never
 * filed against a version that someone else has already replaced.
 */
export function savePendingChanges(
  db: Db,
  { articleId, expectedVersion, fields, status, userId }: { articleId: number; expectedVersion: number; fields: ArticleFields; status: ArticleStatus; userId: number },
): { ok: true } | { ok: false; reason: 'conflict' | 'missing' } {
  return db.transaction((tx) => {
    const current = tx.select({ version: articles.version }).from(articles).where(eq(articles.id, articleId)).get();
    if (!current) return { ok: false, reason: 'missing' } as const;
    if (current.version !== expectedVersion) return { ok: false, reason: 'conflict' } as const;
    recordRevision(tx, articleId, expectedVersion, 'pending', { ...fields, status }, userId);
    const keep = tx
      .select({ id: articleRevisions.id })
      .from(articleRevisions)
      .where(and(eq(articleRevisions.articleId, articleId), eq(articleRevisions.kind, 'pending')))
      .orderBy(desc(articleRevisions.id))
      .limit(PENDING_KEPT);
    tx.delete(articleRevisions)
      .where(and(eq(articleRevisions.articleId, articleId), eq(articleRevisions.kind, 'pending'), notInArray(articleRevisions.id, keep)))
      .run();
    return { ok: true } as const;
  }, WRITE_TRANSACTION);
}

export interface PendingChanges {
  snapshot: RevisionSnapshot;
  createdAt: number;
  userName: string | null;
}

/** The newest unpublished changes made to this version of a live article, if any. */
export function getPendingChanges(articleId: number, version: number, db: Db = getDb()): PendingChanges | null {
  const row = db
    .select({ snapshot: articleRevisions.snapshot, createdAt: articleRevisions.createdAt, userName: users.name })
    .from(articleRevisions)
    .leftJoin(users, eq(users.id, articleRevisions.userId))
    .where(and(eq(articleRevisions.articleId, articleId), eq(articleRevisions.version, version), eq(articleRevisions.kind, 'pending')))
    .orderBy(desc(articleRevisions.id))
    .get();
  return row ? { ...row, snapshot: row.snapshot as PendingChanges['snapshot'] } : null;
}

/** The slugs of these articles, in the order given (for showing saved related picks as the form does). */
export function slugsOfArticles(ids: readonly number[], db: Db = getDb()): string[] {
  if (ids.length === 0) return [];
  const rows = db.select({ id: articles.id, slug: articles.slug }).from(articles).where(inArray(articles.id, [...ids])).all();
  const byId = new Map(rows.map((row) => [row.id, row.slug]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
