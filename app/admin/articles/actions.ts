'use server';

import { updateTag } from 'next/cache';
import { redirect } from 'next/navigation';
import { createArticle, updateArticle } from '@/db/article-writes';
import { getDb } from '@/db/client';
import { recordAudit } from '@/db/audit';
import { getEditableArticle, isSlugTaken, listAuthorChoices, listSectionChoices, type EditableArticle } from '@/db/newsroom';
import { readArticleForm, validateArticleForm } from '@/lib/article-form';
import { siteConfig } from '@/lib/config';
import { fromZonedLocalInput } from '@/lib/dates';
import { getCurrentUser } from '@/lib/auth/current-user';
import { decideSave, INTENTS, NOT_SIGNED_IN } from '@/lib/article-workflow';
import { tagsToInvalidate, type ArticlePlacement } from '@/lib/publishing';
import { editorFormFrom, SUCCESS_MESSAGES, type EditorState } from './editor-state';


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
  const refuse = (text: string, errors: EditorState['errors'] = {}): EditorState => ({
    ...previous,
    values,
    errors,
    message: { kind: 'error', text },
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

  const sections = listSectionChoices();
  const validation = validateArticleForm(values, {
    sectionIds: new Set(sections.map((s) => s.id)),
    authorIds: new Set(listAuthorChoices().map((a) => a.id)),
    forPublication: status === 'published',
  });
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
      return refuse(
        result.reason === 'conflict'
          ? 'Someone else saved this article after you opened it, so your save was not applied. Your text is kept here and as a revision: open the article in a new tab to see their version, merge, then save again.'
          : 'This article no longer exists. Copy your text before leaving the page.',
      );
    }
    savedId = articleId;
  } else {
    savedId = createArticle(getDb(), fields, placement, context);
  }

  const after = getEditableArticle(savedId);
  for (const tag of tagsToInvalidate(placementOf(before), placementOf(after))) updateTag(tag);
  recordAudit({
    userId: user.id,
    action: before ? (intent === 'save' ? 'edited' : intent) : 'created',
    entity: 'article',
    entityId: savedId,
    detail: before && before.status !== status ? `${before.status} → ${status}` : status,
  });

  if (!before) redirect(`/admin/articles/${savedId}?done=${intent}`);
  return {
    articleId: savedId,
    version: after?.version ?? version + 1,
    status,
    values: after ? editorFormFrom(after) : values,
    errors: {},
    message: { kind: 'ok', text: SUCCESS_MESSAGES[intent] },
    formKey: previous.formKey + 1,
  };
}
