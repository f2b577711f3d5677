import { asc, eq } from 'drizzle-orm';
import { getDb, type Db } from './client';
import { authors, media } from './schema';
import type { Author } from './types';
import { mediaUrl } from '@/lib/paths';

export function getAuthor(slug: string, db: Db = getDb()): Author | null {
  const row = db
    .select({
      id: authors.id,
      slug: authors.slug,
      name: authors.name,
      title: authors.title,
      bio: authors.bio,
      photoFile: media.fileName,
      photoWidth: media.width,
      photoHeight: media.height,
      photoAlt: media.alt,
    })
    .from(authors)
    .leftJoin(media, eq(media.id, authors.photoMediaId))
    .where(eq(authors.slug, slug))
    .get();
  if (!row) return null;
  const { photoFile, photoWidth, photoHeight, photoAlt, ...author } = row;
  return {
    ...author,
    photo:
      photoFile === null
        ? null
        : {
            src: mediaUrl(photoFile),
            width: photoWidth ?? 0,
            height: photoHeight ?? 0,
            alt: photoAlt ?? author.name,
            caption: '',
            credit: '',
          },
  };
}

export function listAuthors(db: Db = getDb()): { slug: string; name: string; title: string }[] {
  return db
    .select({ slug: authors.slug, name: authors.name, title: authors.title })
    .from(authors)
    .orderBy(asc(authors.name))
    .all();
}
