import { z } from 'zod';
import { articleStatuses } from '@/db/schema';
import { STORY_TYPES } from '../story-types';

/**
 * The Admin API's shapes, once (the handlers in ./admin.ts validate with them; ./admin-openapi.ts documents
 * them). They check types, sizes and unknown fields only: what an article may say (lengths, required parts,
 * slugs, sections, authors, images) is the newsroom's own validation, run by the same use cases, with the
 * same messages, returned as problem+json field errors.
 */

// Generous caps that bound the work a request can ask for; the newsroom's rules are tighter and say why.
const text = (max: number) => z.string().max(max);
const version = z.int().min(0).max(2 ** 31).meta({ description: "The article's `version` as you last read it: a save from an older version is refused (409)." });

export const KeyPointInputSchema = z.strictObject({ label: text(1_000), text: text(5_000) }).meta({ id: 'KeyPointInput' });

const articleFields = {
  headline: text(1_000),
  summary: text(5_000),
  body: text(200_000).meta({ description: 'Markdown.' }),
  keyPointsTitle: text(1_000),
  keyPoints: z.array(KeyPointInputSchema).max(50),
  whyItMatters: text(50_000).meta({ description: 'Markdown.' }),
  contextNote: text(5_000),
  seoTitle: text(1_000),
  seoDescription: text(2_000),
  slug: text(200).meta({ description: 'Made from the headline when left empty.' }),
  type: z.enum(STORY_TYPES),
  section: text(200).meta({ description: "The section's slug." }),
  tags: z.array(text(200).regex(/^[^,]*$/, 'A tag name cannot contain a comma.')).max(50).meta({ description: 'Tag names; new ones are created.' }),
  authors: z.array(text(200)).max(20).meta({ description: "The byline, in order: authors' slugs." }),
  imageId: z.int().positive().max(2 ** 31).nullable().meta({ description: 'A media library image (see POST /images), or null.' }),
  related: z.array(text(500)).max(20).meta({ description: "Related articles, in order: each a slug or the article's address." }),
};

export const ArticleCreateSchema = z
  .strictObject({ ...articleFields, headline: articleFields.headline, section: articleFields.section })
  .partial()
  .required({ headline: true, section: true })
  .meta({ id: 'ArticleCreate', description: 'A new draft. Fields left out take the newsroom editor’s defaults.' });

export const ArticleUpdateSchema = z
  .strictObject({ version, ...articleFields })
  .partial()
  .required({ version: true })
  .meta({ id: 'ArticleUpdate', description: 'The fields to change (others stay). A live article is updated live, as "Update live article" does.' });

export const VersionSchema = z.strictObject({ version }).meta({ id: 'VersionCheck' });
export const ScheduleSchema = z.strictObject({ version, publishAt: z.iso.datetime({ offset: true }).meta({ description: 'When it goes live (ISO 8601, in the future).' }) }).meta({ id: 'Schedule' });
export const CorrectionInputSchema = z.strictObject({ text: text(5_000) }).meta({ id: 'CorrectionInput' });
export const LiveUpdateInputSchema = z
  .strictObject({ title: text(1_000).optional(), body: text(50_000).meta({ description: 'Markdown.' }), keyEvent: z.boolean().optional() })
  .meta({ id: 'LiveUpdateInput' });

export const AdminArticleSchema = z
  .object({
    id: z.int().positive(),
    version,
    status: z.enum(articleStatuses),
    inTrash: z.boolean(),
    url: z.url().nullable().meta({ description: "Its page for readers while it is published; null otherwise." }),
    publishedAt: z.iso.datetime().nullable().meta({ description: 'When it went (or goes, if scheduled) live.' }),
    updatedAt: z.iso.datetime(),
    headline: z.string(),
    summary: z.string(),
    body: z.string(),
    keyPointsTitle: z.string(),
    keyPoints: z.array(z.object({ label: z.string(), text: z.string() })),
    whyItMatters: z.string(),
    contextNote: z.string(),
    seoTitle: z.string(),
    seoDescription: z.string(),
    slug: z.string(),
    type: z.enum(STORY_TYPES),
    section: z.string(),
    tags: z.array(z.string()),
    authors: z.array(z.string()),
    imageId: z.int().nullable(),
    related: z.array(z.string()),
    corrections: z.array(z.object({ id: z.int(), text: z.string(), publishedAt: z.iso.datetime() })),
  })
  .meta({ id: 'AdminArticle', description: 'An article as the newsroom holds it (drafts included).' });

export const LiveUpdateCreatedSchema = z.object({ id: z.int().positive(), articleId: z.int().positive(), status: z.enum(['posted', 'draft']) }).meta({ id: 'LiveUpdateCreated' });
export const CorrectionCreatedSchema = AdminArticleSchema.meta({ id: 'AdminArticle' });
export const ImageCreatedSchema = z
  .object({ id: z.int().positive(), url: z.url(), width: z.int(), height: z.int(), alt: z.string(), caption: z.string(), credit: z.string() })
  .meta({ id: 'ImageCreated' });

export const ArticleIdParamsSchema = z.strictObject({ id: z.coerce.number().int().min(1).max(2 ** 31 - 1) });

export const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;
