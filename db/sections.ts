import { asc, eq } from 'drizzle-orm';
import { getDb, type Db } from './client';
import { sections } from './schema';
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
