import { addCorrection, moveArticleToTrash, restoreArticleFromTrash, updateArticle } from '@/db/articles/writes';
import { getArticleRevision } from '@/db/articles/revisions';
import { savePendingChanges } from '@/db/articles/pending-changes';
import { writeWithAudit } from '@/db/audit';
import { getDb } from '@/db/client';
import { getEditableArticle, isSlugTaken, listAuthorChoices, type EditableArticle } from '@/db/newsroom';
import type { ArticleStatus } from '@/db/schema';
import type { Caller } from '@/lib/cache/invalidate';
import { can, type Permission } from '@/lib/auth/roles';
import { validateArticleForm, type ArticleFormValues } from '../forms/article-form';
import { decideSave, NOT_SIGNED_IN, type Actor } from '../article-workflow';
import { changeArticle } from './article-change';
import { validationContext } from './save-article';
import type { AutosaveResult, CorrectionState } from '../forms/form-states';

export type { AutosaveResult, CorrectionState };

const caller: Caller = 'server-action';
const isLive = (status: ArticleStatus) => status === 'published' || status === 'scheduled';
const articleOrNull = (articleId: number) => (Number.isSafeInteger(articleId) && articleId > 0 ? getEditableArticle(articleId) : null);

/** The article and whether `user` may do this to it: where to send them otherwise. */
function articleFor(articleId: number, user: Actor | null, permission: Permission): { article: EditableArticle; user: Actor } | { redirect: string } {
  const article = articleOrNull(articleId);
  if (!article) return { redirect: '/admin/articles' };
  if (!user || !can(user.role, permission)) return { redirect: '/admin?denied=1' };
  return { article, user };
}

const TRASH = {
  in: { write: moveArticleToTrash, action: 'moved to trash', next: () => '/admin/articles?trash=1&done=trashed' },
  out: { write: restoreArticleFromTrash, action: 'restored from trash', next: (id: number) => `/admin/articles/${id}?done=untrash` },
} as const;

/** Moves an article into the trash or back out of it (editors and admins); answers where to go next. */
function moveThroughTrash(direction: keyof typeof TRASH, articleId: number, user: Actor | null, now: number): string {
  const found = articleFor(articleId, user, 'article:delete');
  if ('redirect' in found) return found.redirect;
  const { write, action, next } = TRASH[direction];
  const { id } = found.article;
  const db = getDb();
  changeArticle({ db, articleId: id, caller, audit: { userId: found.user.id, action }, write: () => write(db, id, now), savedId: (moved) => (moved ? id : null) });
  return next(id);
}

/** Takes an article off the site into the trash (a published one becomes a draft); an editor can restore it. */
export const trashArticleById = (articleId: number, user: Actor | null, now: number = Date.now()): string => moveThroughTrash('in', articleId, user, now);

/** Brings an article back from the trash, with the status it had there. */
export const restoreArticleById = (articleId: number, user: Actor | null, now: number = Date.now()): string => moveThroughTrash('out', articleId, user, now);

/** Adds a public, dated correction to an article (editors and admins); readers see it at once. */
export function correctArticle(articleId: number, rawText: string, user: Actor | null, now: number = Date.now()): CorrectionState {
  const text = rawText.trim();
  const article = articleOrNull(articleId);
  if (!user || !article || !can(user.role, 'article:publish')) return { text, error: 'Your role does not allow adding corrections.', added: false };
  if (text.length < 10) return { text, error: 'Write the correction as a full sentence (at least 10 characters).', added: false };
  if (text.length > 1_000) return { text, error: 'Keep a correction under 1,000 characters.', added: false };
  const db = getDb();
  changeArticle({
    db,
    articleId,
    caller,
    audit: { userId: user.id, action: 'added a correction' },
    write: () => addCorrection(db, articleId, text, now),
    savedId: () => articleId,
  });
  return { text: '', error: null, added: true };
}

/**
 * Makes an earlier revision the current text again, as a new 'restore' revision; the status stays. On a
 * live (published or scheduled) article it becomes unpublished changes instead, to review and then
 * update. Answers where to go next.
 */
