'use server';

import { redirect } from 'next/navigation';
import { addCorrection, createArticle, moveArticleToTrash, restoreArticleFromTrash, updateArticle } from '@/db/articles/writes';
import { getDb } from '@/db/client';
import { getMedia } from '@/db/media';
import { recordAudit } from '@/db/audit';
import {
  getArticleIdBySlug,
  getEditableArticle,
  isSlugTaken,
  listAuthorChoices,
  listNewsroomArticles,
  listSectionChoices,
  type EditableArticle,
} from '@/db/newsroom';
import { getArticleRevision, getSavedSnapshot } from '@/db/articles/revisions';
import { savePendingChanges, slugsOfArticles } from '@/db/articles/pending-changes';
import { presenceHeartbeat, type PresenceView } from '@/db/articles/editor-presence';
import { mergeConflict } from '@/lib/newsroom/conflict-merge';
import { z } from 'zod';
import { readArticleForm, validateArticleForm, type ValidationContext } from '@/lib/newsroom/article-form';
import { siteConfig } from '@/lib/config';
import { fromZonedLocalInput } from '@/lib/dates';
import { previewHtml } from '@/lib/markdown';
import { getCurrentUser } from '@/lib/auth/current-user';
import { can, type Permission } from '@/lib/auth/roles';
import { decideSave, INTENTS, NOT_SIGNED_IN } from '@/lib/newsroom/article-workflow';
import { updateTags } from '@/lib/newsroom/form-actions';
import { tagsToInvalidate, type ArticlePlacement } from '@/lib/newsroom/publishing';
import { editorFormFrom, editorFormFromSnapshot, SUCCESS_MESSAGES, type EditorState } from '../../../lib/newsroom/editor-state';


/** What a submitted form is checked against: the sections, authors and images that exist now. */
function validationContext(articleId: number | null, forPublication: boolean): ValidationContext {
  return {
    sectionIds: new Set(listSectionChoices().map((s) => s.id)),
    authorIds: new Set(listAuthorChoices().map((a) => a.id)),
    mediaExists: (id) => getMedia(id) !== null,
    articleIdForSlug: (slug) => getArticleIdBySlug(slug),
    articleId,
    forPublication,
  };
}

const placementOf = (article: EditableArticle | null): ArticlePlacement | null =>
  article && {
    id: article.id,
    status: article.status,
    sectionSlug: article.sectionSlug,
    tagSlugs: article.tagSlugs,
    authorSlugs: article.authorSlugs,
  };

/**
 * Saves the article form. Every check happens here on the server (who may edit this article, who may
 * publish); on any refusal the form comes back with the editor's text exactly as typed.
 */
export async function saveArticle(previous: EditorState, form: FormData): Promise<EditorState> {
  const values = readArticleForm(form);
  const refuse = (text: string, errors: EditorState['errors'] = {}, conflict: EditorState['conflict'] = null): EditorState => ({
    ...previous,
    values,
    errors,
    message: { kind: 'error', text },
    conflict,
    formKey: previous.formKey + 1,
  });

  const user = await getCurrentUser();
  const intent = INTENTS.find((i) => i === form.get('intent')) ?? 'save';
  const articleId = Number(form.get('articleId')) || null;
  const version = Number(form.get('version')) || 0;
  const before = articleId === null ? null : getEditableArticle(articleId);
  if (articleId !== null && !before) return refuse('This article no longer exists. Copy your text before leaving the page.');

  const decision = decideSave(user, before, intent);
  if (!decision.allowed || !user) return refuse(decision.allowed ? NOT_SIGNED_IN : decision.reason);
  const { status } = decision;

  const validation = validateArticleForm(values, validationContext(articleId, status === 'published'));
  if (!validation.ok) return refuse('Some fields need attention: see the messages next to them.', validation.errors);
  const { fields } = validation;
  let scheduledFor: number | undefined;
  if (status === 'scheduled') {
    scheduledFor = fromZonedLocalInput(values.publishAt, siteConfig().timeZone) ?? undefined;
    if (scheduledFor === undefined || scheduledFor <= Date.now()) {
      return refuse('Some fields need attention: see the messages next to them.', {
        publishAt: 'Choose a date and time in the future.',
      });
    }
  }
  if (isSlugTaken(fields.slug, articleId)) {
    return refuse('Some fields need attention: see the messages next to them.', { slug: 'Another article already uses this slug.' });
  }

  const context = { userId: user.id, now: Date.now() };
  const kind = status === 'published' ? 'publish' : 'save';
  const placement = { status, scheduledFor };
  let savedId: number;
  if (before && articleId !== null) {
    const result = updateArticle(getDb(), { articleId, expectedVersion: version, fields, kind }, placement, context);
    if (!result.ok) {
      if (result.reason === 'missing') return refuse('This article no longer exists. Copy your text before leaving the page.');
      const current = getEditableArticle(articleId);
      if (!current) return refuse('This article no longer exists. Copy your text before leaving the page.');
      return refuseWithMerge(previous, values, version, current);
    }
    savedId = articleId;
  } else {
    savedId = createArticle(getDb(), fields, placement, context);
  }

  const after = afterArticleChange(before, savedId, user.id, before ? (intent === 'save' ? 'edited' : intent) : 'created');

  if (!before) redirect(`/admin/articles/${savedId}?done=${intent}`);
  return {
    articleId: savedId,
    version: after?.version ?? version + 1,
    status,
    values: after ? editorFormFrom(after) : values,
    errors: {},
    message: { kind: 'ok', text: SUCCESS_MESSAGES[intent] },
    conflict: null,
    unpublished: null,
    formKey: previous.formKey + 1,
  };
}

