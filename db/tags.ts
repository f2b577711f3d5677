import { eq } from 'drizzle-orm';
import { getDb, type Db } from './client';
import { tags } from './schema';
import type { Tag } from './types';

export function getTag(slug: string, db: Db = getDb()): Tag | null {
  return db.select({ id: tags.id, slug: tags.slug, name: tags.name }).from(tags).where(eq(tags.slug, slug)).get() ?? null;
}
