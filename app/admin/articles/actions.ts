'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { getEditableArticle, listNewsroomArticles } from '@/db/newsroom';
import { presenceHeartbeat, type PresenceView } from '@/db/articles/editor-presence';
import { previewHtml } from '@/lib/markdown';
import { getImagesByIds } from '@/db/media';
import { getCurrentUser } from '@/lib/auth/current-user';
import { readArticleForm } from '@/lib/newsroom/forms/article-form';
import { decideSave, INTENTS } from '@/lib/newsroom/article-workflow';
import type { EditorState } from '@/lib/newsroom/forms/editor-state';
import {
  autosaveArticleForm,
  correctArticle,
  restoreArticleById,
  restoreRevisionOf,
  trashArticleById,
  type AutosaveResult,
  type CorrectionState,
} from '@/lib/newsroom/use-cases/article-lifecycle';
import { saveArticleForm } from '@/lib/newsroom/use-cases/save-article';

// Thin adapters: each reads its form, gets the signed-in user and calls the newsroom's use case
// (lib/newsroom/use-cases/), which checks, writes with its revision and audit line, and invalidates.

/** Every button of the article editor (lib/newsroom/use-cases/save-article.ts); a refused save keeps the text as typed. */
export async function saveArticle(previous: EditorState, form: FormData): Promise<EditorState> {
  const submission = {
    values: readArticleForm(form),
    intent: INTENTS.find((i) => i === form.get('intent')) ?? 'save',
    articleId: Number(form.get('articleId')) || null,
    version: Number(form.get('version')) || 0,
  };
  const result = saveArticleForm(previous, submission, await getCurrentUser());
  if ('redirect' in result) redirect(result.redirect);
  return result;
}

/** Makes an earlier revision the current text again (or unpublished changes, on a live article). */
export async function restoreRevision(form: FormData): Promise<void> {
  const request = { articleId: Number(form.get('articleId')), revisionId: Number(form.get('revisionId')), version: Number(form.get('version')) };
  redirect(restoreRevisionOf(request, await getCurrentUser()));
}

/** Takes an article off the site into the trash; an editor can restore it. */
export async function trashArticle(form: FormData): Promise<void> {
  redirect(trashArticleById(Number(form.get('articleId')), await getCurrentUser()));
}

export async function restoreFromTrash(form: FormData): Promise<void> {
  redirect(restoreArticleById(Number(form.get('articleId')), await getCurrentUser()));
}

/** Adds a public, dated correction to an article (editors and admins). */
export async function addCorrectionToArticle(_previous: CorrectionState, form: FormData): Promise<CorrectionState> {
  return correctArticle(Number(form.get('articleId')), String(form.get('text') ?? ''), await getCurrentUser());
}

/** Saves the form a few seconds after typing stops (a live article gets unpublished changes instead). */
export async function autosaveArticle(form: FormData): Promise<AutosaveResult> {
  const request = { articleId: Number(form.get('articleId')), version: Number(form.get('version')), values: readArticleForm(form) };
  return autosaveArticleForm(request, await getCurrentUser());
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
  return previewHtml(String(markdown).slice(0, 100_000), (ids) => getImagesByIds(ids));
}

/** Published articles whose headline or slug contains the words typed, for picking related articles. */
export async function findArticlesToRelate(query: string): Promise<{ slug: string; headline: string }[]> {
  const text = String(query).trim().slice(0, 100);
  if (!(await getCurrentUser()) || text.length < 2) return [];
  return listNewsroomArticles({ status: 'published', query: text, page: 1 })
    .items.slice(0, 10)
    .map(({ slug, headline }) => ({ slug, headline }));
}
