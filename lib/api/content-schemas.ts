import { z } from 'zod';
import { STORY_TYPES } from '../story-types';
import { MAX_SLUG_LENGTH } from '../paths';

/**
 * The Content API's shapes, once: the handlers (./content.ts) validate their query with the query schemas
 * and build their answers typed by the response schemas, and the OpenAPI document (./openapi.ts) is
 * generated from the very same objects. Times are ISO 8601 strings in UTC; URLs are absolute (BASE_URL).
 */

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_LIVE_UPDATES_PAGE = 200;

const slug = z.string().min(1).max(MAX_SLUG_LENGTH).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'A slug: lowercase letters, digits and single hyphens.');
const time = z.iso.datetime().meta({ description: 'An instant, ISO 8601 in UTC.', example: '2026-12-05T09:30:00.000Z' });
const url = z.url().meta({ description: 'An absolute URL on this site.' });

export const ImageWidthSchema = z.object({ url, width: z.int().positive() }).meta({ id: 'ImageWidth' });
export const ImageSchema = z
  .object({
    url: url.meta({ description: 'The widest file.' }),
    width: z.int().nonnegative(),
    height: z.int().nonnegative(),
    alt: z.string(),
    caption: z.string(),
    credit: z.string(),
    widths: z.array(ImageWidthSchema).meta({ description: 'Every file of the image, narrowest first (for `srcset`).' }),
  })
  .meta({ id: 'Image' });

export const SectionRefSchema = z.object({ slug, name: z.string(), url }).meta({ id: 'SectionRef' });
export const NamedRefSchema = z.object({ slug, name: z.string(), url }).meta({ id: 'NamedRef' });

export const ArticleSummarySchema = z
  .object({
    id: z.int().positive().meta({ description: 'Stable: never reused, kept across renames and moves.' }),
    url: url.meta({ description: "The article's page for readers." }),
    apiUrl: url.meta({ description: 'This article in the Content API.' }),
    slug,
    type: z.enum(STORY_TYPES),
    headline: z.string(),
    summary: z.string(),
    section: SectionRefSchema,
    publishedAt: time,
    updatedAt: time,
    live: z.boolean().meta({ description: 'A live blog whose coverage has not ended.' }),
    image: z.union([ImageSchema, z.null()]),
  })
  .meta({ id: 'ArticleSummary' });

const TextAndHtmlSchema = z
  .object({
    text: z.string().meta({ description: 'As the newsroom stored it (Markdown).' }),
    html: z.string().meta({ description: 'As readers get it: rendered and sanitised when the article was saved.' }),
  })
  .meta({ id: 'TextAndHtml' });

export const CorrectionSchema = z.object({ id: z.int().positive(), text: z.string(), publishedAt: time }).meta({ id: 'Correction' });

export const ArticleSchema = ArticleSummarySchema.extend({
  authors: z.array(NamedRefSchema),
  tags: z.array(NamedRefSchema),
  body: TextAndHtmlSchema,
  keyPointsTitle: z.string(),
  keyPoints: z.array(z.object({ label: z.string(), text: z.string() }).meta({ id: 'KeyPoint' })),
  whyItMatters: TextAndHtmlSchema,
  contextNote: z.string(),
  corrections: z.array(CorrectionSchema),
  seo: z.object({ title: z.string(), description: z.string() }).meta({ description: 'Search overrides; empty for the headline and summary.' }),
  liveBlog: z
    .object({ live: z.boolean(), startedAt: time, endedAt: time.nullable(), apiUrl: url })
    .nullable()
    .meta({ description: 'Its coverage when the article is a live blog.' }),
}).meta({ id: 'Article' });

const nextCursor = z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last page.' });
const nextUrl = url.nullable().meta({ description: 'The next page, ready to fetch; null on the last page.' });

export const ArticleListSchema = z
  .object({ items: z.array(ArticleSummarySchema.partial().extend({ id: z.int().positive() })), nextCursor, next: nextUrl })
  .meta({ id: 'ArticleList', description: 'With `fields=`, each item has only the fields named (and `id`).' });

export const SectionSchema = z.object({ id: z.int().positive(), slug, name: z.string(), description: z.string(), url }).meta({ id: 'Section' });
export const TagSchema = z
  .object({ id: z.int().positive(), slug, name: z.string(), articleCount: z.int().nonnegative(), url })
  .meta({ id: 'Tag', description: 'A topic readers can see: at least one published article carries it.' });