/**
 * A save refused because someone saved first: the form comes back with this editor's text, their
 * changes merged in where this editor had not touched the field, every field they changed listed with
 * what changed, and the version they saved, so the next save goes through (nothing is lost: their
 * text is saved, this editor's is in the form and in a 'conflict' revision).
 */
function refuseWithMerge(previous: EditorState, mine: EditorState['values'], loadedVersion: number, current: EditableArticle): EditorState {
  const loaded = getSavedSnapshot(current.id, loadedVersion);
  const base = loaded && editorFormFromSnapshot(loaded, slugsOfArticles(loaded.relatedIds ?? []));
  const sections = new Map(listSectionChoices().map((s) => [String(s.id), s.name]));
  const authors = new Map(listAuthorChoices().map((a) => [String(a.id), a.name]));
  const { values, conflicts } = mergeConflict(base, editorFormFrom(current), mine, {
    section: (id) => sections.get(id) ?? `Section ${id}`,
    author: (id) => authors.get(id) ?? `Author ${id}`,
    image: (id) => {
      const image = getMedia(Number(id));
      return image ? `${image.alt || 'Untitled image'} (image ${id})` : `Image ${id}`;
    },
  });
  return {
    ...previous,
    articleId: current.id,
    version: current.version,
    status: current.status,
    values: { ...values, publishAt: mine.publishAt },
    errors: {},
    message: {
      kind: 'error',
      text: 'Someone else saved this article after you opened it, so your save was not applied. Your text is kept here and as a revision. Below, field by field, is what they changed: where only they changed a field, their version is now in your form; where you both did, yours is. Check, then save again.',
    },
    conflict: conflicts,
    conflictMedia: conflicts
      .filter((c) => c.field === 'heroMediaId')
      .flatMap((c) => [c.theirs.heroMediaId, c.mine.heroMediaId])
      .flatMap((id) => (id ? (getMedia(Number(id)) ?? []) : [])),
    unpublished: null,
    formKey: previous.formKey + 1,
  };
}

/** Re-renders the reader pages a change touched and records who did it; returns the article as now saved. */
function afterArticleChange(before: EditableArticle | null, articleId: number, userId: number, action: string): EditableArticle | null {
  const after = getEditableArticle(articleId);
  updateTags(tagsToInvalidate(placementOf(before), placementOf(after)));
  const detail = before && after && before.status !== after.status ? `${before.status} → ${after.status}` : (after?.status ?? '');
  recordAudit({ userId, action, entity: 'article', entityId: articleId, detail });
  return after;
}

const isLive = (status: string) => status === 'published' || status === 'scheduled';

/**
 * Makes an earlier revision the current text again, as a new 'restore' revision; the status stays. On a
 * live (published or scheduled) article it becomes unpublished changes instead, to review and then update.
 */
export async function restoreRevision(form: FormData): Promise<void> {
  const user = await getCurrentUser();
  const articleId = Number(form.get('articleId'));
  const revisionId = Number(form.get('revisionId'));
  const version = Number(form.get('version'));
  const before = Number.isSafeInteger(articleId) ? getEditableArticle(articleId) : null;
  const revision = before ? getArticleRevision(articleId, revisionId) : null;
  if (!before || !revision) redirect('/admin/articles');
  const decision = decideSave(user, before, 'save');
  if (!decision.allowed || !user) redirect('/admin?denied=1');

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
  };
  if (isLive(before.status)) {
    // Readers keep the live text: the restored one becomes unpublished changes to review, then "Update live article".
    const pending = savePendingChanges(getDb(), { articleId, expectedVersion: version, fields, status: before.status, userId: user.id });
    if (!pending.ok) redirect(`/admin/articles/${articleId}/revisions/${revisionId}?error=${pending.reason}`);
    recordAudit({ userId: user.id, action: `restored revision ${revision.version} as unpublished changes`, entity: 'article', entityId: articleId, detail: before.status });
    redirect(`/admin/articles/${articleId}?done=restore-pending`);
  }
  const result = updateArticle(
    getDb(),
    { articleId, expectedVersion: version, fields, kind: 'restore', restoredFrom: revision.number },
    { status: before.status, scheduledFor: before.publishedAt ?? undefined },
    { userId: user.id, now: Date.now() },
  );
  if (!result.ok) redirect(`/admin/articles/${articleId}/revisions/${revisionId}?error=${result.reason}`);
  afterArticleChange(before, articleId, user.id, `restored revision ${revision.number}`);
  redirect(`/admin/articles/${articleId}?done=restore`);
}

