import { and, desc, eq, isNotNull, isNull, lte, notInArray, sql } from 'drizzle-orm';
import { getDb, WRITE_TRANSACTION, type Db } from '../client';
import { getImagesByIds } from '../media';
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
import { ARTICLE_TEXT_DEFAULTS, ARTICLE_TEXT_FIELDS, articleText, MARKDOWN_FIELDS, type ArticleFields, type NewArticle, type RevisionSnapshot, type StoredHtml } from './model';
import { renderMarkdown } from '@/lib/markdown';
import { slugify } from '@/lib/paths';
import { DEFAULT_STORY_TYPE } from '@/lib/story-types';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
type Writer = Db | Tx;

export type { ArticleFields, NewArticle } from './model';

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

/**
 * The Markdown fields as readers see them, stored with every write of the text (readers never render).
 * The media library's images the text names (story blocks) are read in one query per field.
 */
export const renderedHtml = (text: Pick<ArticleFields, (typeof MARKDOWN_FIELDS)[number]>, db: Writer = getDb()): StoredHtml =>
  Object.fromEntries(MARKDOWN_FIELDS.map((field) => [`${field}Html`, renderMarkdown(text[field], (ids) => getImagesByIds(ids, db))])) as StoredHtml;

/** The ids of the section and authors that seeds, generated content and tests name by slug. */
export function idsOfSlugs(db: Writer, { sectionSlug, authorSlugs }: Pick<NewArticle, 'sectionSlug' | 'authorSlugs'>) {
  return {
    sectionId: requireId(db.select({ id: sections.id }).from(sections).where(eq(sections.slug, sectionSlug)).get(), `Section ${sectionSlug}`),
    authorIds: authorSlugs.map((slug) =>
      requireId(db.select({ id: authors.id }).from(authors).where(eq(authors.slug, slug)).get(), `Author ${slug}`),
    ),
  };
}

/** A NewArticle (seeds, generated content, tests) as createArticle's fields, its hero image added to the library. */
export function fieldsOfNewArticle(db: Writer, article: NewArticle): ArticleFields {
  return {
    ...articleText({ ...ARTICLE_TEXT_DEFAULTS, ...article }),
    keyPoints: article.keyPoints ?? [],
    slug: article.slug,
    type: article.type ?? DEFAULT_STORY_TYPE,
    ...idsOfSlugs(db, article),
    tagNames: article.tagNames,
    heroMediaId: article.hero ? db.insert(media).values({ ...article.hero, mimeType: 'image/webp' }).returning({ id: media.id }).get().id : null,
    relatedIds: [],
  };
}

/** createArticle's arguments for a NewArticle: the seeds', generated content's and tests' one call. */
export const newArticleArguments = (db: Writer, article: NewArticle) =>
  [
    db,
    fieldsOfNewArticle(db, article),
    { status: article.status },
    { userId: null, now: article.updatedAt },
    { dates: { publishedAt: article.publishedAt, updatedAt: article.updatedAt }, corrections: article.corrections },
  ] as const;

/** Replaces an article's manual related picks, in order. */
export function setRelatedArticles(db: Writer, articleId: number, relatedIds: readonly number[]): void {
  db.delete(articleRelated).where(eq(articleRelated.articleId, articleId)).run();
  relatedIds.forEach((relatedId, position) => {
    if (relatedId !== articleId) db.insert(articleRelated).values({ articleId, relatedId, position }).run();
  });
}

export interface WriteContext {
  /** Null for the system (the scheduler). */
  userId: number | null;
  now: number;
}

/** 'update' is a publish of an article that was already live ("Update live article"); updateArticle decides it.
 * 'pending': unpublished changes to a live or scheduled article, not live until "Update live article". */
export type RevisionKind = 'save' | 'autosave' | 'publish' | 'update' | 'restore' | 'conflict' | 'pending';

/** The statements that write an article's parts, prepared once per connection or transaction (seeds insert 100,000 articles). */
function prepareParts(db: Writer) {
  const p = sql.placeholder;
  const articleRow = Object.fromEntries(ARTICLE_COLUMNS.map((column) => [column, p(column)])) as unknown as typeof articles.$inferInsert;
  return {
    article: db.insert(articles).values(articleRow).returning({ id: articles.id }).prepare(),
    tagBySlug: db.select({ id: tags.id }).from(tags).where(eq(tags.slug, p('slug'))).prepare(),
    keyPoint: db.insert(articleKeyPoints).values({ articleId: p('articleId'), position: p('position'), label: p('label'), text: p('text') }).prepare(),
    tag: db.insert(articleTags).values({ articleId: p('articleId'), tagId: p('tagId') }).onConflictDoNothing().prepare(),
    author: db.insert(articleAuthors).values({ articleId: p('articleId'), authorId: p('authorId'), position: p('position') }).prepare(),
    related: db.insert(articleRelated).values({ articleId: p('articleId'), relatedId: p('relatedId'), position: p('position') }).prepare(),
    correction: db.insert(articleCorrections).values({ articleId: p('articleId'), text: p('text'), publishedAt: p('publishedAt') }).prepare(),
  };
}
const preparedParts = new WeakMap<Writer, ReturnType<typeof prepareParts>>();
function partsStatements(db: Writer) {
  let statements = preparedParts.get(db);
  if (!statements) preparedParts.set(db, (statements = prepareParts(db)));
  return statements;
}

