import type { ArticleFields } from '@/db/articles/writes';
import { writeWithAudit } from '@/db/audit';
import type { Db } from '@/db/client';
import { getEditableArticle, type EditableArticle } from '@/db/newsroom';
import type { ArticleStatus } from '@/db/schema';
import { invalidate, type ArticlePlacement, type Caller } from '@/lib/cache/invalidate';
import { articleEvent, queueWebhookEvents } from '@/lib/webhooks/events';

/** What decides which reader pages show an article, and where (lib/cache/invalidate.ts). */
export const placementOf = (article: EditableArticle | null): ArticlePlacement | null =>
  article && {
    id: article.id,
    status: article.status,
    slug: article.slug,
    sectionSlug: article.sectionSlug,
    tagSlugs: article.tagSlugs,
    authorSlugs: article.authorSlugs,
    deleted: article.deletedAt !== null,
  };

/** An article as saved, as the fields a write takes (to publish it as it stands). */
export const fieldsOf = (article: EditableArticle): ArticleFields => ({
  slug: article.slug,
  type: article.type,
  sectionId: article.sectionId,
  headline: article.headline,
  summary: article.summary,
  body: article.body,
  keyPointsTitle: article.keyPointsTitle,
  keyPoints: article.keyPoints,
  whyItMatters: article.whyItMatters,
  contextNote: article.contextNote,
  seoTitle: article.seoTitle,
  seoDescription: article.seoDescription,
  tagNames: article.tagNames,
  authorIds: article.authorIds,
  heroMediaId: article.heroMediaId,
  relatedIds: article.relatedIds,
});

/** The audit line's detail: the status change, or the status. */
const statusDetail = (before: ArticleStatus | null, after: ArticleStatus) => (before !== null && before !== after ? `${before} → ${after}` : after);

export interface ArticleChange<T> {
  db: Db;
  /** The article changed; null for a new one. */
  articleId: number | null;
  /** The write, given the article as it is inside the transaction (null: new, or gone). */
  write: (before: EditableArticle | null) => T;
  /** Which article the write saved, or null when it saved nothing readers or the audit log care about (refused). */
  savedId: (result: T) => number | null;
  /** Who (null: the system) and what, for the audit log. */
  audit: { userId: number | null; action: string };
  caller: Caller;
}

/**
 * Every change to an article goes through here: the write (with its revision), then its audit line and
 * its webhook event (lib/webhooks/events.ts), in ONE transaction; then the reader pages it touched are invalidated. Returns the write's result and
 * the article before and as now saved.
 */
export function changeArticle<T>({ db, articleId, write, savedId, audit, caller }: ArticleChange<T>): {
  result: T;
  before: EditableArticle | null;
  after: EditableArticle | null;
} {
  const seen: { before: EditableArticle | null; after: EditableArticle | null } = { before: null, after: null };
  const result = writeWithAudit(
    db,
    () => {
      seen.before = articleId === null ? null : getEditableArticle(articleId, db);
      return write(seen.before);
    },
    (written) => {
      const id = savedId(written);
      const after = id === null ? null : getEditableArticle(id, db);
      seen.after = after;
      if (id === null || !after) return null;
      // The webhook event (if readers could see the change) goes into the outbox in this same transaction.
      queueWebhookEvents(db, [articleEvent(seen.before, after)]);
      return { userId: audit.userId, action: audit.action, entity: 'article', entityId: id, detail: statusDetail(seen.before?.status ?? null, after.status) };
    },
  );
  const { before, after } = seen;
  if (after) invalidate({ kind: 'article', before: placementOf(before), after: placementOf(after) }, caller);
  return { result, before, after };
}