export function restoreRevisionOf(
  { articleId, revisionId, version }: { articleId: number; revisionId: number; version: number },
  user: Actor | null,
  now: number = Date.now(),
): string {
  const before = Number.isSafeInteger(articleId) ? getEditableArticle(articleId) : null;
  const revision = before ? getArticleRevision(articleId, revisionId) : null;
  if (!before || !revision) return '/admin/articles';
  const decision = decideSave(user, before, 'save');
  if (!decision.allowed || !user) return '/admin?denied=1';

  const { snapshot } = revision;
  const authorIds = new Set(listAuthorChoices().map((a) => a.id));
  const fields = {
    ...snapshot,
    // The slug and section stay as they are now: restoring text must not move a published article.
    slug: before.slug,
    sectionId: before.sectionId,
    authorIds: snapshot.authorIds.filter((id) => authorIds.has(id)),
    // Revisions from before images could be chosen have none: keep the current one.
    heroMediaId: snapshot.heroMediaId === undefined ? before.heroMediaId : snapshot.heroMediaId,
    relatedIds: snapshot.relatedIds ?? before.relatedIds,
    // Revisions from before story types have none: keep the current one.
    type: snapshot.type ?? before.type,
  };
  const db = getDb();
  if (isLive(before.status)) {
    // Readers keep the live text (nothing to invalidate): the restored one becomes unpublished changes to review, then "Update live article".
    const pending = writeWithAudit(
      db,
      () => savePendingChanges(db, { articleId, expectedVersion: version, fields, status: before.status, userId: user.id }),
      (result) =>
        result.ok
          ? { userId: user.id, action: `restored revision ${revision.version} as unpublished changes`, entity: 'article', entityId: articleId, detail: before.status }
          : null,
    );
    return pending.ok ? `/admin/articles/${articleId}?done=restore-pending` : `/admin/articles/${articleId}/revisions/${revisionId}?error=${pending.reason}`;
  }
  const { result } = changeArticle({
    db,
    articleId,
    caller,
    audit: { userId: user.id, action: `restored revision ${revision.number}` },
    write: () =>
      updateArticle(
        db,
        { articleId, expectedVersion: version, fields, kind: 'restore', restoredFrom: revision.number },
        { status: before.status, scheduledFor: before.publishedAt ?? undefined },
        { userId: user.id, now },
      ),
    savedId: (written) => (written.ok ? articleId : null),
  });
  return result.ok ? `/admin/articles/${articleId}?done=restore` : `/admin/articles/${articleId}/revisions/${revisionId}?error=${result.reason}`;
}

/**
 * Saves the form a few seconds after typing stops. A draft or an article in review is saved as an
 * 'autosave' revision; a live (published or scheduled) article keeps what readers see and gets a
 * 'pending' revision instead, which goes live only with "Update live article". Readers see nothing of
 * either: no audit line, nothing invalidated, every routing decision kept.
 */
export function autosaveArticleForm(
  { articleId, version, values }: { articleId: number; version: number; values: ArticleFormValues },
  user: Actor | null,
  now: number = Date.now(),
): AutosaveResult {
  const before = articleOrNull(articleId);
  if (!before) return { saved: false, reason: 'Kept in this browser until you save the article.' };
  const decision = decideSave(user, before, 'save');
  if (!decision.allowed || !user) return { saved: false, reason: decision.allowed ? NOT_SIGNED_IN : decision.reason };
  if (before.status === 'archived') return { saved: false, reason: 'Kept in this browser: an archived article is saved only when you choose to.' };
  const validation = validateArticleForm(values, validationContext(articleId, false));
  if (!validation.ok) {
    return { saved: false, reason: `Not saved automatically (kept in this browser): ${Object.values(validation.errors)[0] ?? 'check the fields'}` };
  }
  if (isSlugTaken(validation.fields.slug, articleId)) return { saved: false, reason: 'Not saved automatically (kept in this browser): the slug is taken.' };
  const conflict = { saved: false, reason: 'Not saved automatically: someone else saved this article. Your text is kept in this browser; save to see what changed.' } as const;
  if (isLive(before.status)) {
    const result = savePendingChanges(getDb(), { articleId, expectedVersion: version, fields: validation.fields, status: before.status, userId: user.id });
    return result.ok ? { saved: true, version, at: now, pending: true } : conflict;
  }
  const result = updateArticle(
    getDb(),
    { articleId, expectedVersion: version, fields: validation.fields, kind: 'autosave' },
    { status: before.status },
    { userId: user.id, now },
  );
  return result.ok ? { saved: true, version: result.version, at: now, pending: false } : conflict;
}
