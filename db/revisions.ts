import { and, desc, eq, notInArray } from 'drizzle-orm';
import type { ArticleFields, RevisionKind } from './article-writes';
import { getDb, type Db } from './client';
import { articleRevisions, users, type ArticleStatus } from './schema';

export type RevisionSnapshot = ArticleFields & { status: ArticleStatus };

export interface RevisionListItem {
  id: number;
  version: number;
  kind: RevisionKind;
  createdAt: number;
  userName: string | null;
}

export function listArticleRevisions(articleId: number, db: Db = getDb()): RevisionListItem[] {
  return db
    .select({
      id: articleRevisions.id,
      version: articleRevisions.version,
      kind: articleRevisions.kind,
      createdAt: articleRevisions.createdAt,
      userName: users.name,
    })
    .from(articleRevisions)
    .leftJoin(users, eq(users.id, articleRevisions.userId))
    .where(eq(articleRevisions.articleId, articleId))
    .orderBy(desc(articleRevisions.id))
    .all();
}

export function getArticleRevision(
  articleId: number,
  revisionId: number,
  db: Db = getDb(),
): (RevisionListItem & { snapshot: RevisionSnapshot }) | null {
  const row = db
    .select({
      id: articleRevisions.id,
      version: articleRevisions.version,
      kind: articleRevisions.kind,
      createdAt: articleRevisions.createdAt,
      userName: users.name,
      snapshot: articleRevisions.snapshot,
    })
    .from(articleRevisions)
    .leftJoin(users, eq(users.id, articleRevisions.userId))
    .where(and(eq(articleRevisions.articleId, articleId), eq(articleRevisions.id, revisionId)))
    .get();
  return row ? { ...row, snapshot: row.snapshot as RevisionSnapshot } : null;
}

/** The text as saved at a version (not a refused 'conflict' copy nor unpublished changes): what an editor had loaded. */
export function getSavedSnapshot(articleId: number, version: number, db: Db = getDb()): RevisionSnapshot | null {
  const row = db
    .select({ snapshot: articleRevisions.snapshot })
    .from(articleRevisions)
    .where(
      and(eq(articleRevisions.articleId, articleId), eq(articleRevisions.version, version), notInArray(articleRevisions.kind, ['conflict', 'pending'])),
    )
    .orderBy(desc(articleRevisions.id))
    .get();
  return row ? (row.snapshot as RevisionSnapshot) : null;
}
