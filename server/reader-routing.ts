import { countListingPages, getPublishedArticleRef, isRemovedArticle } from '@/db/articles/reads';
import { getDb, type Db } from '@/db/client';
import { getAuthor } from '@/db/authors';
import { getSection } from '@/db/sections';
import { getRedirectTarget } from '@/db/redirects';
import { getPublicTag } from '@/db/tags';
import { FEED_FORMATS, feedFormats } from '@/lib/syndication/feeds';
import type { RouteFinder } from './next-routes';
import { parsePageNumber } from '@/lib/reader/page-number';
import { isValidSlug } from '@/lib/paths';
import { parseSitemapFileName } from '@/lib/syndication/sitemaps';

/**
 * Every reader URL is checked here before Next routes it, so that:
 * - a missing section, article, tag, author or page reaches Next as a URL no route matches, which
 *   Next answers with the full not-found page (a page's own notFound() gives an empty body in
 *   Next 16 production builds: vercel/next.js#62228), and is never stored in the page cache;
 * - `?page=N` becomes an internal path (`/politics/page/2`), so each listing page is cached on its own
 *   (except on /search, whose results are rendered for each request);
 * - an article asked for at an old address (renamed slug, moved section) gets one 301 to where it is now,
 *   and so does any reader URL asked for with a trailing slash or in capitals;
 * - an article that was published and then deleted answers 410 Gone, so search engines drop it at once.
 * Requests for framework files, API routes, media, share images, the newsroom (and its previews) and files at the root
 * pass through untouched when one of the build's routes other than a section's takes them (a section's
 * route would render its 404 and cache it under that address: `/admin/x`, `/api/page/9`, `/x.txt`), and so
 * do a section's feeds and the child sitemaps when they exist.
 */

export type ReaderRoute =
  | { kind: 'home' }
  | { kind: 'tag-index' }
  | { kind: 'author-index' }
  | { kind: 'search' }
  | { kind: 'article'; section: string; slug: string }
  | { kind: 'listing'; owner: 'section' | 'tag' | 'author'; slug: string; page: number };

/** Where missing pages are sent: deeper than any route, so Next renders app/global-not-found.tsx for it. */
export const NOT_FOUND_PATH = '/_not-found-page/x/x/x/x';
/** The page deleted articles are rendered with (answered with status 410). Its slug is reserved for sections. */
export const REMOVED_ARTICLE_PATH = '/removed-article';

const PASS_THROUGH = /^\/(?:_next|api|media|admin|preview|share)(?:\/|$)|^\/[^/]*\.[a-z0-9]{2,5}$/i;
/** Next's own files, served before any route is looked at. */
const FRAMEWORK_FILE = /^\/_next\/(?:static\/|image$)/;
/** The reader's routes whose first segment is a section: only paths checked here may reach them. */
const SECTION_ROUTE = /^\/\[section\](?:\/|$)/;

/** The reader route a canonical path (lowercase, no trailing slash) and page query name, or null when they cannot name one. */
export function parseReaderUrl(pathname: string, pageQuery: string | undefined): ReaderRoute | null {
  const segments = pathname === '/' ? [] : pathname.slice(1).split('/');
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

export type Resolution = { render: string } | { moved: string } | { gone: true } | null;

/** The path Next should render for this route, where it has moved to, whether it is gone, or null when it does not exist. */
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
      if (target) return { moved: `/${target.section}/${target.slug}` };
      return isRemovedArticle(route.section, route.slug, db) ? { gone: true } : null;
    }
    case 'listing': {
      const owner =
        route.owner === 'section'
          ? getSection(route.slug, db)
          : route.owner === 'tag'
            ? getPublicTag(route.slug, db)
            : getAuthor(route.slug, db);
      if (!owner) return null;
      const base = route.owner === 'section' ? `/${route.slug}` : `/${route.owner}s/${route.slug}`;
      if (route.page === 1) return render(base);
      return render(route.page <= countListingPages({ kind: route.owner, id: owner.id }, db) ? `${base}/page/${route.page}` : null);
    }
  }
}

