import type { ArticleStatus } from '@/db/schema';
import type { ArticleFormValues, FieldErrors } from '@/lib/article-form';
import type { Intent } from '@/lib/article-workflow';

/** What the article editor shows after each save: the form, field messages and the saved version. */
export interface EditorState {
  articleId: number | null;
  version: number;
  status: ArticleStatus;
  values: ArticleFormValues;
  errors: FieldErrors;
  message: { kind: 'ok' | 'error'; text: string } | null;
}


export const SUCCESS_MESSAGES: Record<Intent, string> = {
  save: 'Saved.',
  submit: 'Submitted for review.',
  publish: 'Published: it is live now.',
  unpublish: 'Unpublished: readers can no longer see it.',
  archive: 'Archived.',
};
