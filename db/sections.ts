import { asc, count, eq } from 'drizzle-orm';
import { WRITE_TRANSACTION, getDb, type Db } from './client';
import { articles, sections } from './schema';
import type { Section } from './types';

const sectionColumns = {
  id: sections.id,
  slug: sections.slug,
  name: sections.name,
  description: sections.description,
};

export function listSections(db: Db = getDb()): Section[] {
  return db.select(sectionColumns).from(sections).orderBy(asc(sections.position), asc(sections.name)).all();
}

export function getSection(slug: string, db: Db = getDb()): Section | null {
  return db.select(sectionColumns).from(sections).where(eq(sections.slug, slug)).get() ?? null;
}

/** A section as the newsroom manages it: with its menu position and how many articles (any status) it holds. */
export interface NewsroomSection extends Section {
  position: number;
  articleCount: number;
}

/** What an editor sets on a section. */
export interface SectionFields {
  name: string;
  slug: string;
  position: number;
  description: string;
}

function newsroomSectionQuery(db: Db) {
  return db
    .select({ ...sectionColumns, position: sections.position, articleCount: count(articles.id) })
    .from(sections)
    .leftJoin(articles, eq(articles.sectionId, sections.id))
    .$dynamic();
}

/** Every section in menu order, with article counts. */
export function listNewsroomSections(db: Db = getDb()): NewsroomSection[] {
  return newsroomSectionQuery(db).groupBy(sections.id).orderBy(asc(sections.position), asc(sections.name)).all();
}

export function getNewsroomSection(id: number, db: Db = getDb()): NewsroomSection | null {
  return newsroomSectionQuery(db).where(eq(sections.id, id)).groupBy(sections.id).get() ?? null;
}

/** Returns the new section's id. */
export function createSection(fields: SectionFields, db: Db = getDb()): number {
  return db.insert(sections).values(fields).returning({ id: sections.id }).get().id;
}

/** Returns whether the section exists. */
export function updateSection(id: number, fields: SectionFields, db: Db = getDb()): boolean {
  return db.update(sections).set(fields).where(eq(sections.id, id)).run().changes > 0;
}

export type DeleteSectionResult =
  | { deleted: true }
  | { deleted: false; reason: 'missing' }
  | { deleted: false; reason: 'has-articles'; articleCount: number };

/** Deletes a section that holds no articles at all (drafts and archived ones included: they would lose their section). */
export function deleteEmptySection(id: number, db: Db = getDb()): DeleteSectionResult {
  return db.transaction((tx) => {
    const exists = tx.select({ id: sections.id }).from(sections).where(eq(sections.id, id)).get();
    if (!exists) return { deleted: false, reason: 'missing' };
    const articleCount = tx.select({ n: count() }).from(articles).where(eq(articles.sectionId, id)).get()?.n ?? 0;
    if (articleCount > 0) return { deleted: false, reason: 'has-articles', articleCount };
    tx.delete(sections).where(eq(sections.id, id)).run();
    return { deleted: true };
  }, WRITE_TRANSACTION);
}