const FEED_FILES = new Set<string>(FEED_FORMATS.map((format) => feedFormats[format].file));
const FILE_IN_FOLDER = /^\/([^/]+)\/([^/]+)$/;

/**
 * For `/<folder>/<file>` paths naming a child sitemap or a section's feed: whether it exists. Null for
 * any other path. Checked here so that an unknown section's feed is the not-found page, never a
 * cached response.
 */
function syndicationFileExists(pathname: string, db: Db): boolean | null {
  const [, folder = '', file = ''] = FILE_IN_FOLDER.exec(pathname) ?? [];
  if (folder === 'sitemaps') return parseSitemapFileName(file) !== null;
  if (FEED_FILES.has(file)) return isValidSlug(folder) && getSection(folder, db) !== null;
  return null;
}

/** A rewrite may carry the status to answer with instead of the page's own (410 for a deleted article). */
export type RoutingDecision = { rewrite: string; status?: 410 } | { redirect: string };

/** The one spelling of a reader path: lowercase, without a trailing slash. */
const canonicalPathOf = (pathname: string) => pathname.toLowerCase().replace(/(?<=.)\/+$/, '');

/**
 * Whether each percent-escape of a path decodes to UTF-8 text (`%FF`, `%C0%AF` and a lone `%` do not).
 * Next fails with a 500 when it decodes such a path into a route's parameters (`/media/%FF`), so no
 * route may see one: like any address that names nothing, it gets the not-found page.
 */
function isDecodablePath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

/** Whether a path that passes through reaches a route of its own, rather than a section's or none. */
function hasOwnRoute(pathname: string, findRoute: RouteFinder): boolean {
  if (FRAMEWORK_FILE.test(pathname)) return true;
  const route = findRoute(pathname);
  return route !== null && !SECTION_ROUTE.test(route);
}

/**
 * What to do with a request URL: hand Next a URL (unchanged, an internal path, the removed-article page
 * or the not-found path), or answer with a permanent redirect to the page's one canonical address.
 * `findRoute` knows the build's routes (server/next-routes.ts).
 */
export function routeReaderRequest(url: string, findRoute: RouteFinder, db: Db = getDb()): RoutingDecision {
  const queryStart = url.indexOf('?');
  const pathname = queryStart === -1 ? url : url.slice(0, queryStart);
  if (!isDecodablePath(pathname)) return { rewrite: NOT_FOUND_PATH };
  if (PASS_THROUGH.test(pathname)) return { rewrite: hasOwnRoute(pathname, findRoute) ? url : NOT_FOUND_PATH };
  const fileExists = syndicationFileExists(pathname, db);
  if (fileExists !== null) return { rewrite: fileExists ? url : NOT_FOUND_PATH };
  const queryString = queryStart === -1 ? '' : url.slice(queryStart);
  const query = new URLSearchParams(queryString);
  const pages = query.getAll('page');
  const canonicalPath = canonicalPathOf(pathname);
  const route = parseReaderUrl(canonicalPath, pages.length === 1 ? pages[0] : undefined);
  const resolution = route && resolveReaderRoute(route, db);
  if (!route || !resolution) return { rewrite: NOT_FOUND_PATH };
  if ('gone' in resolution) return { rewrite: REMOVED_ARTICLE_PATH, status: 410 };
  // Search pages are rendered per request, not cached per path: their page number stays in the query.
  if (route.kind !== 'search') query.delete('page');
  const rest = query.toString();
  const withQuery = (path: string) => (rest ? `${path}?${rest}` : path);
  if ('moved' in resolution) return { redirect: withQuery(resolution.moved) };
  if (canonicalPath !== pathname) return { redirect: `${canonicalPath}${queryString}` };
  return { rewrite: withQuery(resolution.render) };
}
