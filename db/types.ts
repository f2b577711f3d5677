/**
 * Plain, JSON-safe shapes that db/ returns to pages and components. Times are epoch milliseconds.
 * The article's own shapes are in db/articles/model.ts.
 */

export interface SectionRef {
  slug: string;
  name: string;
}

export interface Section extends SectionRef {
  id: number;
  description: string;
}

/** One file of an image, for `srcset`. */
export interface ImageVariantRef {
  src: string;
  width: number;
}

export interface ImageRef {
  /** The widest file, with its size (the image's aspect ratio); `variants` has every width, narrowest first. */
  src: string;
  width: number;
  height: number;
  variants: ImageVariantRef[];
  alt: string;
  caption: string;
  credit: string;
}

export interface AuthorRef {
  slug: string;
  name: string;
}

/** An author in an article's byline: their small photo, when the newsroom chose one (alt text: their name). */
export interface BylineAuthor extends AuthorRef {
  photo?: ImageRef | null;
}

export interface Author extends AuthorRef {
  id: number;
  title: string;
  bio: string;
  photo: ImageRef | null;
}

export interface TagRef {
  slug: string;
  name: string;
}

export interface Tag extends TagRef {
  id: number;
}

export interface Paged<T> {
  items: T[];
  page: number;
  pageCount: number;
  total: number;
}
