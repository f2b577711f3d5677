import type { ArticleStatus } from '@/db/schema';
import type { EditableArticle } from '@/db/newsroom';
import { articleFormFrom, type ArticleFormValues, type FieldErrors } from '@/lib/article-form';
import { siteConfig } from '@/lib/config';
import { toZonedLocalInput } from '@/lib/dates';
import type { DiffPart } from '@/lib/text-diff';
import type { Intent } from '@/lib/article-workflow';

/** What the article editor shows after each save: the form, field messages and the saved version. */
export interface EditorState {
  articleId: number | null;
  version: number;
  status: ArticleStatus;
  values: ArticleFormValues;
  errors: FieldErrors;
  message: { kind: 'ok' | 'error'; text: string } | null;
  /** After a refused save: what the other editor changed since this one loaded the article. */
  conflict: DiffPart[] | null;
  /** Changes with every answer from the server: the form is rebuilt from `values` each time. */
  formKey: number;
}


export const SUCCESS_MESSAGES: Record<Intent | 'restore' | 'untrash' | 'import', string> = {
  save: 'Saved.',
  submit: 'Submitted for review.',
  publish: 'Published: it is live now.',
  schedule: 'Scheduled: it goes live at the time you chose.',
  restore: 'Restored: the revision you chose is the current text again.',
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
