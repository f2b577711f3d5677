import { writeWithAudit } from '@/db/audit';
import { getDb } from '@/db/client';
import {
  deleteLiveUpdate,
  endLiveBlog,
  getLiveBlog,
  getLiveUpdate,
  insertLiveUpdate,
  listComposerUpdates,
  startLiveBlog,
  updateLiveUpdate,
  type LiveUpdate,
} from '@/db/live-blogs';
import { getEditableArticle, type EditableArticle } from '@/db/newsroom';
import type { UserRole } from '@/db/schema';
import { invalidate, type Caller } from '@/lib/cache/invalidate';
import { can } from '@/lib/auth/roles';
import { markdownProblem, renderMarkdown } from '@/lib/markdown';
import { getImagesByIds } from '@/db/media';
import { EMPTY_LIVE_UPDATE, validateLiveUpdate, type LiveComposerState, type LiveUpdateIntent, type LiveUpdateValues } from '../forms/live-update-form';
import { liveUpdatePostedEvent, queueWebhookEvents } from '@/lib/webhooks/events';
import { placementOf } from './article-change';

/**
 * Live blogs (issue 15): an editor makes an article a live blog and ends its coverage; the newsroom posts,
 * edits and deletes its updates. Writers may draft updates (and edit or delete their own drafts); editors
 * and admins post, edit and delete any (the article roles: 'article:publish'). Each change writes its audit
 * line in the same transaction, then invalidates the blog's page (and the fronts when the LIVE label
 * appears or goes) and the poll's remembered answers.
 */

export interface LiveActor {
  id: number;
  role: UserRole;
  name: string;
}

const caller: Caller = 'server-action';
const mayPost = (user: LiveActor) => can(user.role, 'article:publish');
const mayDraft = (user: LiveActor) => can(user.role, 'article:create');
const articleOrNull = (articleId: number) => (Number.isSafeInteger(articleId) && articleId > 0 ? getEditableArticle(articleId) : null);

function invalidateBlog(article: EditableArticle | null, labelChanged: boolean) {
  invalidate({ kind: 'live-blog', article: placementOf(article), labelChanged }, caller);
}

/** "Make this a live blog" / "Restart coverage" (editors): the LIVE label appears. Returns where to go next. */
export function makeLiveBlog(articleId: number, user: LiveActor | null, now: number = Date.now()): string {
  const article = articleOrNull(articleId);
  if (!article || article.deletedAt !== null) return '/admin/articles';
  if (!user || !mayPost(user)) return '/admin?denied=1';
  const db = getDb();
  writeWithAudit(
    db,
    () => startLiveBlog(articleId, now, db),
    () => ({ userId: user.id, action: 'live blog started', entity: 'article', entityId: articleId }),
  );
  invalidateBlog(article, true);
  return `/admin/articles/${articleId}/live`;
}

/** "End coverage" (editors): the LIVE label goes; the page stays as an archive. */
export function endCoverage(articleId: number, user: LiveActor | null, now: number = Date.now()): string {
  const article = articleOrNull(articleId);
  if (!article) return '/admin/articles';
  if (!user || !mayPost(user)) return '/admin?denied=1';
  const db = getDb();
  const ended = writeWithAudit(
    db,
    () => endLiveBlog(articleId, now, db),
    (changed) => (changed ? { userId: user.id, action: 'live blog ended', entity: 'article', entityId: articleId } : null),
  );
  if (ended) invalidateBlog(article, true);
  return `/admin/articles/${articleId}/live?done=ended`;
}

export interface LiveUpdateSubmission {
  articleId: number;
  /** The update edited; null for a new one. */
  updateId: number | null;
  intent: LiveUpdateIntent;
  values: LiveUpdateValues;
}

const refused = (submission: LiveUpdateSubmission, errors: LiveComposerState['errors'], formKey: number): LiveComposerState => ({
  updateId: submission.updateId,
  values: submission.values,
  errors,
  message: null,
  formKey,
  updates: null,
});

/**
 * Post, draft or edit an update. Refused (role, validation, Markdown that cannot be laid out): the form
 * comes back with the text as typed and the reason next to the field. Posted: live for readers at once.
 */
