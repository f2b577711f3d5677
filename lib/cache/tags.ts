/**
 * The one place cache tags are named. A reader page carries the tags of everything it shows;
 * a change revalidates the tags of what it touched, and only pages showing that re-render.
 */
export const cacheTags = {
  /** Section navigation, shown on every page. */
  sections: 'sections',
  home: 'home',
  trending: 'trending',
  /** The A-to-Z lists of topics and of writers. */
  tagIndex: 'tags',
  authorIndex: 'authors',
  /** Feeds and sitemaps: they list every published article, so any change a reader could see reaches them. */
  feedsAndSitemaps: 'feeds-and-sitemaps',
  /** The breaking-news banner, shown at the top of every reader page (never in feeds or sitemaps). */
  breakingNews: 'breaking-news',
  article: (id: number) => `article:${id}`,
  section: (slug: string) => `section:${slug}`,
  tag: (slug: string) => `tag:${slug}`,
  author: (slug: string) => `author:${slug}`,
} as const;
