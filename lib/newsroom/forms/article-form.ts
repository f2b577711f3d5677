import { z } from 'zod';
import { MARKDOWN_FIELDS, type ArticleFields } from '@/db/articles/model';
import { markdownProblem } from '../../markdown';
import { isValidSlug, slugify } from '../../paths';
import { DEFAULT_STORY_TYPE, STORY_TYPE_LABELS, STORY_TYPES } from '../../story-types';
import type { ArticleFieldName, ArticleFormValues, FieldErrors } from './article-form-values';

/**
 * The newsroom's article form validated into ArticleFields (server side: it checks Markdown with the
 * renderer). The values themselves, and reading them from a form, are in lib/newsroom/forms/article-form-values.ts.
 */

export { emptyArticleForm, KEY_POINT_ROWS_BLANK, readArticleForm, type ArticleFieldName, type ArticleFormValues, type FieldErrors } from './article-form-values';

const limited = (max: number, what: string) => z.string().trim().max(max, `${what} can be at most ${max} characters.`);

const baseSchema = z.object({
  // Typed in a textarea that grows: a line break (pasted, or typed without JavaScript) is a space.
  headline: z
    .string()
    .overwrite((headline) => headline.replace(/\s*[\r\n]+\s*/g, ' '))
    .trim()
    .min(5, 'Write a headline of at least 5 characters.').max(200, 'Keep the headline under 200 characters.'),
  summary: limited(600, 'The summary'),
  body: limited(100_000, 'The body'),
  keyPointsTitle: z.string().trim().min(1, 'Give the key points block a title.').max(80, 'Keep the title under 80 characters.'),
  whyItMatters: limited(20_000, 'Why it matters'),
  contextNote: limited(2_000, 'The context note'),
  seoTitle: limited(110, 'The search title'),
  seoDescription: limited(300, 'The search description'),
  // A form without the field (older pages, scripts) keeps the default; anything not in the list is refused.
  type: z
    .string()
    .trim()
    .transform((type) => type || DEFAULT_STORY_TYPE)
    .pipe(z.enum(STORY_TYPES, { error: `Choose a story type: ${STORY_TYPES.map((t) => STORY_TYPE_LABELS[t]).join(', ')}.` })),
});

export interface ValidationContext {
  sectionIds: ReadonlySet<number>;
  authorIds: ReadonlySet<number>;
  /** Whether a media id names an image in the library. */
  mediaExists: (id: number) => boolean;
  /** The id of the article a slug names, if any. */
  articleIdForSlug: (slug: string) => number | null;
  /** The article being edited (null for a new one): it cannot be related to itself. */
  articleId: number | null;
  /** Publishing needs a summary, a body and a byline; a draft may be unfinished. */
  forPublication: boolean;
}

export function validateArticleForm(
  values: ArticleFormValues,
  context: ValidationContext,
): { ok: true; fields: ArticleFields } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const parsed = baseSchema.safeParse(values);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as ArticleFieldName;
      errors[field] ??= issue.message;
    }
  }

  // Markdown that nests too deep or takes too long to lay out is refused here, with the reason next to
  // the field, rather than saved to be shown as plain text (lib/markdown.ts).
  for (const field of MARKDOWN_FIELDS) {
    if (errors[field]) continue;
    const problem = markdownProblem(values[field].trim());
    if (problem) errors[field] = problem;
  }

  const slug = (values.slug.trim() || slugify(values.headline)).toLowerCase();
  if (!isValidSlug(slug)) {
    errors.slug = 'Use lowercase letters, digits and single hyphens (up to 120 characters).';
  }

  const sectionId = Number(values.sectionId);
  if (!context.sectionIds.has(sectionId)) errors.sectionId = 'Choose a section.';

  const authorIds = [...new Set(values.authorIds.map(Number))];
  if (authorIds.some((id) => !context.authorIds.has(id))) errors.authorIds = 'Choose authors from the list.';

  const keyPoints = values.keyPoints
    .map((p) => ({ label: p.label.trim(), text: p.text.trim() }))
    .filter((p) => p.label || p.text);
  if (keyPoints.some((p) => !p.label || !p.text)) errors.keyPoints = 'Each key point needs both a label and a sentence.';
  else if (keyPoints.some((p) => p.label.length > 120 || p.text.length > 1_000)) {
    errors.keyPoints = 'Keep labels under 120 characters and sentences under 1,000.';
  }

  const heroMediaId = values.heroMediaId.trim() === '' ? null : Number(values.heroMediaId);
  if (heroMediaId !== null && (!Number.isSafeInteger(heroMediaId) || !context.mediaExists(heroMediaId))) {
    errors.heroMediaId = 'Choose an image from the library, or no image.';
  }

  const relatedSlugs = [...new Set(values.related.split('\n').map(slugFromAddress).filter(Boolean))];
  const relatedIds = relatedSlugs.map((slug) => context.articleIdForSlug(slug));
  const unknown = relatedSlugs.filter((_, i) => relatedIds[i] === null);
  if (unknown.length > 0) errors.related = `No article has the address ${unknown.map((s) => `“${s}”`).join(', ')}.`;
  else if (relatedIds.includes(context.articleId)) errors.related = 'An article cannot be related to itself.';
  else if (relatedSlugs.length > 10) errors.related = 'Pick at most 10 related articles.';

  const tagNames = [...new Set(values.tags.split(',').map((t) => t.trim().replace(/\s+/g, ' ')).filter(Boolean))];
  if (tagNames.some((t) => t.length > 60 || !slugify(t))) errors.tags = 'Tags are names of up to 60 characters, separated by commas.';
  else if (tagNames.length > 20) errors.tags = 'Use at most 20 tags.';

  if (context.forPublication) {
    if (!values.summary.trim()) errors.summary ??= 'A published article needs a summary.';
    if (!values.body.trim()) errors.body ??= 'A published article needs a body.';
    if (authorIds.length === 0) errors.authorIds ??= 'A published article needs at least one author.';
  }

  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return {
    ok: true,
    fields: {
      ...parsed.data,
      slug,
      sectionId,
      keyPoints,
      tagNames,
      authorIds,
      heroMediaId,
      relatedIds: relatedIds.filter((id): id is number => id !== null),
    },
  };
}

/** "https://site/politics/a-story", "/politics/a-story" or "a-story": the slug, i.e. the last path segment. */
function slugFromAddress(line: string): string {
  const path = line.trim().replace(/[?#].*$/, '').replace(/\/+$/, '');
  return path.slice(path.lastIndexOf('/') + 1).toLowerCase();
}

/** The form as it was saved, for the editor to start from (`publishAt` as the editor should see it). */
export function articleFormFrom(
  article: Omit<ArticleFields, 'relatedIds'> & { relatedSlugs: string[] },
  publishAt = '',
): ArticleFormValues {
  return {
    ...article,
    publishAt,
    heroMediaId: article.heroMediaId === null ? '' : String(article.heroMediaId),
    related: article.relatedSlugs.join('\n'),
    sectionId: String(article.sectionId),
    tags: article.tagNames.join(', '),
    authorIds: article.authorIds.map(String),
  };
}
