import type { ArticleStatus } from '../schema';
import type { StoryType } from '@/lib/story-types';
import type { BylineAuthor, ImageRef, SectionRef, TagRef } from '../types';

/**
 * The article, once. Every shape of an article that db/, lib/ and ops/ pass around derives from the
 * types here: what an editor writes (ArticleContent), what the form holds (ArticleFormValues), what a
 * save stores and a revision keeps (ArticleFields, RevisionSnapshot), what seeds and tests insert
 * (NewArticle), what the text importer finds (ImportedArticle) and what readers get (ArticleTeaser,
 * Article). Columns are in db/schema.ts (`articles`, key points in `article_key_points`).
 *
 * To add a text field: a column in db/schema.ts (and its migration), the field in ArticleContent and
 * ARTICLE_TEXT_DEFAULTS below, then what the compiler names (the empty form in
 * lib/newsroom/forms/article-form-values.ts, the limit in lib/newsroom/forms/article-form.ts, the label in
 * lib/newsroom/conflict-merge.ts, the export's schema in ops/site-export.ts), then the editor's input
 * (components/admin/) and, if readers see it, components/site/ArticleView.tsx.
 *
 * No value imports here (types, constants and one pure helper): browser code imports its types only.
 */

export interface KeyPoint {
  label: string;
  text: string;
}

export interface Correction {
  id: number;
  text: string;
  publishedAt: number;
}

/** What an editor writes: the article's text, in reading order, and its search overrides. */
export interface ArticleContent {
  headline: string;
  summary: string;
  body: string;
  keyPointsTitle: string;
  keyPoints: KeyPoint[];
  whyItMatters: string;
  contextNote: string;
  seoTitle: string;
  seoDescription: string;
}

/** The text fields: each one a text column of `articles` of the same name (the key points are rows). */
export type ArticleTextField = Exclude<keyof ArticleContent, 'keyPoints'>;

/** The text fields in reading order, as a new article has them: code that copies, selects or stores them all lists them from here. */
export const ARTICLE_TEXT_DEFAULTS: Readonly<Pick<ArticleContent, ArticleTextField>> = {
  headline: '',
  summary: '',
  body: '',
  keyPointsTitle: 'Key Points',
  whyItMatters: '',
  contextNote: '',
  seoTitle: '',
  seoDescription: '',
};
export const ARTICLE_TEXT_FIELDS = Object.keys(ARTICLE_TEXT_DEFAULTS) as ArticleTextField[];

/** The text fields of anything that has them (a row, a form's fields), and nothing else. */
export const articleText = <T extends Pick<ArticleContent, ArticleTextField>>(source: T): Pick<T, ArticleTextField> =>
  Object.fromEntries(ARTICLE_TEXT_FIELDS.map((field) => [field, source[field]])) as Pick<T, ArticleTextField>;

/** The Markdown fields: readers get them as HTML rendered when the article is saved (`bodyHtml`…). */
export const MARKDOWN_FIELDS = ['body', 'whyItMatters'] as const satisfies readonly ArticleTextField[];
export type MarkdownField = (typeof MARKDOWN_FIELDS)[number];
export type StoredHtml = { [K in MarkdownField as `${K}Html`]: string };

/** What a save stores besides the text: the address, and what the article names, by id. */
export interface ArticleRefs {
  slug: string;
  /** What kind of piece it is (news, analysis, opinion…): readers see it as a kicker, search engines as the JSON-LD type. */
  type: StoryType;
  sectionId: number;
  tagNames: string[];
  authorIds: number[];
  /** The image at the top of the article and beside it in lists; null for none. */
  heroMediaId: number | null;
  /** Editors' related picks, in order (shown before the automatic ones). */
  relatedIds: number[];
}

/** Everything an editor types into an article (the newsroom's form, validated): what a save writes. */
export interface ArticleFields extends ArticleContent, ArticleRefs {}

/** What a revision keeps: a full copy of what was saved, with the status it was saved with. */
export type RevisionSnapshot = ArticleFields & { status: ArticleStatus };

/**
 * The article form's values as the browser sends them: the text as typed, the refs as the form's strings
 * (kept verbatim so a rejected form comes back exactly as typed).
 */
export type ArticleFormValues = ArticleContent & {
  slug: string;
  /** A story type's name (lib/story-types.ts); anything else is refused with the reason next to the field. */
  type: string;
  /** A section id, or '' for none chosen. */
  sectionId: string;
  /** Tag names, separated by commas. */
  tags: string;
  authorIds: string[];
  /** A datetime-local value in the site's time zone: when a scheduled article goes live. */
  publishAt: string;
  /** A media id, or '' for no image. */
  heroMediaId: string;
  /** Related articles, one per line: a slug or the article's address. */
  related: string;
};

/** What the plain-text importer finds: the text, the section line if any, and null for no key points block. */
export type ImportedArticle = Pick<ArticleContent, 'headline' | 'summary' | 'body' | 'keyPoints' | 'whyItMatters' | 'contextNote'> & {
  sectionName: string | null;
  /** The story type a "Type:" line names; news when there is none. */
  type?: StoryType;
  keyPointsTitle: string | null;
};

/** An article that seeds, generated content and tests insert: named by slugs, dated as given; text left out is the default. */
export type NewArticle = Pick<ArticleContent, 'headline'> &
  Partial<ArticleContent> & {
    slug: string;
    /** News when left out. */
    type?: StoryType;
    sectionSlug: string;
    status: ArticleStatus;
    authorSlugs: string[];
    tagNames: string[];
    publishedAt: number | null;
    updatedAt: number;
    corrections?: Omit<Correction, 'id'>[];
    hero?: { fileName: string; width: number; height: number; alt: string; caption: string; credit: string };
  };

/** An article in a list: front page, section, tag, author, search, feeds. */
export interface ArticleTeaser extends Pick<ArticleContent, 'headline' | 'summary'> {
  id: number;
  slug: string;
  type: StoryType;
  section: SectionRef;
  publishedAt: number;
  updatedAt: number;
  image: ImageRef | null;
  /** A live blog still live: its teasers and page carry the LIVE label (db/live-blogs.ts). */
  live: boolean;
}

/** An article as readers see it. */
export interface Article extends ArticleTeaser, ArticleContent, StoredHtml {
  authors: BylineAuthor[];
  tags: TagRef[];
  corrections: Correction[];
}