export function saveLiveUpdate(previous: Pick<LiveComposerState, 'formKey'>, submission: LiveUpdateSubmission, user: LiveActor | null, now: number = Date.now()): LiveComposerState {
  const { articleId, updateId, intent } = submission;
  const formKey = previous.formKey;
  if (!user) return refused(submission, { form: 'Your session has ended: sign in again in another tab, then press the button again.' }, formKey);
  const article = articleOrNull(articleId);
  const blog = article && getLiveBlog(articleId);
  if (!article || !blog || article.deletedAt !== null) return refused(submission, { form: 'This article is not a live blog (any more).' }, formKey);
  if (!mayDraft(user)) return refused(submission, { form: 'Your role does not allow writing live updates.' }, formKey);
  if (intent === 'post' && !mayPost(user)) return refused(submission, { form: 'Your role allows drafting updates; an editor posts them. Save it as a draft.' }, formKey);
  const existing = updateId === null ? null : getLiveUpdate(updateId);
  if (updateId !== null && (!existing || existing.articleId !== articleId)) return refused(submission, { form: 'This update was deleted meanwhile: copy your text into a new update.' }, formKey);
  if (existing && !mayPost(user) && (existing.status === 'posted' || existing.createdBy !== user.id))
    return refused(submission, { form: 'Your role allows editing only your own drafts.' }, formKey);
  if (existing?.status === 'posted' && intent === 'draft') return refused(submission, { form: 'A posted update cannot go back to draft: edit it, or delete it.' }, formKey);

  const checked = validateLiveUpdate(submission.values);
  if (!checked.ok) return refused(submission, checked.errors, formKey);
  const problem = markdownProblem(checked.values.body);
  if (problem) return refused(submission, { body: problem }, formKey);
  const { title, body, keyEvent } = checked.values;
  const bodyHtml = renderMarkdown(body, (ids) => getImagesByIds(ids));
  const status = intent === 'post' ? 'posted' : 'draft';

  const db = getDb();
  writeWithAudit(
    db,
    () => {
      // Posting (a new update, or a draft posted) tells webhooks in this same transaction; an edit does not.
      const announce = (id: number) => {
        if (status === 'posted' && existing?.status !== 'posted') queueWebhookEvents(db, [liveUpdatePostedEvent(article, { id, title, keyEvent, postedAt: now })], now);
        return id;
      };
      if (!existing) {
        return announce(
          insertLiveUpdate(
            { articleId, status, title, body, bodyHtml, createdBy: user.id, byline: user.name, keyEvent, postedAt: status === 'posted' ? now : null },
            db,
          ),
        );
      }
      const posting = existing.status === 'draft' && status === 'posted';
      updateLiveUpdate(
        existing.id,
        {
          title,
          body,
          bodyHtml,
          keyEvent,
          status,
          postedAt: posting ? now : existing.postedAt,
          editedAt: existing.status === 'posted' ? now : null,
        },
        db,
      );
      return announce(existing.id);
    },
    (id) => ({
      userId: user.id,
      action: existing ? (existing.status === 'posted' ? 'live update edited' : status === 'posted' ? 'live update posted' : 'live update draft saved') : status === 'posted' ? 'live update posted' : 'live update drafted',
      entity: 'article',
      entityId: articleId,
      detail: `update ${id}`,
    }),
  );
  if (status === 'posted') invalidateBlog(article, false);
  return {
    updateId: null,
    values: EMPTY_LIVE_UPDATE,
    errors: {},
    message: status === 'posted' ? (existing?.status === 'posted' ? 'Update edited: readers see it now.' : 'Posted: readers see it now.') : 'Draft saved: an editor can post it.',
    formKey: formKey + 1,
    updates: listComposerUpdates(articleId),
  };
}

/** Deletes an update: it disappears for readers. Writers delete only their own drafts. */
export function removeLiveUpdate(
  previous: Pick<LiveComposerState, 'formKey'>,
  { articleId, updateId }: { articleId: number; updateId: number },
  user: LiveActor | null,
  now: number = Date.now(),
): LiveComposerState {
  const base = { updateId: null, values: EMPTY_LIVE_UPDATE, formKey: previous.formKey, updates: null };
  const existing = Number.isSafeInteger(updateId) && updateId > 0 ? getLiveUpdate(updateId) : null;
  if (!user) return { ...base, errors: { form: 'Your session has ended: sign in again.' }, message: null };
  if (!existing || existing.articleId !== articleId) return { ...base, errors: { form: 'That update was already deleted.' }, message: null, updates: listComposerUpdates(articleId) };
  if (!mayPost(user) && (existing.status === 'posted' || existing.createdBy !== user.id)) return { ...base, errors: { form: 'Your role allows deleting only your own drafts.' }, message: null };
  const db = getDb();
  writeWithAudit(
    db,
    () => deleteLiveUpdate(existing.id, now, db),
    () => ({ userId: user.id, action: 'live update deleted', entity: 'article', entityId: articleId, detail: `update ${existing.id}` }),
  );
  if (existing.status === 'posted') invalidateBlog(articleOrNull(articleId), false);
  // The form key stays: what is being typed in the composer is kept.
  return { ...base, errors: {}, message: 'Update deleted.', updates: listComposerUpdates(articleId) };
}

export type { LiveUpdate };
