/** Plain, JSON-safe shapes that db/ returns to pages and components. Times are epoch milliseconds. */

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

export interface ArticleTeaser {
  id: number;
  slug: string;
  headline: string;
  summary: string;
  section: SectionRef;
  publishedAt: number;
  updatedAt: number;
  image: ImageRef | null;
}

export interface KeyPoint {
  label: string;
  text: string;
}

export interface Correction {
  id: number;
  text: string;
  publishedAt: number;
}

/** What an editor writes: the article's text, in reading order, and its search overrides. */
export interface ArticleContent {
  headline: string;
  summary: string;
  body: string;
  keyPointsTitle: string;
  keyPoints: KeyPoint[];
  whyItMatters: string;
  contextNote: string;
  seoTitle: string;
  seoDescription: string;
}

export interface Article extends ArticleTeaser, ArticleContent {
  /** The body as readers see it: sanitised HTML, rendered when the article was saved. */
  bodyHtml: string;
  /** Why it matters, likewise. */
  whyItMattersHtml: string;
  authors: AuthorRef[];
  tags: TagRef[];
  corrections: Correction[];
}

export interface Paged<T> {
  items: T[];
  page: number;
  pageCount: number;
  total: number;
}
