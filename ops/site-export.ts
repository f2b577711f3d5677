import { z } from 'zod';
import { articleRevisions, articleStatuses } from '@/db/schema';
import { isValidSlug } from '@/lib/paths';
import { DEFAULT_STORY_TYPE, STORY_TYPES } from '@/lib/story-types';

/**
 * The whole site as one JSON file (npm run export), loadable into an empty site (npm run import).
 * Every relation names its target by slug (media by file name), so the file loads into any database;
 * the one exception is the text itself: story blocks name library images by number (`::image{id=12}`,
 * decision 17), so each image carries the number it had (`id`) and the import maps the numbers in the
 * text (bodies, why it matters, revisions) to the ones the target gives. Times are epoch milliseconds.
 */

export const SITE_EXPORT_FORMAT = 'crbc-news-export';
export const SITE_EXPORT_VERSION = 1;

export const SITE_EXPORT_NOT_INCLUDED = [
  'Newsroom accounts, their password hashes and sessions: create accounts again with npm run user:create. Articles and revisions no longer record who made them.',
  'Media files: only their records are listed here; copy the media/ folder of DATA_DIR along with this file.',
  'Page views, the audit log and settings.',
];

const slug = z.string().refine(isValidSlug, 'Not a valid slug.');
const time = z.number().int();

const sectionSchema = z.object({ slug, name: z.string().min(1), description: z.string(), position: z.number().int() });

const tagSchema = z.object({ slug, name: z.string().min(1) });

const mediaSchema = z.object({
  /**
   * The number the exporting site gave the image, which the text's story blocks and revisions' `heroMediaId`
   * name it by. Files written before it was exported have none: their text's numbers are then kept as written.
   */
  id: z.number().int().positive().optional(),
  fileName: z.string().min(1),
  mimeType: z.string().min(1),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  alt: z.string(),
  caption: z.string(),
  credit: z.string(),
  createdAt: time,
});

const authorSchema = z.object({
  slug,
  name: z.string().min(1),
  title: z.string(),
  bio: z.string(),
  /** A media file name. */
  photo: z.string().nullable(),
});

const revisionSchema = z.object({
  version: z.number().int().positive(),
  kind: z.enum(articleRevisions.kind.enumValues),
  /** Its own number within the article; files written before revisions were numbered have none (numbered in order on import). */
  number: z.number().int().positive().nullable().optional(),
  /** For a 'restore': the number of the revision it brought back. */
  restoredFrom: z.number().int().positive().nullable().optional(),
  /**
   * What the editor saved, with `sectionSlug` and `authorSlugs` in place of the ids the database keeps;
   * `heroMediaId` and the text's image blocks keep the exporting site's image numbers (media `id`).
   */
  snapshot: z.record(z.string(), z.unknown()),
  createdAt: time,
});

const articleSchema = z.object({
  slug,
  section: slug,
  status: z.enum(articleStatuses),
  /** The story type; files written before types existed have none (imported as news). */
  type: z.enum(STORY_TYPES).default(DEFAULT_STORY_TYPE),
  headline: z.string().min(1),
  summary: z.string(),
  body: z.string(),
  keyPointsTitle: z.string(),
  keyPoints: z.array(z.object({ label: z.string(), text: z.string() })),
  whyItMatters: z.string(),
  contextNote: z.string(),
  seoTitle: z.string(),
  seoDescription: z.string(),
  /** A media file name. */
  hero: z.string().nullable(),
  publishedAt: time.nullable(),
  updatedAt: time,
  createdAt: time,
  /** Set while the article is in the trash. */
  deletedAt: time.nullable().default(null),
  version: z.number().int().positive(),
  tags: z.array(slug),
  /** In byline order. */
  authors: z.array(slug),
  /** Editors' related picks, in order. */
  related: z.array(slug),
  corrections: z.array(z.object({ text: z.string(), publishedAt: time })),
  revisions: z.array(revisionSchema),
  /** Old addresses that lead to this article. */
  redirects: z.array(z.string().startsWith('/')),
});

export const siteExportSchema = z
  .object({
    format: z.literal(SITE_EXPORT_FORMAT, { error: `Not a site export: "format" is not "${SITE_EXPORT_FORMAT}".` }),
    version: z.literal(SITE_EXPORT_VERSION, { error: `This site reads version ${SITE_EXPORT_VERSION} exports only.` }),
    exportedAt: time,
    notIncluded: z.array(z.string()),
    sections: z.array(sectionSchema),
    tags: z.array(tagSchema),
    authors: z.array(authorSchema),
    media: z.array(mediaSchema),
    articles: z.array(articleSchema),
  })
  .superRefine((site, ctx) => {
    // Every name must be unique and every reference must resolve, so a load never half-fails.
    type Path = (string | number)[];
    const names = (entries: readonly (readonly [string, Path])[], what: string) => {
      const seen = new Set<string>();
      for (const [key, path] of entries) {
        if (seen.has(key)) ctx.addIssue({ code: 'custom', message: `${what} "${key}" appears twice.`, path });
        seen.add(key);
      }
      return seen;
    };
    const sections = names(site.sections.map((s, i) => [s.slug, ['sections', i]]), 'Section');
    const tags = names(site.tags.map((t, i) => [t.slug, ['tags', i]]), 'Tag');
    const authors = names(site.authors.map((a, i) => [a.slug, ['authors', i]]), 'Author');
    const media = names(site.media.map((m, i) => [m.fileName, ['media', i]]), 'Media file');
    names(site.media.flatMap((m, i) => (m.id === undefined ? [] : [[String(m.id), ['media', i, 'id']] as const])), 'Media number');
    const articles = names(site.articles.map((a, i) => [a.slug, ['articles', i]]), 'Article');
    names(site.articles.flatMap((a, i) => a.redirects.map((from, j) => [from, ['articles', i, 'redirects', j]] as const)), 'Redirect from');

    const check = (known: ReadonlySet<string>, key: string | null, what: string, path: Path) => {
      if (key !== null && !known.has(key)) ctx.addIssue({ code: 'custom', message: `No ${what} "${key}" in this export.`, path });
    };
    site.authors.forEach((author, i) => check(media, author.photo, 'media file', ['authors', i, 'photo']));
    site.articles.forEach((article, i) => {
      check(sections, article.section, 'section', ['articles', i, 'section']);
      check(media, article.hero, 'media file', ['articles', i, 'hero']);
      article.tags.forEach((key, j) => check(tags, key, 'tag', ['articles', i, 'tags', j]));
      article.authors.forEach((key, j) => check(authors, key, 'author', ['articles', i, 'authors', j]));
      article.related.forEach((key, j) => check(articles, key, 'article', ['articles', i, 'related', j]));
    });
  });

export type SiteExport = z.infer<typeof siteExportSchema>;
export type ExportedArticle = SiteExport['articles'][number];