async function articleForEditorAction(form: FormData, permission: Permission) {
  const user = await getCurrentUser();
  const articleId = Number(form.get('articleId'));
  const article = Number.isSafeInteger(articleId) && articleId > 0 ? getEditableArticle(articleId) : null;
  if (!article) redirect('/admin/articles');
  if (!user || !can(user.role, permission)) redirect('/admin?denied=1');
  return { user, article };
}

/** Takes an article off the site into the trash; an editor can restore it. */
export async function trashArticle(form: FormData): Promise<void> {
  const { user, article } = await articleForEditorAction(form, 'article:delete');
  moveArticleToTrash(getDb(), article.id, Date.now());
  afterArticleChange(article, article.id, user.id, 'moved to trash');
  redirect('/admin/articles?trash=1&done=trashed');
}

export async function restoreFromTrash(form: FormData): Promise<void> {
  const { user, article } = await articleForEditorAction(form, 'article:delete');
  restoreArticleFromTrash(getDb(), article.id, Date.now());
  afterArticleChange(article, article.id, user.id, 'restored from trash');
  redirect(`/admin/articles/${article.id}?done=untrash`);
}

export interface CorrectionState {
  text: string;
  error: string | null;
  added: boolean;
}

/** Adds a public, dated correction to an article (editors and admins). */
export async function addCorrectionToArticle(previous: CorrectionState, form: FormData): Promise<CorrectionState> {
  const text = String(form.get('text') ?? '').trim();
  const user = await getCurrentUser();
  const articleId = Number(form.get('articleId'));
  const article = Number.isSafeInteger(articleId) && articleId > 0 ? getEditableArticle(articleId) : null;
  if (!user || !article || !can(user.role, 'article:publish')) {
    return { text, error: 'Your role does not allow adding corrections.', added: false };
  }
  if (text.length < 10) return { text, error: 'Write the correction as a full sentence (at least 10 characters).', added: false };
  if (text.length > 1_000) return { text, error: 'Keep a correction under 1,000 characters.', added: false };
  addCorrection(getDb(), articleId, text, Date.now());
  afterArticleChange(article, articleId, user.id, 'added a correction');
  return { text: '', error: null, added: true };
}

export type AutosaveResult = { saved: true; version: number; at: number; pending: boolean } | { saved: false; reason: string };

/**
 * Saves the form a few seconds after typing stops. A draft or an article in review is saved as an
 * 'autosave' revision; a live (published or scheduled) article keeps what readers see and gets a
 * 'pending' revision instead, which goes live only with "Update live article".
 */
export async function autosaveArticle(form: FormData): Promise<AutosaveResult> {
  const user = await getCurrentUser();
  const articleId = Number(form.get('articleId'));
  const version = Number(form.get('version'));
  const before = Number.isSafeInteger(articleId) && articleId > 0 ? getEditableArticle(articleId) : null;
  if (!before) return { saved: false, reason: 'Kept in this browser until you save the article.' };
  const decision = decideSave(user, before, 'save');
  if (!decision.allowed || !user) return { saved: false, reason: decision.allowed ? NOT_SIGNED_IN : decision.reason };
  if (before.status === 'archived') return { saved: false, reason: 'Kept in this browser: an archived article is saved only when you choose to.' };
  const validation = validateArticleForm(readArticleForm(form), validationContext(articleId, false));
  if (!validation.ok) {
    return { saved: false, reason: `Not saved automatically (kept in this browser): ${Object.values(validation.errors)[0] ?? 'check the fields'}` };
  }
  if (isSlugTaken(validation.fields.slug, articleId)) return { saved: false, reason: 'Not saved automatically (kept in this browser): the slug is taken.' };
  const now = Date.now();
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

const presenceInput = z.object({
  articleId: z.number().int().positive(),
  tabId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/),
  intent: z.enum(['here', 'claim', 'takeover', 'leave']),
});

/**
 * The editor's heartbeat, every few seconds over the same path as autosave: records this tab as having
 * the article open, claims or takes it over when asked, and answers who else is there.
 */
export async function articlePresence(input: unknown): Promise<PresenceView | null> {
  const parsed = presenceInput.safeParse(input);
  const user = await getCurrentUser();
  if (!parsed.success || !user) return null;
  const article = getEditableArticle(parsed.data.articleId);
  if (!article || !decideSave(user, article, 'save').allowed) return null;
  return presenceHeartbeat(getDb(), { ...parsed.data, userId: user.id, now: Date.now() });
}

/** The body as readers will see it, for the editor's live preview (sanitised like the article page). */
export async function previewMarkdown(markdown: string): Promise<string> {
  if (!(await getCurrentUser())) return '';
  return previewHtml(String(markdown).slice(0, 100_000));
}

/** Published articles whose headline or slug contains the words typed, for picking related articles. */
export async function findArticlesToRelate(query: string): Promise<{ slug: string; headline: string }[]> {
  const text = String(query).trim().slice(0, 100);
  if (!(await getCurrentUser()) || text.length < 2) return [];
  return listNewsroomArticles({ status: 'published', query: text, page: 1 })
    .items.slice(0, 10)
    .map(({ slug, headline }) => ({ slug, headline }));
}
