import { listDueArticleIds, updateArticle, type ArticleFields, type UpdateResult } from '@/db/articles/writes';
import { getDb, type Db } from '@/db/client';
import type { EditableArticle } from '@/db/newsroom';
import type { Caller } from '@/lib/cache/invalidate';
import { changeArticle, fieldsOf } from './article-change';

export interface PublishRequest {
  articleId: number;
  /** The editor's form, or 'as-saved' to publish the article as it stands (the scheduler). */
  fields: ArticleFields | 'as-saved';
  /** The version the editor loaded (a save since then refuses the publish); with 'as-saved', the current one. */
  expectedVersion?: number;
  /** Publishes only an article that passes this check, made inside the transaction. */
  onlyIf?: (article: EditableArticle) => boolean;
  /** Null: the system (the scheduler). */
  userId: number | null;
  /** The audit line's action ('publish', 'published (scheduled)'). */
  action: string;
  now: number;
  caller: Caller;
  db?: Db;
}

export type PublishResult =
  | { ok: true; version: number; after: EditableArticle | null }
  | { ok: false; reason: 'conflict' | 'missing' | 'not-due' };

/**
 * Publish, and Update live article: the one way an article goes live, from the editor and from the
 * scheduler alike. In one transaction: the article becomes 'published' (its first publication date
 * kept, or now), a 'publish' revision ('update' when it was live already) and an audit line; then the
 * reader pages it touches are invalidated and routing is made afresh when an address appeared or moved.
 */
export function publishArticle({ articleId, fields, expectedVersion, onlyIf, userId, action, now, caller, db = getDb() }: PublishRequest): PublishResult {
  const { result, after } = changeArticle<UpdateResult | { ok: false; reason: 'not-due' }>({
    db,
    articleId,
    caller,
    audit: { userId, action },
    write: (before) => {
      if (!before) return { ok: false, reason: 'missing' };
      if (onlyIf && !onlyIf(before)) return { ok: false, reason: 'not-due' };
      return updateArticle(
        db,
        {
          articleId,
          expectedVersion: fields === 'as-saved' ? before.version : (expectedVersion ?? before.version),
          fields: fields === 'as-saved' ? fieldsOf(before) : fields,
          kind: 'publish',
        },
        { status: 'published' },
        { userId, now },
      );
    },
    savedId: (written) => (written.ok ? articleId : null),
  });
  return result.ok ? { ok: true, version: result.version, after } : result;
}

const isDue = (now: number) => (article: EditableArticle) =>
  article.status === 'scheduled' && article.deletedAt === null && article.publishedAt !== null && article.publishedAt <= now;

/**
 * The scheduler's tick (app/api/internal/publish-due): every scheduled article whose time has come goes
 * live through publishArticle, exactly as the editor's Publish, as saved. Returns their ids.
 */
export function publishDueArticles({ now, caller, db = getDb() }: { now: number; caller: Caller; db?: Db }): number[] {
  return listDueArticleIds(now, db).filter(
    (articleId) =>
      publishArticle({ articleId, fields: 'as-saved', onlyIf: isDue(now), userId: null, action: 'published (scheduled)', now, caller, db }).ok,
  );
}
