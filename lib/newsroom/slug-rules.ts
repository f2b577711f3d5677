import { isValidSlug, MAX_SLUG_LENGTH } from '../paths';

/**
 * First path segments the site answers itself, or may soon: a section with one of these slugs would be
 * hidden behind that route (`/admin`, `/tags`…) or would take an address a planned page needs
 * (search, feeds, sitemap). `page` is the internal pagination segment (`/politics/page/2`).
 */
export const RESERVED_SECTION_SLUGS: readonly string[] = [
  'admin',
  'api',
  'media',
  'tags',
  'authors',
  'search',
  'feeds',
  'feed',
  'rss',
  'sitemap',
  'robots',
  'login',
  '_next',
  'page',
  'not-found',
  'removed-article',
  'preview',
  'share',
  'sitemaps',
];
const reserved = new Set(RESERVED_SECTION_SLUGS);

/** What is wrong with a slug for a tag, author or section URL, or null when it is usable. */
export function slugProblem(slug: string): string | null {
  if (slug === '') return 'Give a slug, or a name to make one from.';
  if (!isValidSlug(slug)) return `Use lowercase letters, digits and single hyphens (up to ${MAX_SLUG_LENGTH} characters).`;
  return null;
}

/** As slugProblem, and a section's slug is the first segment of its URL, so it must not name a site route. */
export function sectionSlugProblem(slug: string): string | null {
  const problem = slugProblem(slug);
  if (problem) return problem;
  return reserved.has(slug) ? `“${slug}” is reserved for the site’s own pages (/${slug}): choose another slug.` : null;
}
