import { and, desc, eq, isNotNull, isNull, lte, notInArray, sql } from 'drizzle-orm';
import { WRITE_TRANSACTION, type Db } from '../client';
import {
  articleAuthors,
  articleCorrections,
  articleKeyPoints,
  articleRelated,
  articleRevisions,
  articles,
  articleTags,
  authors,
  media,
  redirects,
  sections,
  tags,
  type ArticleStatus,
} from '../schema';
import type { ArticleContent, KeyPoint } from '../types';
import { renderMarkdown } from '@/lib/markdown';
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

/** The Markdown fields as readers see them, stored with every write of the text (readers never render). */
export const renderedHtml = ({ body, whyItMatters }: { body: string; whyItMatters: string }) => ({
  bodyHtml: renderMarkdown(body),
  whyItMattersHtml: renderMarkdown(whyItMatters),
});

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
      ...renderedHtml(input),
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

/** Everything an editor types into an article (the newsroom's form, validated). */
export interface ArticleFields extends ArticleContent {
  slug: string;
  sectionId: number;
  tagNames: string[];
  authorIds: number[];
  /** The image at the top of the article and beside it in lists; null for none. */
  heroMediaId: number | null;
  /** Editors' related picks, in order (shown before the automatic ones). */
  relatedIds: number[];
}

export interface WriteContext {
  /** Null for the system (the scheduler). */
  userId: number | null;
  now: number;
}

/** 'update' is a publish of an article that was already live ("Update live article"); updateArticle decides it.
 * 'pending': unpublished changes to a live or scheduled article, not live until "Update live article". */
export type RevisionKind = 'save' | 'autosave' | 'publish' | 'update' | 'restore' | 'conflict' | 'pending';

function replaceArticleParts(db: Writer, articleId: number, fields: ArticleFields): void {
  db.delete(articleKeyPoints).where(eq(articleKeyPoints.articleId, articleId)).run();
  fields.keyPoints.forEach((point, position) => db.insert(articleKeyPoints).values({ articleId, position, ...point }).run());
  db.delete(articleTags).where(eq(articleTags.articleId, articleId)).run();
  for (const name of fields.tagNames) {
    db.insert(articleTags).values({ articleId, tagId: ensureTag(db, name) }).onConflictDoNothing().run();
  }
  db.delete(articleAuthors).where(eq(articleAuthors.articleId, articleId)).run();
  fields.authorIds.forEach((authorId, position) => db.insert(articleAuthors).values({ articleId, authorId, position }).run());
  setRelatedArticles(db, articleId, fields.relatedIds);
}

/** Keeps a full copy of what was saved, so nothing an editor typed is ever lost. */
export function recordRevision(
  db: Writer,
  articleId: number,
  version: number,
  kind: RevisionKind,
  snapshot: ArticleFields & { status: ArticleStatus },
  userId: number | null,
  restoredFrom: number | null = null,
): void {
  // Its `number` within the article is set by a trigger (db/migrations): see the schema.
  db.insert(articleRevisions).values({ articleId, version, kind, snapshot, userId, restoredFrom }).run();
}

const AUTOSAVES_KEPT = 20;

/** Autosaves pile up fast: only the newest few are kept. Saved, published and restored revisions stay. */
function pruneAutosaves(db: Writer, articleId: number): void {
  const keep = db
    .select({ id: articleRevisions.id })
    .from(articleRevisions)
    .where(and(eq(articleRevisions.articleId, articleId), eq(articleRevisions.kind, 'autosave')))
    .orderBy(desc(articleRevisions.id))
    .limit(AUTOSAVES_KEPT);
  db.delete(articleRevisions)
    .where(and(eq(articleRevisions.articleId, articleId), eq(articleRevisions.kind, 'autosave'), notInArray(articleRevisions.id, keep)))
    .run();
}

const articleColumns = (fields: ArticleFields) => ({
  slug: fields.slug,
  sectionId: fields.sectionId,
  headline: fields.headline,
  summary: fields.summary,
  body: fields.body,
  keyPointsTitle: fields.keyPointsTitle,
  whyItMatters: fields.whyItMatters,
  ...renderedHtml(fields),
  contextNote: fields.contextNote,
  seoTitle: fields.seoTitle,
  seoDescription: fields.seoDescription,
  heroMediaId: fields.heroMediaId,
});

/**
 * Once readers may have seen an address, it keeps working: a moved article's old path redirects to
 * wherever the article is now (the redirect names the article, not a path, so chains never form).
 */
function keepOldAddress(db: Writer, articleId: number, oldPath: string): void {
  const now = db
    .select({ path: sql<string>`'/' || ${sections.slug} || '/' || ${articles.slug}` })
    .from(articles)
    .innerJoin(sections, eq(sections.id, articles.sectionId))
    .where(eq(articles.id, articleId))
    .get()?.path;
  if (!now || now === oldPath) return;
  db.delete(redirects).where(eq(redirects.fromPath, now)).run();
  db.insert(redirects).values({ fromPath: oldPath, articleId }).onConflictDoUpdate({ target: redirects.fromPath, set: { articleId } }).run();
}

/** When readers see an article: now for a first publication, the chosen time for a scheduled one. */
export interface Placement {
  status: ArticleStatus;
  /** Required with status 'scheduled'. */
  scheduledFor?: number;
}

