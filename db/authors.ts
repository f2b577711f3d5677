import { asc, count, eq } from 'drizzle-orm';
import { getDb, type Db } from './client';
import { articleAuthors, authors, media } from './schema';
import type { Author } from './types';
import { imageRefOf } from '@/lib/media/responsive-images';

const authorColumns = { id: authors.id, slug: authors.slug, name: authors.name, title: authors.title, bio: authors.bio };
const newsroomAuthorColumns = { ...authorColumns, photoMediaId: authors.photoMediaId };

export function getAuthor(slug: string, db: Db = getDb()): Author | null {
  const row = db
    .select({
      ...authorColumns,
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
        : imageRefOf({
            fileName: photoFile,
            width: photoWidth ?? 0,
            height: photoHeight ?? 0,
            alt: photoAlt ?? author.name,
            caption: '',
            credit: '',
          }),
  };
}

export function listAuthors(db: Db = getDb()): { slug: string; name: string; title: string }[] {
  return db
    .select({ slug: authors.slug, name: authors.name, title: authors.title })
    .from(authors)
    .orderBy(asc(authors.name))
    .all();
}

/** What an editor sets on an author (the photo is managed elsewhere). */
export interface AuthorFields {
  name: string;
  slug: string;
  title: string;
  bio: string;
  /** A library image shown on the author page; null for none. */
  photoMediaId: number | null;
}

/** An author as the newsroom manages it, with how many articles (any status) carry their byline. */
export interface NewsroomAuthor extends AuthorFields {
  id: number;
  articleCount: number;
}

function newsroomAuthorQuery(db: Db) {
  return db
    .select({ ...newsroomAuthorColumns, articleCount: count(articleAuthors.articleId) })
    .from(authors)
    .leftJoin(articleAuthors, eq(articleAuthors.authorId, authors.id))
    .$dynamic();
}

/** Every author, A to Z. */
export function listNewsroomAuthors(db: Db = getDb()): NewsroomAuthor[] {
  return newsroomAuthorQuery(db).groupBy(authors.id).orderBy(asc(authors.name), asc(authors.slug)).all();
}

export function getNewsroomAuthor(id: number, db: Db = getDb()): NewsroomAuthor | null {
  return newsroomAuthorQuery(db).where(eq(authors.id, id)).groupBy(authors.id).get() ?? null;
}

/** Returns the new author's id. */
export function createAuthor(fields: AuthorFields, db: Db = getDb()): number {
  return db.insert(authors).values(fields).returning({ id: authors.id }).get().id;
}

/** Returns whether the author exists. */
export function updateAuthor(id: number, fields: AuthorFields, db: Db = getDb()): boolean {
  return db.update(authors).set(fields).where(eq(authors.id, id)).run().changes > 0;
}
