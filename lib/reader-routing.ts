import { countListingPages, getPublishedArticleRef } from '@/db/articles';
import { getDb, type Db } from '@/db/client';
import { getAuthor } from '@/db/authors';
import { getSection } from '@/db/sections';
import { getRedirectTarget } from '@/db/redirects';
import { getTag } from '@/db/tags';
import { parsePageNumber } from './page-number';
import { isValidSlug } from './paths';

/**
 * Every reader URL is checked here before Next routes it, so that:
 * - a missing section, article, tag, author or page reaches Next as a URL no route matches, which
 *   Next answers with the full not-found page (a page's own notFound() gives an empty body in
 *   Next 16 production builds: vercel/next.js#62228), and is never stored in the page cache;
 * - `?page=N` becomes an internal path (`/politics/page/2`), so each listing page is cached on its own
 *   (except on /search, whose results are rendered for each request);
 * - an article asked for at an old address (renamed slug, moved section) gets one 301 to where it is now.
 * Requests for framework files, API routes, media, the newsroom (and its previews) and files at the root
 * pass through untouched.
 */

export type ReaderRoute =
  | { kind: 'home' }
  | { kind: 'tag-index' }
  | { kind: 'author-index' }
  | { kind: 'search' }
  | { kind: 'article'; section: string; slug: string }
  | { kind: 'listing'; owner: 'section' | 'tag' | 'author'; slug: string; page: number };

/** Where missing pages are sent: deeper than any route, so Next renders app/not-found.tsx for it. */
export const NOT_FOUND_PATH = '/_not-found-page/x/x/x/x';

const PASS_THROUGH = /^\/(?:_next|api|media|admin|preview)(?:\/|$)|^\/[^/]*\.[a-z0-9]{2,5}$/i;

/** The reader route a path and page query name, or null when they cannot name one. */
export function parseReaderUrl(pathname: string, pageQuery: string | undefined): ReaderRoute | null {
  const segments = pathname === '/' ? [] : pathname.slice(1).replace(/\/$/, '').split('/');
  if (!segments.every(isValidSlug)) return null;
  const page = parsePageNumber(pageQuery) ?? 1;
  const [first, second, third] = segments;
  if (first === undefined) return { kind: 'home' };
  if (third !== undefined) return null;
  if (first === 'search') return second === undefined ? { kind: 'search' } : null;
  if (first === 'tags') return second === undefined ? { kind: 'tag-index' } : { kind: 'listing', owner: 'tag', slug: second, page };
  if (first === 'authors') {
    return second === undefined ? { kind: 'author-index' } : { kind: 'listing', owner: 'author', slug: second, page };
  }
  if (second === undefined) return { kind: 'listing', owner: 'section', slug: first, page };
  return { kind: 'article', section: first, slug: second };
}

export type Resolution = { render: string } | { moved: string } | null;

/** The path Next should render for this route, where it has moved to, or null when it does not exist. */
export function resolveReaderRoute(route: ReaderRoute, db: Db = getDb()): Resolution {
  const render = (path: string | null) => (path === null ? null : { render: path });
  switch (route.kind) {
    case 'home':
      return render('/');
    case 'tag-index':
      return render('/tags');
    case 'author-index':
      return render('/authors');
    case 'search':
      return render('/search');
    case 'article': {
      const path = `/${route.section}/${route.slug}`;
      const article = getPublishedArticleRef(route.slug, db);
      if (article) return article.section === route.section ? { render: path } : { moved: `/${article.section}/${route.slug}` };
      const target = getRedirectTarget(path, db);
      return target ? { moved: `/${target.section}/${target.slug}` } : null;
    }
    case 'listing': {
      const owner =
        route.owner === 'section'
          ? getSection(route.slug, db)
          : route.owner === 'tag'
            ? getTag(route.slug, db)
            : getAuthor(route.slug, db);
      if (!owner) return null;
      const base = route.owner === 'section' ? `/${route.slug}` : `/${route.owner}s/${route.slug}`;
      if (route.page === 1) return render(base);
      return render(route.page <= countListingPages({ kind: route.owner, id: owner.id }, db) ? `${base}/page/${route.page}` : null);
    }
  }
}

export type RoutingDecision = { rewrite: string } | { redirect: string };

/**
 * What to do with a request URL: hand Next a URL (unchanged, an internal path, or the not-found path),
 * or answer with a permanent redirect to an article's current address.
 */
export function routeReaderRequest(url: string, db: Db = getDb()): RoutingDecision {
  const queryStart = url.indexOf('?');
  const pathname = queryStart === -1 ? url : url.slice(0, queryStart);
  if (PASS_THROUGH.test(pathname)) return { rewrite: url };
  const query = new URLSearchParams(queryStart === -1 ? '' : url.slice(queryStart + 1));
  const pages = query.getAll('page');
  const route = parseReaderUrl(pathname, pages.length === 1 ? pages[0] : undefined);
  const resolution = route && resolveReaderRoute(route, db);
  if (!route || !resolution) return { rewrite: NOT_FOUND_PATH };
  // Search pages are rendered per request, not cached per path: their page number stays in the query.
  if (route.kind !== 'search') query.delete('page');
  const rest = query.toString();
  const withQuery = (path: string) => (rest ? `${path}?${rest}` : path);
  return 'moved' in resolution ? { redirect: withQuery(resolution.moved) } : { rewrite: withQuery(resolution.render) };
}
