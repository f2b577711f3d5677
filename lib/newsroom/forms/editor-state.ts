import type { ArticleStatus } from '@/db/schema';
import type { EditableArticle } from '@/db/newsroom';
import type { MediaItem } from '@/db/media';
import { getPendingChanges, slugsOfArticles } from '@/db/articles/pending-changes';
import { articleFormFrom, type ArticleFormValues, type FieldErrors } from '@/lib/newsroom/forms/article-form';
import { siteConfig } from '@/lib/config';
import { toZonedLocalInput } from '@/lib/dates';
import { DEFAULT_STORY_TYPE } from '@/lib/story-types';
import type { FieldConflict } from '@/lib/newsroom/conflict-merge';
import type { RevisionSnapshot } from '@/db/articles/model';
import type { Intent } from '@/lib/newsroom/article-workflow';

/** What the article editor shows after each save: the form, field messages and the saved version. */
export interface EditorState {
  articleId: number | null;
  version: number;
  status: ArticleStatus;
  values: ArticleFormValues;
  errors: FieldErrors;
  message: { kind: 'ok' | 'error'; text: string } | null;
  /** After a refused save: field by field, what the other editor changed since this one loaded the article. */
  conflict: FieldConflict[] | null;
  /** Images a refused save's comparison names (theirs may be older than the picker's recent ones). */
  conflictMedia?: MediaItem[];
  /** A live article whose form shows changes readers do not see yet (saved as a pending revision). */
  unpublished?: { at: number; by: string | null } | null;
  /** Changes with every answer from the server: the form is rebuilt from `values` each time. */
  formKey: number;
}


export const SUCCESS_MESSAGES: Record<Intent | 'restore' | 'restore-pending' | 'untrash' | 'import', string> = {
  save: 'Saved.',
  submit: 'Submitted for review.',
  publish: 'Published: it is live now.',
  schedule: 'Scheduled: it goes live at the time you chose.',
  restore: 'Restored: the revision you chose is the current text again.',
  'restore-pending': 'Restored as unpublished changes: readers still see the live article until you press “Update live article”.',
  untrash: 'Restored from the trash, as a draft.',
  import: 'Imported as a draft: check every field, add a byline, then save.',
  unpublish: 'Unpublished: readers can no longer see it.',
  archive: 'Archived.',
};

/** The form for a saved article; a scheduled one shows its go-live time in the site's time zone. */
export function editorFormFrom(article: EditableArticle): ArticleFormValues {
  const publishAt =
    article.status === 'scheduled' && article.publishedAt !== null ? toZonedLocalInput(article.publishedAt, siteConfig().timeZone) : '';
  return articleFormFrom(article, publishAt);
}

/** The form as a revision saved it (related picks are stored by id, the form shows their slugs). */
export function editorFormFromSnapshot(snapshot: RevisionSnapshot, relatedSlugs: string[]): ArticleFormValues {
  return articleFormFrom({
    ...snapshot,
    heroMediaId: snapshot.heroMediaId ?? null,
    seoTitle: snapshot.seoTitle ?? '',
    seoDescription: snapshot.seoDescription ?? '',
    // Revisions from before story types have none: they were news.
    type: snapshot.type ?? DEFAULT_STORY_TYPE,
    relatedSlugs,
  });
}

/** The form of a live article with its unpublished changes, if someone made some to this version. */
export function withUnpublishedChanges(article: EditableArticle): Pick<EditorState, 'values' | 'unpublished'> {
  const live = article.status === 'published' || article.status === 'scheduled';
  const pending = live ? getPendingChanges(article.id, article.version) : null;
  if (!pending) return { values: editorFormFrom(article), unpublished: null };
  return {
    values: { ...editorFormFromSnapshot(pending.snapshot, slugsOfArticles(pending.snapshot.relatedIds ?? [])), publishAt: editorFormFrom(article).publishAt },
    unpublished: { at: pending.createdAt, by: pending.userName },
  };
}