/** Inserts an article's key points, tags, byline and related picks (a new article has none yet). */
function insertArticleParts(db: Writer, articleId: number, fields: ArticleFields): void {
  const insert = partsStatements(db);
  fields.keyPoints.forEach(({ label, text }, position) => insert.keyPoint.run({ articleId, position, label, text }));
  for (const name of fields.tagNames) {
    const tagId = insert.tagBySlug.get({ slug: slugify(name) })?.id ?? ensureTag(db, name);
    insert.tag.run({ articleId, tagId });
  }
  fields.authorIds.forEach((authorId, position) => insert.author.run({ articleId, authorId, position }));
  fields.relatedIds.forEach((relatedId, position) => {
    if (relatedId !== articleId) insert.related.run({ articleId, relatedId, position });
  });
}

function replaceArticleParts(db: Writer, articleId: number, fields: ArticleFields): void {
  for (const table of [articleKeyPoints, articleTags, articleAuthors, articleRelated]) {
    db.delete(table).where(eq(table.articleId, articleId)).run();
  }
  insertArticleParts(db, articleId, fields);
}

/** Keeps a full copy of what was saved, so nothing an editor typed is ever lost. */
export function recordRevision(
  db: Writer,
  articleId: number,
  version: number,
  kind: RevisionKind,
  snapshot: RevisionSnapshot,
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

/** The columns a new article's row sets (the rest take their defaults). */
const ARTICLE_COLUMNS = [
  ...ARTICLE_TEXT_FIELDS,
  ...MARKDOWN_FIELDS.map((field) => `${field}Html` as const),
  'slug',
  'type',
  'sectionId',
  'heroMediaId',
  'status',
  'publishedAt',
  'updatedAt',
  'createdAt',
  'createdBy',
  'version',
  'deletedAt',
] as const;
type ArticleColumn = (typeof ARTICLE_COLUMNS)[number];

const articleColumns = (fields: ArticleFields, db: Writer) => ({
  ...articleText(fields),
  ...renderedHtml(fields, db),
  slug: fields.slug,
  type: fields.type,
  sectionId: fields.sectionId,
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

/** Who creates an article: null for a seed, a test or a command-line import (no account, so no first revision). */
export type CreateContext = WriteContext;

/** What an article brings when it is not new to the world (seeds, imports, tests): its own dates and history. */
export interface StoredFacts {
  /** Instead of the placement's: when readers first saw it (null: never), when it last changed, when it was created (default: publishedAt ?? updatedAt). */
  dates?: { publishedAt: number | null; updatedAt: number; createdAt?: number };
  version?: number;
  deletedAt?: number | null;
  corrections?: NewArticle['corrections'];
}

/**
 * The one way an article is inserted: the editor's new article, the seeds, imports and tests. A new
 * article (a draft unless told otherwise), with its key points, tags, byline, related picks and
 * corrections and, when an account creates it, its first revision; returns its id.
 */
export function createArticle(
  db: Writer,
  fields: ArticleFields,
  { status, scheduledFor }: Placement,
  { userId, now }: CreateContext,
  { dates, version, deletedAt, corrections = [] }: StoredFacts = {},
): number {
  return db.transaction((tx) => {
    const publishedAt = dates ? dates.publishedAt : status === 'published' ? now : status === 'scheduled' ? (scheduledFor ?? now) : null;
    const { id } = partsStatements(db).article.get({
      ...articleColumns(fields, db),
      status,
      publishedAt,
      updatedAt: dates?.updatedAt ?? now,
      createdAt: dates ? (dates.createdAt ?? dates.publishedAt ?? dates.updatedAt) : now,
      createdBy: userId,
      version: version ?? 1,
      deletedAt: deletedAt ?? null,
    } satisfies Record<ArticleColumn, unknown>)!;
    // The parts' statements are the caller's (prepared once for a whole seed), run inside this transaction.
    insertArticleParts(db, id, fields);
    for (const correction of corrections) partsStatements(db).correction.run({ articleId: id, ...correction });
    if (userId !== null) recordRevision(tx, id, 1, status === 'published' ? 'publish' : 'save', { ...fields, status }, userId);
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
        ...articleColumns(fields, db),
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
