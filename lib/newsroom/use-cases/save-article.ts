import { createArticle, updateArticle, type UpdateResult } from '@/db/articles/writes';
import { getDb } from '@/db/client';
import { getImagesByIds, getMedia } from '@/db/media';
import { storyBlockProblems } from '@/lib/markdown';
import { getArticleIdBySlug, getEditableArticle, isSlugTaken, listAuthorChoices, listSectionChoices, type EditableArticle } from '@/db/newsroom';
import { getSavedSnapshot } from '@/db/articles/revisions';
import { slugsOfArticles } from '@/db/articles/pending-changes';
import type { Caller } from '@/lib/cache/invalidate';
import { siteConfig } from '@/lib/config';
import { fromZonedLocalInput } from '@/lib/dates';
import { validateArticleForm, type ArticleFormValues, type ValidationContext } from '../forms/article-form';
import { decideSave, NOT_SIGNED_IN, type Actor, type Intent } from '../article-workflow';
import { mergeConflict } from '../conflict-merge';
import { editorFormFrom, editorFormFromSnapshot, SUCCESS_MESSAGES, type EditorState } from '../forms/editor-state';
import { changeArticle } from './article-change';
import { publishArticle } from './publish';

const caller: Caller = 'server-action';
const GONE = 'This article no longer exists. Copy your text before leaving the page.';
const FIX = 'Some fields need attention: see the messages next to them.';

/** What a submitted form is checked against: the sections, authors and images that exist now. */
export function validationContext(articleId: number | null, forPublication: boolean): ValidationContext {
  return {
    sectionIds: new Set(listSectionChoices().map((s) => s.id)),
    authorIds: new Set(listAuthorChoices().map((a) => a.id)),
    mediaExists: (id) => getMedia(id) !== null,
    articleIdForSlug: (slug) => getArticleIdBySlug(slug),
    articleId,
    forPublication,
  };
}

/** One submit of the article editor. */
export interface ArticleSubmission {
  values: ArticleFormValues;
  intent: Intent;
  /** Null for a new article. */
  articleId: number | null;
  /** The version the editor loaded. */
  version: number;
}

/**
 * Save, Submit for review, Publish / Update live article, Schedule, Unpublish and Archive: every
 * button of the editor. Checks who may (never anything the form says), validates, then writes through
 * publishArticle (Publish) or changeArticle (the rest): one transaction with its revision and audit
 * line, then the reader pages it touched are invalidated (a draft save touches none). On any refusal the
 * form comes back with the editor's text exactly as typed; a new article answers where to go next.
 */
export function saveArticleForm(previous: EditorState, submission: ArticleSubmission, user: Actor | null, now: number = Date.now()): EditorState | { redirect: string } {
  const { values, intent, articleId, version } = submission;
  const refuse = (text: string, errors: EditorState['errors'] = {}): EditorState => ({
    ...previous,
    values,
    errors,
    message: { kind: 'error', text },
    conflict: null,
    formKey: previous.formKey + 1,
  });

  const before = articleId === null ? null : getEditableArticle(articleId);
  if (articleId !== null && !before) return refuse(GONE);

  const decision = decideSave(user, before, intent);
  if (!decision.allowed || !user) return refuse(decision.allowed ? NOT_SIGNED_IN : decision.reason);
  const { status } = decision;

  const validation = validateArticleForm(values, validationContext(articleId, status === 'published'));
  if (!validation.ok) return refuse(FIX, validation.errors);
  const { fields } = validation;
  let scheduledFor: number | undefined;
  if (status === 'scheduled') {
    scheduledFor = fromZonedLocalInput(values.publishAt, siteConfig().timeZone) ?? undefined;
    if (scheduledFor === undefined || scheduledFor <= now) return refuse(FIX, { publishAt: 'Choose a date and time in the future.' });
  }
  if (isSlugTaken(fields.slug, articleId)) return refuse(FIX, { slug: 'Another article already uses this slug.' });

  const db = getDb();
  if (!before || articleId === null) {
    const created = changeArticle({
      db,
      articleId: null,
      caller,
      audit: { userId: user.id, action: 'created' },
      write: () => createArticle(db, fields, { status, scheduledFor }, { userId: user.id, now }),
      savedId: (id) => id,
    });
    return { redirect: `/admin/articles/${created.result}?done=${intent}` };
  }

  const action = intent === 'save' ? 'edited' : intent;
  let result: UpdateResult | { ok: false; reason: 'not-due' };
  let after: EditableArticle | null;
  if (status === 'published') {
    const published = publishArticle({ articleId, fields, expectedVersion: version, userId: user.id, action, now, caller, db });
    result = published;
    after = published.ok ? published.after : null;
  } else {
    const changed = changeArticle({
      db,
      articleId,
      caller,
      audit: { userId: user.id, action },
      write: () => updateArticle(db, { articleId, expectedVersion: version, fields, kind: 'save' }, { status, scheduledFor }, { userId: user.id, now }),
      savedId: (written) => (written.ok ? articleId : null),
    });
    result = changed.result;
    after = changed.after;
  }
  if (!result.ok) {
    const current = result.reason === 'conflict' ? getEditableArticle(articleId) : null;
    return current ? refuseWithMerge(previous, values, version, current) : refuse(GONE);
  }
  return {
    articleId,
    version: after?.version ?? version + 1,
    status,
    values: after ? editorFormFrom(after) : values,
    errors: storyBlockWarnings(fields.body, 'Saved, but readers do not get every block as written.'),
    message: { kind: 'ok', text: SUCCESS_MESSAGES[intent] },
    conflict: null,
    unpublished: null,
    formKey: previous.formKey + 1,
  };
}

/**
 * A body whose story blocks readers would not get as written (an unknown image, a block that does not
 * parse): a save goes through with the text as typed, and the problems are shown next to the body, after
 * the save and whenever the article is opened.
 */
export function storyBlockWarnings(body: string, lead = 'Readers do not get every block as written.'): EditorState['errors'] {
  const problems = storyBlockProblems(body, (ids) => getImagesByIds(ids));
  return problems ? { body: `${lead} ${problems}` } : {};
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
