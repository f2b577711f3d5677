import { countListingPages, getPublishedArticleRef } from '@/db/articles';
import { getDb, type Db } from '@/db/client';
import { getAuthor } from '@/db/authors';
import { getSection } from '@/db/sections';
import { getTag } from '@/db/tags';
import { parsePageNumber } from './page-number';
import { isValidSlug } from './paths';

/**
 * Every reader URL is checked here before Next routes it, so that:
 * - a missing section, article, tag, author or page reaches Next as a URL no route matches, which
 *   Next answers with the full not-found page (a page's own notFound() gives an empty body in
 *   Next 16 production builds: vercel/next.js#62228), and is never stored in the page cache;
 * - `?page=N` becomes an internal path (`/politics/page/2`), so each listing page is cached on its own.
 * Requests for framework files, API routes, media and files at the root pass through untouched.
 */

export type ReaderRoute =
  | { kind: 'home' }
  | { kind: 'tag-index' }
  | { kind: 'author-index' }
  | { kind: 'article'; section: string; slug: string }
  | { kind: 'listing'; owner: 'section' | 'tag' | 'author'; slug: string; page: number };

/** Where missing pages are sent: deeper than any route, so Next renders app/not-found.tsx for it. */
export const NOT_FOUND_PATH = '/_not-found-page/x/x/x/x';

const PASS_THROUGH = /^\/(?:_next|api|media|admin)(?:\/|$)|^\/[^/]*\.[a-z0-9]{2,5}$/i;

/** The reader route a path and page query name, or null when they cannot name one. */
export function parseReaderUrl(pathname: string, pageQuery: string | undefined): ReaderRoute | null {
  const segments = pathname === '/' ? [] : pathname.slice(1).replace(/\/$/, '').split('/');
  if (!segments.every(isValidSlug)) return null;
  const page = parsePageNumber(pageQuery) ?? 1;
  const [first, second, third] = segments;
  if (first === undefined) return { kind: 'home' };
  if (third !== undefined) return null;
  if (first === 'tags') return second === undefined ? { kind: 'tag-index' } : { kind: 'listing', owner: 'tag', slug: second, page };
  if (first === 'authors') {
    return second === undefined ? { kind: 'author-index' } : { kind: 'listing', owner: 'author', slug: second, page };
  }
  if (second === undefined) return { kind: 'listing', owner: 'section', slug: first, page };
  return { kind: 'article', section: first, slug: second };
}

/** The path Next should render for this route, or null when what it names does not exist. */
export function resolveReaderRoute(route: ReaderRoute, db: Db = getDb()): string | null {
  switch (route.kind) {
    case 'home':
      return '/';
    case 'tag-index':
      return '/tags';
    case 'author-index':
      return '/authors';
    case 'article':
      // An article asked for under another section still resolves: its page redirects to the right one.
      return getPublishedArticleRef(route.slug, db) ? `/${route.section}/${route.slug}` : null;
    case 'listing': {
      const owner =
        route.owner === 'section'
          ? getSection(route.slug, db)
          : route.owner === 'tag'
            ? getTag(route.slug, db)
            : getAuthor(route.slug, db);
      if (!owner) return null;
      const base = route.owner === 'section' ? `/${route.slug}` : `/${route.owner}s/${route.slug}`;
      if (route.page === 1) return base;
      return route.page <= countListingPages({ kind: route.owner, id: owner.id }, db) ? `${base}/page/${route.page}` : null;
    }
  }
}

/** The URL to hand to Next for a request URL: unchanged, rewritten to an internal path, or the not-found path. */
export function routeReaderRequest(url: string, db: Db = getDb()): string {
  const queryStart = url.indexOf('?');
  const pathname = queryStart === -1 ? url : url.slice(0, queryStart);
  if (PASS_THROUGH.test(pathname)) return url;
  const query = new URLSearchParams(queryStart === -1 ? '' : url.slice(queryStart + 1));
  const pages = query.getAll('page');
  const route = parseReaderUrl(pathname, pages.length === 1 ? pages[0] : undefined);
  const target = route && resolveReaderRoute(route, db);
  if (!target) return NOT_FOUND_PATH;
  query.delete('page');
  const rest = query.toString();
  return rest ? `${target}?${rest}` : target;
}
