import { and, desc, eq, notInArray, sql } from 'drizzle-orm';
import type { RevisionSnapshot } from './model';
import type { RevisionKind } from './writes';
import { getDb, type Db } from '../client';
import { articleRevisions, users, type ArticleStatus } from '../schema';

export type { RevisionSnapshot } from './model';

export interface RevisionListItem {
  id: number;
  /** Its own number within the article: 1, 2, 3…, never shared (a refused save has one too). */
  number: number;
  /** The article's version this revision made (for a refused 'conflict': the version that beat it). */
  version: number;
  kind: RevisionKind;
  /** For a 'restore': the number of the revision it brought back. */
  restoredFrom: number | null;
  /** The status the article had (or, refused, would have had) with this text. */
  status: ArticleStatus;
  createdAt: number;
  userName: string | null;
}

const listColumns = {
  id: articleRevisions.id,
  // Set by a trigger on insert; the id is only a fallback for a row read in the same statement.
  number: sql<number>`coalesce(${articleRevisions.number}, ${articleRevisions.id})`,
  version: articleRevisions.version,
  kind: articleRevisions.kind,
  restoredFrom: articleRevisions.restoredFrom,
  status: sql<ArticleStatus>`json_extract(${articleRevisions.snapshot}, '$.status')`,
  createdAt: articleRevisions.createdAt,
  userName: users.name,
};

export function listArticleRevisions(articleId: number, db: Db = getDb()): RevisionListItem[] {
  return db
    .select(listColumns)
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
    .select({ ...listColumns, snapshot: articleRevisions.snapshot })
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
