import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { STORY_TYPES } from '@/lib/story-types';

/** The folder of the demo newsroom's content files (one JSON file per section, and authors.json). */
export const DEMO_CONTENT_DIR = path.join(import.meta.dirname, 'seed-content');

/** The shape of the demo newsroom's content files in ops/seed-content/. */
const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).max(120);

export const seedArticleSchema = z.object({
  slug,
  /** The story type (lib/story-types.ts); news when left out. */
  type: z.enum(STORY_TYPES).optional(),
  headline: z.string().min(10).max(200),
  summary: z.string().min(20),
  body: z.string().min(100),
  keyPointsTitle: z.string().min(3).max(80),
  keyPoints: z.array(z.object({ label: z.string().min(2), text: z.string().min(5) })).min(1),
  whyItMatters: z.string().min(20),
  contextNote: z.string().nullish(),
  authors: z.array(slug).min(1),
  tags: z.array(z.string().min(2)).min(1),
  related: z.array(slug).default([]),
  hoursAgo: z.number().positive(),
  updatedHoursAgo: z.number().nonnegative().nullish(),
  corrections: z.array(z.object({ text: z.string().min(10), hoursAfterPublish: z.number().positive() })).default([]),
  hero: z.object({ alt: z.string().min(5), caption: z.string(), credit: z.string() }).optional(),
});

export const seedSectionFileSchema = z.object({
  section: z.object({ slug, name: z.string().min(2), description: z.string(), position: z.number().int() }),
  articles: z.array(seedArticleSchema).min(1),
});

export const seedAuthorSchema = z.object({ slug, name: z.string(), title: z.string(), bio: z.string() });

/**
 * fronts.json: the demo's arranged fronts ('home' or a section's slug), each slot a demo article by slug at
 * its position (0 = the lead), with optional texts for the front only. Other slots fill automatically.
 */
export const seedFrontsFileSchema = z.object({
  fronts: z.array(
    z.object({
      front: z.union([z.literal('home'), slug]),
      slots: z
        .array(
          z.object({
            position: z.number().int().min(0).max(6),
            article: slug,
            headline: z.string().max(150).default(''),
            summary: z.string().max(400).default(''),
          }),
        )
        .min(1),
    }),
  ),
});

export type SeedFront = z.infer<typeof seedFrontsFileSchema>['fronts'][number];
/** ops/seed-content/liveblogs.json: demo articles covered as live blogs, by slug, and their updates. */
export const seedLiveBlogsSchema = z.object({
  liveBlogs: z.array(
    z.object({
      article: slug,
      startedHoursAgo: z.number().positive(),
      /** Null: still live. */
      endedHoursAgo: z.number().nonnegative().nullable(),
      updates: z
        .array(
          z.object({
            minutesAgo: z.number().nonnegative(),
            author: slug,
            title: z.string().max(200).default(''),
            body: z.string().min(10).max(20_000),
            keyEvent: z.boolean().default(false),
          }),
        )
        .min(1),
    }),
  ),
});
export const LIVE_BLOGS_FILE = 'liveblogs.json';

export type SeedArticle = z.infer<typeof seedArticleSchema>;
export type SeedLiveBlogs = z.infer<typeof seedLiveBlogsSchema>['liveBlogs'];
export type SeedSectionFile = z.infer<typeof seedSectionFileSchema>;
export type SeedAuthor = z.infer<typeof seedAuthorSchema>;

export interface SeedContent {
  authors: SeedAuthor[];
  sections: SeedSectionFile[];
  /** The arranged fronts (fronts.json); none when left out. */
  fronts?: SeedFront[];
  /** Absent: no live blogs (content made by tests). */
  liveBlogs?: SeedLiveBlogs;
}

const FRONTS_FILE = 'fronts.json';

export function readSeedContent(folder: string): SeedContent {
  const read = (file: string): unknown => JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8'));
  const authors = z.array(seedAuthorSchema).parse(read('authors.json'));
  const sections = fs
    .readdirSync(folder)
    .filter((file) => file.endsWith('.json') && file !== 'authors.json' && file !== FRONTS_FILE && file !== LIVE_BLOGS_FILE)
    .map((file) => {
      const parsed = seedSectionFileSchema.safeParse(read(file));
      if (!parsed.success) throw new Error(`${file}: ${z.prettifyError(parsed.error)}`);
      return parsed.data;
    })
    .sort((a, b) => a.section.position - b.section.position);
  const fronts = fs.existsSync(path.join(folder, FRONTS_FILE)) ? seedFrontsFileSchema.parse(read(FRONTS_FILE)).fronts : [];
  const liveBlogs = fs.existsSync(path.join(folder, LIVE_BLOGS_FILE)) ? seedLiveBlogsSchema.parse(read(LIVE_BLOGS_FILE)).liveBlogs : [];
  return { authors, sections, fronts, liveBlogs };
}