/** A new article (a draft unless told otherwise), with its first revision; returns its id. */
export function createArticle(db: Db, fields: ArticleFields, { status, scheduledFor }: Placement, { userId, now }: WriteContext): number {
  return db.transaction((tx) => {
    const id = tx
      .insert(articles)
      .values({
        ...articleColumns(fields),
        status,
        publishedAt: status === 'published' ? now : status === 'scheduled' ? (scheduledFor ?? now) : null,
        updatedAt: now,
        createdAt: now,
        createdBy: userId,
      })
      .returning({ id: articles.id })
      .get().id;
    replaceArticleParts(tx, id, fields);
    recordRevision(tx, id, 1, status === 'published' ? 'publish' : 'save', { ...fields, status }, userId);
    return id;
  }, WRITE_TRANSACTION);
}

export type UpdateResult = { ok: true; version: number } | { ok: false; reason: 'conflict' | 'missing' };

/**
 * Saves an edit only if nobody saved since the editor loaded `expectedVersion`: the check is part of
 * the UPDATE itself, so two simultaneous saves cannot both pass it. A refused edit is still kept, as a
 * 'conflict' revision.
 */
export function updateArticle(
  db: Db,
  {
    articleId,
    expectedVersion,
    fields,
    kind,
    restoredFrom = null,
  }: {
    articleId: number;
    expectedVersion: number;
    fields: ArticleFields;
    kind: RevisionKind;
    /** For a 'restore': the number of the revision brought back. */
    restoredFrom?: number | null;
  },
  { status, scheduledFor }: Placement,
  { userId, now }: WriteContext,
): UpdateResult {
  return db.transaction((tx) => {
    const previous = tx
      .select({ slug: articles.slug, sectionSlug: sections.slug, publishedAt: articles.publishedAt, status: articles.status })
      .from(articles)
      .innerJoin(sections, eq(sections.id, articles.sectionId))
      .where(eq(articles.id, articleId))
      .get();
    const updated = tx
      .update(articles)
      .set({
        ...articleColumns(fields),
        status,
        // First publication sets the date readers see; later edits keep it. Scheduling sets the date to come.
        publishedAt:
          status === 'scheduled'
            ? (scheduledFor ?? now)
            : status === 'published'
              ? sql`coalesce(${articles.publishedAt}, ${now})`
              : articles.publishedAt,
        updatedAt: now,
        version: sql`${articles.version} + 1`,
      })
      .where(and(eq(articles.id, articleId), eq(articles.version, expectedVersion)))
      .returning({ version: articles.version })
      .get();
    if (!updated) {
      const current = tx.select({ version: articles.version }).from(articles).where(eq(articles.id, articleId)).get();
      if (!current) return { ok: false, reason: 'missing' } as const;
      recordRevision(tx, articleId, current.version, 'conflict', { ...fields, status }, userId);
      return { ok: false, reason: 'conflict' } as const;
    }
    replaceArticleParts(tx, articleId, fields);
    if (previous?.publishedAt != null) keepOldAddress(tx, articleId, `/${previous.sectionSlug}/${previous.slug}`);
    const recorded = kind === 'publish' && previous?.status === 'published' ? 'update' : kind;
    recordRevision(tx, articleId, updated.version, recorded, { ...fields, status }, userId, kind === 'restore' ? restoredFrom : null);
    if (kind === 'autosave') pruneAutosaves(tx, articleId);
    return { ok: true, version: updated.version } as const;
  }, WRITE_TRANSACTION);
}

/**
 * The scheduled articles whose time has come, oldest first. The scheduler publishes each through the
 * newsroom's publish (lib/newsroom/use-cases/publish.ts), with a revision and an audit line.
 */
export function listDueArticleIds(now: number, db: Db): number[] {
  return db
    .select({ id: articles.id })
    .from(articles)
    .where(and(eq(articles.status, 'scheduled'), lte(articles.publishedAt, now), isNull(articles.deletedAt)))
    .orderBy(articles.publishedAt, articles.id)
    .all()
    .map((row) => row.id);
}

/** Moves an article to the trash: off the site at once (a published one becomes a draft), restorable. */
export function moveArticleToTrash(db: Db, articleId: number, now: number): boolean {
  return (
    db
      .update(articles)
      .set({
        deletedAt: now,
        status: sql`case when ${articles.status} in ('published', 'scheduled') then 'draft' else ${articles.status} end`,
        updatedAt: now,
        version: sql`${articles.version} + 1`,
      })
      .where(and(eq(articles.id, articleId), isNull(articles.deletedAt)))
      .run().changes === 1
  );
}

export function restoreArticleFromTrash(db: Db, articleId: number, now: number): boolean {
  return (
    db
      .update(articles)
      .set({ deletedAt: null, updatedAt: now, version: sql`${articles.version} + 1` })
      .where(and(eq(articles.id, articleId), isNotNull(articles.deletedAt)))
      .run().changes === 1
  );
}

/** A public, dated correction. There is no edit or delete: corrections are never silently taken back. */
export function addCorrection(db: Db, articleId: number, text: string, now: number): number {
  return db.insert(articleCorrections).values({ articleId, text, publishedAt: now }).returning({ id: articleCorrections.id }).get().id;
}