export const AuthorSchema = z
  .object({ id: z.int().positive(), slug, name: z.string(), title: z.string(), bio: z.string(), url })
  .meta({ id: 'Author' });

export const SectionListSchema = z.object({ items: z.array(SectionSchema) }).meta({ id: 'SectionList' });
export const TagListSchema = z.object({ items: z.array(TagSchema) }).meta({ id: 'TagList' });
export const AuthorListSchema = z.object({ items: z.array(AuthorSchema) }).meta({ id: 'AuthorList' });

export const LiveUpdateSchema = z
  .object({
    id: z.int().positive(),
    url: url.meta({ description: 'The update on the live blog page.' }),
    title: z.string(),
    body: TextAndHtmlSchema,
    byline: z.string(),
    keyEvent: z.boolean(),
    postedAt: time,
    editedAt: time.nullable(),
  })
  .meta({ id: 'LiveUpdate' });

export const LiveBlogSchema = z
  .object({
    article: ArticleSummarySchema,
    live: z.boolean(),
    startedAt: time,
    endedAt: time.nullable(),
    updates: z.array(LiveUpdateSchema).meta({ description: 'Posted updates, newest first.' }),
    nextCursor,
    next: nextUrl,
  })
  .meta({ id: 'LiveBlog' });

export const FrontSchema = z
  .object({
    section: z.union([SectionRefSchema, z.null()]).meta({ description: "Null for the home page's front." }),
    lead: z.union([ArticleSummarySchema, z.null()]),
    topStories: z.array(ArticleSummarySchema),
  })
  .meta({
    id: 'Front',
    description: "A front as readers see it: editors' pinned stories in their slots (with the front's own headline, summary and image), the rest the newest stories.",
  });

// ---- Queries: every parameter named, anything else refused (400). ----

const limit = (max: number, fallback: number) =>
  z.coerce.number().int().min(1).max(max).default(fallback).meta({ description: `How many to return, 1 to ${max}.` });
const cursor = z.string().min(1).max(100).optional().meta({ description: "The previous page's `nextCursor` (opaque)." });
const fields = z
  .string()
  .max(500)
  .optional()
  .meta({ description: 'Comma-separated field names to return (`id` is always returned), e.g. `headline,url,publishedAt`.' });

export const ArticleListQuerySchema = z.strictObject({
  limit: limit(MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE),
  cursor,
  section: slug.optional().meta({ description: "Only this section's articles (its slug)." }),
  tag: slug.optional().meta({ description: 'Only articles carrying this topic (its slug).' }),
  author: slug.optional().meta({ description: "Only this writer's articles (their slug)." }),
  type: z.enum(STORY_TYPES).optional().meta({ description: 'Only this story type.' }),
  updated_since: z.iso.datetime({ offset: true }).optional().meta({ description: 'Only articles changed for readers at or after this instant (ISO 8601).' }),
  fields,
});

export const ArticleQuerySchema = z.strictObject({ fields });
export const NoQuerySchema = z.strictObject({});
export const LiveBlogQuerySchema = z.strictObject({ limit: limit(MAX_LIVE_UPDATES_PAGE, 50), cursor });
export const FrontQuerySchema = z.strictObject({ section: slug.optional().meta({ description: "A section's front (its slug); the home page's when left out." }) });

export const ArticleIdParamsSchema = z.strictObject({ id: z.coerce.number().int().min(1).max(2 ** 31 - 1).meta({ description: "The article's id." }) });
export const ArticlePathParamsSchema = z.strictObject({ section: slug, slug });

export type ArticleSummary = z.infer<typeof ArticleSummarySchema>;
export type ArticleJson = z.infer<typeof ArticleSchema>;
export type LiveUpdateJson = z.infer<typeof LiveUpdateSchema>;

/** The fields `fields=` may name for an article summary and for a whole article. */
export const SUMMARY_FIELDS = Object.keys(ArticleSummarySchema.shape) as (keyof ArticleSummary)[];
export const ARTICLE_FIELDS = Object.keys(ArticleSchema.shape) as (keyof ArticleJson)[];
