/**
 * The article form's values (ArticleFormValues, in db/articles/model.ts: strings kept verbatim, so a rejected
 * form comes back exactly as typed): an empty form, and reading one from FormData. No validation here: this
 * module runs in the editor's browser bundle too (autosave, local drafts), and validation
 * (lib/newsroom/forms/article-form.ts) needs the Markdown renderer, which must stay on the server. It imports the
 * model's types only.
 */

import type { ArticleFormValues } from '@/db/articles/model';

export const KEY_POINT_ROWS_BLANK = 2;

export type { ArticleFormValues };

export type ArticleFieldName = Exclude<keyof ArticleFormValues, 'keyPoints'> | 'keyPoints';
export type FieldErrors = Partial<Record<ArticleFieldName, string>>;

export const emptyArticleForm = (): ArticleFormValues => ({
  headline: '',
  slug: '',
  type: 'news',
  sectionId: '',
  summary: '',
  body: '',
  keyPointsTitle: 'Key Points',
  keyPoints: [],
  whyItMatters: '',
  contextNote: '',
  tags: '',
  authorIds: [],
  seoTitle: '',
  seoDescription: '',
  publishAt: '',
  heroMediaId: '',
  related: '',
});

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === 'string' ? value.replace(/\r\n/g, '\n') : '';
};

export function readArticleForm(form: FormData): ArticleFormValues {
  const rows: { label: string; text: string; order: number; index: number }[] = [];
  for (let i = 0; i < 50 && form.has(`keyPoints.${i}.label`); i++) {
    const order = Number(text(form, `keyPoints.${i}.order`));
    rows.push({
      label: text(form, `keyPoints.${i}.label`),
      text: text(form, `keyPoints.${i}.text`),
      order: Number.isFinite(order) ? order : i + 1,
      index: i,
    });
  }
  // Rows come back in the order their numbers give; equal numbers keep the order on screen.
  const keyPoints = rows.sort((a, b) => a.order - b.order || a.index - b.index).map(({ label, text }) => ({ label, text }));
  const values = emptyArticleForm();
  // Every text field of the form (each a string in the empty form) is read under its own name.
  for (const name of Object.keys(values) as (keyof ArticleFormValues)[]) {
    if (typeof values[name] === 'string') Object.assign(values, { [name]: text(form, name) });
  }
  return {
    ...values,
    keyPoints,
    authorIds: form.getAll('authorIds').filter((v): v is string => typeof v === 'string' && v !== ''),
  };
}
