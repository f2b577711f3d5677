import { asc, eq } from 'drizzle-orm';
import { SITE_EXPORT_FORMAT, SITE_EXPORT_NOT_INCLUDED, SITE_EXPORT_VERSION, type SiteExport } from '@/ops/site-export';
import { createArticle, setRelatedArticles } from '@/db/articles/writes';
import { WRITE_TRANSACTION, getDb, type Db } from '@/db/client';
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
} from '@/db/schema';
import { renumberImages } from '@/lib/story-blocks/renumber';
import { isDatabaseEmpty } from './seed';

function groupByArticle<T extends { articleId: number }>(rows: readonly T[]): (articleId: number) => T[] {
  const groups = new Map<number, T[]>();
  for (const row of rows) {
    const group = groups.get(row.articleId);
    if (group) group.push(row);
    else groups.set(row.articleId, [row]);
  }
  return (articleId) => groups.get(articleId) ?? [];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

interface SlugsById {
  sections: ReadonlyMap<number, string>;
  authors: ReadonlyMap<number, string>;
  articles: ReadonlyMap<number, string>;
}

interface IdsBySlug {
  sections: ReadonlyMap<string, number>;
  authors: ReadonlyMap<string, number>;
  articles: ReadonlyMap<string, number>;
}

/**
 * Revision snapshots keep the section, authors and related picks by id; the export names them by slug
 * like everything else. An id with no row left (a deleted author, a purged story) is dropped.
 */
function snapshotBySlug(snapshot: unknown, slugs: SlugsById): Record<string, unknown> {
  if (!isRecord(snapshot)) throw new Error('A revision snapshot is not an object.');
  const { sectionId, authorIds, relatedIds, ...rest } = snapshot;
  const slugsOf = (ids: unknown[], bySlug: ReadonlyMap<number, string>) => ids.flatMap((id) => bySlug.get(Number(id)) ?? []);
  return {
    ...rest,
    ...(sectionId !== undefined && { sectionSlug: slugs.sections.get(Number(sectionId)) ?? null }),
    ...(Array.isArray(authorIds) && { authorSlugs: slugsOf(authorIds, slugs.authors) }),
    ...(Array.isArray(relatedIds) && { relatedSlugs: slugsOf(relatedIds, slugs.articles) }),
  };
}

function snapshotById(snapshot: Record<string, unknown>, ids: IdsBySlug): Record<string, unknown> {
  // `relatedIds` is only in exports written before related picks were named by slug: those numbers are
  // the exporting site's, so they are dropped (a restore then keeps the story's current picks).
  const { sectionSlug, authorSlugs, relatedSlugs, relatedIds: _exportingSitesNumbers, ...rest } = snapshot;
  const idsOf = (slugs: unknown[], byId: ReadonlyMap<string, number>) => slugs.flatMap((slug) => byId.get(String(slug)) ?? []);
  return {
    ...rest,
    ...(sectionSlug !== undefined && { sectionId: ids.sections.get(String(sectionSlug)) ?? null }),
    ...(Array.isArray(authorSlugs) && { authorIds: idsOf(authorSlugs, ids.authors) }),
    ...(Array.isArray(relatedSlugs) && { relatedIds: idsOf(relatedSlugs, ids.articles) }),
  };
}

/** Everything on the site but accounts, views and the audit log, with relations by slug (lib/site-export.ts). */
export function exportSite(exportedAt: number, db: Db = getDb()): SiteExport {
  const sectionRows = db.select().from(sections).orderBy(asc(sections.position), asc(sections.slug)).all();
  const authorRows = db.select().from(authors).orderBy(asc(authors.slug)).all();
  const mediaRows = db.select().from(media).orderBy(asc(media.fileName)).all();
  const sectionSlugs = new Map(sectionRows.map((s) => [s.id, s.slug]));
  const authorSlugs = new Map(authorRows.map((a) => [a.id, a.slug]));
  const mediaFiles = new Map(mediaRows.map((m) => [m.id, m.fileName]));
  const fileOf = (mediaId: number | null) => (mediaId === null ? null : (mediaFiles.get(mediaId) ?? null));

  const keyPointsOf = groupByArticle(
    db.select().from(articleKeyPoints).orderBy(asc(articleKeyPoints.articleId), asc(articleKeyPoints.position)).all(),
  );
  const tagsOf = groupByArticle(
    db
      .select({ articleId: articleTags.articleId, slug: tags.slug })
      .from(articleTags)
      .innerJoin(tags, eq(tags.id, articleTags.tagId))
      .orderBy(asc(tags.slug))
      .all(),
  );
  const authorsOf = groupByArticle(
    db
      .select({ articleId: articleAuthors.articleId, slug: authors.slug })
      .from(articleAuthors)
      .innerJoin(authors, eq(authors.id, articleAuthors.authorId))
      .orderBy(asc(articleAuthors.position))
      .all(),
  );
  const relatedOf = groupByArticle(
    db
      .select({ articleId: articleRelated.articleId, slug: articles.slug })
      .from(articleRelated)
      .innerJoin(articles, eq(articles.id, articleRelated.relatedId))
      .orderBy(asc(articleRelated.position))
      .all(),
  );
  const correctionsOf = groupByArticle(
    db.select().from(articleCorrections).orderBy(asc(articleCorrections.publishedAt), asc(articleCorrections.id)).all(),
  );
  const revisionsOf = groupByArticle(db.select().from(articleRevisions).orderBy(asc(articleRevisions.id)).all());
  const articleRows = db.select().from(articles).orderBy(asc(articles.id)).all();
  const slugsById: SlugsById = { sections: sectionSlugs, authors: authorSlugs, articles: new Map(articleRows.map((a) => [a.id, a.slug])) };
  const redirectsOf = groupByArticle(db.select().from(redirects).orderBy(asc(redirects.fromPath)).all());

  return {
    format: SITE_EXPORT_FORMAT,
    version: SITE_EXPORT_VERSION,
    exportedAt,
    notIncluded: SITE_EXPORT_NOT_INCLUDED,
    sections: sectionRows.map(({ id: _id, ...section }) => section),
    tags: db.select({ slug: tags.slug, name: tags.name }).from(tags).orderBy(asc(tags.slug)).all(),
    authors: authorRows.map(({ id: _id, photoMediaId, ...author }) => ({ ...author, photo: fileOf(photoMediaId) })),
    // With its number: the text's story blocks name images by it (ops/site-export.ts).
    media: mediaRows,
    articles: articleRows.map(({ id, sectionId, heroMediaId, createdBy: _createdBy, bodyHtml: _bodyHtml, whyItMattersHtml: _whyItMattersHtml, ...article }) => ({
        ...article,
        section: sectionSlugs.get(sectionId) ?? '',
        hero: fileOf(heroMediaId),
        keyPoints: keyPointsOf(id).map(({ label, text }) => ({ label, text })),
        tags: tagsOf(id).map((t) => t.slug),
        authors: authorsOf(id).map((a) => a.slug),
        related: relatedOf(id).map((r) => r.slug),
        corrections: correctionsOf(id).map(({ text, publishedAt }) => ({ text, publishedAt })),
        revisions: revisionsOf(id).map(({ version, kind, number, restoredFrom, snapshot, createdAt }) => ({
          version,
          kind,
          number,
          restoredFrom,
          snapshot: snapshotBySlug(snapshot, slugsById),
          createdAt,
        })),
        redirects: redirectsOf(id).map((r) => r.fromPath),
      })),
  };
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/**
 * The exported images into the target's library. An image already there under the same file name takes
 * the exported text and keeps its number; a new one keeps the number it had where the target has it free
 * (so a fresh site is numbered as the old one, and its text needs no change), else gets the next one.
 * Gives each file's number here, and the number here of each exported number (undefined: not exported).
 */
function importMedia(tx: Tx, rows: SiteExport['media']) {
  const mediaIds = new Map<string, number>();
  const byExportedId = new Map<number, number>();
  const taken = new Set(tx.select({ id: media.id }).from(media).all().map((row) => row.id));
  const existing = new Map(tx.select({ id: media.id, fileName: media.fileName }).from(media).all().map((row) => [row.fileName, row.id]));
  const later: SiteExport['media'] = [];
  const store = (id: number | undefined, fileName: string, newId: number) => {
    mediaIds.set(fileName, newId);
    if (id !== undefined) byExportedId.set(id, newId);
  };
  // First the images that keep their file's row or their number, so none of them is taken by a new one.
  for (const { id, ...row } of rows) {
    const already = existing.get(row.fileName);
    if (already !== undefined) {
      tx.update(media).set(row).where(eq(media.id, already)).run();
      store(id, row.fileName, already);
    } else if (id !== undefined && !taken.has(id)) {
      tx.insert(media).values({ id, ...row }).run();
      taken.add(id);
      store(id, row.fileName, id);
    } else later.push({ id, ...row });
  }
  for (const { id, ...row } of later) store(id, row.fileName, tx.insert(media).values(row).returning({ id: media.id }).get().id);
  return { mediaIds, newImageId: (id: number) => byExportedId.get(id) };
}

export class SiteNotEmptyError extends Error {
  constructor() {
    super('The site already has articles: a site export loads only into a site without any (a fresh DATA_DIR).');
  }
}

export interface SiteImportCounts {
  sections: number;
  tags: number;
  authors: number;
  media: number;
  articles: number;
}

/**
 * Loads a validated export (siteExportSchema) into a site without articles, all or nothing. Sections,
 * tags, authors and media already there under the same slug or file name take the exported values.
 */
export function importSite(db: Db, site: SiteExport): SiteImportCounts {
  return db.transaction(
    (tx) => {
      // The one connection is inside the transaction, so this check and the writes cannot be interleaved.
      if (!isDatabaseEmpty(db)) throw new SiteNotEmptyError();
      const idOf = (ids: ReadonlyMap<string, number>, key: string) => {
        const id = ids.get(key);
        if (id === undefined) throw new Error(`"${key}" is not in the export`);
        return id;
      };

      const { mediaIds, newImageId } = importMedia(tx, site.media);
      const sectionIds = new Map(
        site.sections.map((row) => [
          row.slug,
          tx.insert(sections).values(row).onConflictDoUpdate({ target: sections.slug, set: row }).returning({ id: sections.id }).get().id,
        ]),
      );
      const tagIds = new Map(
        site.tags.map((row) => [
          row.slug,
          tx.insert(tags).values(row).onConflictDoUpdate({ target: tags.slug, set: row }).returning({ id: tags.id }).get().id,
        ]),
      );
      const authorIds = new Map(
        site.authors.map(({ photo, ...author }) => {
          const row = { ...author, photoMediaId: photo === null ? null : idOf(mediaIds, photo) };
          return [
            row.slug,
            tx.insert(authors).values(row).onConflictDoUpdate({ target: authors.slug, set: row }).returning({ id: authors.id }).get().id,
          ];
        }),
      );

      // The text's image blocks (and a revision's hero) name images by the exporting site's numbers.
      const renumberText = <T extends { body?: unknown; whyItMatters?: unknown }>(text: T): T => ({
        ...text,
        ...(typeof text.body === 'string' && { body: renumberImages(text.body, newImageId) }),
        ...(typeof text.whyItMatters === 'string' && { whyItMatters: renumberImages(text.whyItMatters, newImageId) }),
      });
      const articleIds = new Map<string, number>();
      for (const article of site.articles) {
        const {
          section,
          hero,
          tags: tagSlugs,
          authors: authorSlugs,
          related: _related,
          corrections,
          revisions: _revisions,
          redirects: fromPaths,
          status,
          publishedAt,
          updatedAt,
          createdAt,
          deletedAt,
          version,
          ...content
        } = article;
        // The HTML is rendered from the Markdown: HTML from a file is never trusted.
        const articleId = createArticle(
          tx,
          {
            ...renumberText(content),
            sectionId: idOf(sectionIds, section),
            // Every tag is in the export (siteExportSchema checks): its slug finds the tag loaded above.
            tagNames: tagSlugs,
            authorIds: authorSlugs.map((slug) => idOf(authorIds, slug)),
            heroMediaId: hero === null ? null : idOf(mediaIds, hero),
            relatedIds: [],
          },
          { status },
          { userId: null, now: updatedAt },
          { dates: { publishedAt, updatedAt, createdAt }, deletedAt, version, corrections },
        );
        articleIds.set(article.slug, articleId);
        for (const fromPath of fromPaths) tx.insert(redirects).values({ fromPath, articleId }).run();
      }
      // Related picks, and revisions' picks, can point forward in the list, so they go in once every
      // article has its id.
      const ids: IdsBySlug = { sections: sectionIds, authors: authorIds, articles: articleIds };
      for (const article of site.articles) {
        const articleId = idOf(articleIds, article.slug);
        setRelatedArticles(tx, articleId, article.related.map((slug) => idOf(articleIds, slug)));
        for (const { snapshot, ...revision } of article.revisions) {
          const { heroMediaId, ...rest } = renumberText(snapshotById(snapshot, ids));
          const snapshotHero = typeof heroMediaId === 'number' ? (newImageId(heroMediaId) ?? heroMediaId) : heroMediaId;
          tx.insert(articleRevisions)
            .values({ articleId, ...revision, snapshot: { ...rest, ...(heroMediaId !== undefined && { heroMediaId: snapshotHero }) } })
            .run();
        }
      }
      return {
        sections: sectionIds.size,
        tags: tagIds.size,
        authors: authorIds.size,
        media: mediaIds.size,
        articles: articleIds.size,
      };
    },
    WRITE_TRANSACTION,
  );
}
