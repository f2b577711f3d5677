/**
 * The article form's values as the browser sends them (all strings, kept verbatim so a rejected form comes
 * back exactly as typed), and reading them from FormData. No validation here: this module runs in the
 * editor's browser bundle too (autosave, local drafts), and validation (lib/newsroom/article-form.ts) needs the
 * Markdown renderer, which must stay on the server.
 */

export const KEY_POINT_ROWS_BLANK = 2;

export interface ArticleFormValues {
  headline: string;
  slug: string;
  sectionId: string;
  summary: string;
  body: string;
  keyPointsTitle: string;
  keyPoints: { label: string; text: string }[];
  whyItMatters: string;
  contextNote: string;
  tags: string;
  authorIds: string[];
  seoTitle: string;
  seoDescription: string;
  /** A datetime-local value in the site's time zone: when a scheduled article goes live. */
  publishAt: string;
  /** A media id, or '' for no image. */
  heroMediaId: string;
  /** Related articles, one per line: a slug or the article's address. */
  related: string;
}

export type ArticleFieldName = Exclude<keyof ArticleFormValues, 'keyPoints'> | 'keyPoints';
export type FieldErrors = Partial<Record<ArticleFieldName, string>>;

export const emptyArticleForm = (): ArticleFormValues => ({
  headline: '',
  slug: '',
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
  return {
    headline: text(form, 'headline'),
    slug: text(form, 'slug'),
    sectionId: text(form, 'sectionId'),
    summary: text(form, 'summary'),
    body: text(form, 'body'),
    keyPointsTitle: text(form, 'keyPointsTitle'),
    keyPoints,
    whyItMatters: text(form, 'whyItMatters'),
    contextNote: text(form, 'contextNote'),
    tags: text(form, 'tags'),
    authorIds: form.getAll('authorIds').filter((v): v is string => typeof v === 'string' && v !== ''),
    seoTitle: text(form, 'seoTitle'),
    seoDescription: text(form, 'seoDescription'),
    publishAt: text(form, 'publishAt'),
    heroMediaId: text(form, 'heroMediaId'),
    related: text(form, 'related'),
  };
}
