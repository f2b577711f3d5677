import { eq } from 'drizzle-orm';
import type { Db } from './client';
import {
  articleAuthors,
  articleCorrections,
  articleKeyPoints,
  articleRelated,
  articles,
  articleTags,
  authors,
  media,
  sections,
  tags,
  type ArticleStatus,
} from './schema';
import type { KeyPoint } from './types';
import { slugify } from '@/lib/paths';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
type Writer = Db | Tx;

export interface NewArticle {
  slug: string;
  sectionSlug: string;
  status: ArticleStatus;
  headline: string;
  summary: string;
  body: string;
  keyPointsTitle: string;
  keyPoints: KeyPoint[];
  whyItMatters: string;
  contextNote: string;
  authorSlugs: string[];
  tagNames: string[];
  publishedAt: number | null;
  updatedAt: number;
  corrections?: { text: string; publishedAt: number }[];
  hero?: { fileName: string; width: number; height: number; alt: string; caption: string; credit: string };
}

/** The id of the tag with this name's slug, creating the tag on first use. */
export function ensureTag(db: Writer, name: string): number {
  const slug = slugify(name);
  const existing = db.select({ id: tags.id }).from(tags).where(eq(tags.slug, slug)).get();
  return existing?.id ?? db.insert(tags).values({ slug, name }).returning({ id: tags.id }).get().id;
}

function requireId(row: { id: number } | undefined, what: string): number {
  if (!row) throw new Error(`${what} does not exist`);
  return row.id;
}

/** Inserts an article with its key points, authors, tags, hero image and corrections; returns its id. */
export function insertArticle(db: Writer, input: NewArticle): number {
  const sectionId = requireId(
    db.select({ id: sections.id }).from(sections).where(eq(sections.slug, input.sectionSlug)).get(),
    `Section ${input.sectionSlug}`,
  );
  const heroMediaId = input.hero
    ? db
        .insert(media)
        .values({ ...input.hero, mimeType: 'image/webp' })
        .returning({ id: media.id })
        .get().id
    : null;
  const id = db
    .insert(articles)
    .values({
      slug: input.slug,
      sectionId,
      status: input.status,
      headline: input.headline,
      summary: input.summary,
      body: input.body,
      keyPointsTitle: input.keyPointsTitle,
      whyItMatters: input.whyItMatters,
      contextNote: input.contextNote,
      heroMediaId,
      publishedAt: input.publishedAt,
      updatedAt: input.updatedAt,
      createdAt: input.publishedAt ?? input.updatedAt,
    })
    .returning({ id: articles.id })
    .get().id;
  input.keyPoints.forEach((point, position) =>
    db.insert(articleKeyPoints).values({ articleId: id, position, ...point }).run(),
  );
  input.authorSlugs.forEach((slug, position) => {
    const authorId = requireId(
      db.select({ id: authors.id }).from(authors).where(eq(authors.slug, slug)).get(),
      `Author ${slug}`,
    );
    db.insert(articleAuthors).values({ articleId: id, authorId, position }).run();
  });
  for (const name of input.tagNames) {
    db.insert(articleTags).values({ articleId: id, tagId: ensureTag(db, name) }).onConflictDoNothing().run();
  }
  for (const correction of input.corrections ?? []) {
    db.insert(articleCorrections).values({ articleId: id, ...correction }).run();
  }
  return id;
}

/** Replaces an article's manual related picks, in order. */
export function setRelatedArticles(db: Writer, articleId: number, relatedIds: readonly number[]): void {
  db.delete(articleRelated).where(eq(articleRelated.articleId, articleId)).run();
  relatedIds.forEach((relatedId, position) => {
    if (relatedId !== articleId) db.insert(articleRelated).values({ articleId, relatedId, position }).run();
  });
}
