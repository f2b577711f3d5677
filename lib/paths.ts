import type { SectionRef } from '@/db/types';
import type { ArticleTeaser } from '@/db/articles/model';

type Sluggable = { slug: string } | string;
const slugOf = (x: Sluggable) => (typeof x === 'string' ? x : x.slug);
const withPage = (path: string, page: number) => (page > 1 ? `${path}?page=${page}` : path);

/** One step of a breadcrumb trail: Home › Section. */
export interface Crumb {
  name: string;
  path: string;
}

/** Every public URL the site links to is built here, so routes and links cannot drift apart. */
export const sectionPath = (section: Sluggable, page = 1) => withPage(`/${slugOf(section)}`, page);
export const tagPath = (tag: Sluggable, page = 1) => withPage(`/tags/${slugOf(tag)}`, page);
export const authorPath = (author: Sluggable, page = 1) => withPage(`/authors/${slugOf(author)}`, page);
export const articlePath = (article: { slug: string; section: ArticleTeaser['section'] | string }) =>
  `/${slugOf(article.section)}/${article.slug}`;
export const mediaUrl = (fileName: string) => `/media/${fileName}`;

export const HOME_CRUMB: Crumb = { name: 'Home', path: '/' };

/** The trail to a section's page: Home › Section. */
export const sectionCrumbs = (section: SectionRef): Crumb[] => [HOME_CRUMB, { name: section.name, path: sectionPath(section) }];

/**
 * The newsroom and its previews: rendered for one signed-in person, never cached or shared, and
 * allowed to run only the scripts of their own response (server/http-caching.ts, server/security-headers.ts).
 */
export const isNewsroomPath = (pathname: string) => /^\/(?:admin|preview)(?:\/|$)/.test(pathname);

/** Slugs are lowercase ASCII words joined by hyphens; anything else cannot exist, so routes reject it before any lookup. */
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const MAX_SLUG_LENGTH = 120;

export function isValidSlug(value: string): boolean {
  return value.length <= MAX_SLUG_LENGTH && SLUG.test(value);
}

export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/g, '');
}
