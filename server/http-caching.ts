import { isNewsroomPath } from '@/lib/paths';
import { ARTICLE_SHARE_IMAGE_PATH } from '@/lib/syndication/share-images';

/**
 * The Cache-Control header each response leaves with, decided in one place (server/main.ts applies it
 * to every response) so that a CDN or caching proxy in front of the site can hold reader pages, feeds
 * and sitemaps for a minute, serve them stale while it refetches, and keep serving them if the site is down.
 */

/** Reader pages, feeds, sitemaps and the site's share image: browsers revalidate (cheap, with the ETag), shared caches hold a minute. */
export const SHARED_CACHE_CONTROL = 'public, max-age=0, s-maxage=60, stale-while-revalidate=600, stale-if-error=86400';
/** An article's share card: its address changes with every edit (lib/share-images.ts), so its content never does. */
export const IMMUTABLE_CACHE_CONTROL = 'public, max-age=31536000, immutable';
/** Missing and removed pages: cached briefly, so a page published a moment later is not hidden for long. */
export const BRIEF_CACHE_CONTROL = 'public, max-age=60, s-maxage=60';
/** The newsroom and previews: never stored anywhere. */
export const PRIVATE_CACHE_CONTROL = 'private, no-store';

// Framework assets, media files and API routes set their own headers (immutable assets, beacons).
const OWN_HEADERS_PATH = /^\/(?:_next|media|api)(?:\/|$)/;
/** The Content API and the API's description: public, cached and revalidated like reader pages (lib/api/). */
const PUBLIC_API_PATH = /^\/api\/v1\/(?:content(?:\/|$)|openapi\.json$)/;
/** The Admin API: one integration's answers, never stored. */
const ADMIN_API_PATH = /^\/api\/v1\/admin(?:\/|$)/;

/**
 * The Cache-Control for a response to `pathname` (the address the client asked for) with `status`,
 * or undefined to keep what the route set.
 */
export function cacheControlFor(pathname: string, status: number): string | undefined {
  if (isNewsroomPath(pathname) || ADMIN_API_PATH.test(pathname)) return PRIVATE_CACHE_CONTROL;
  if (PUBLIC_API_PATH.test(pathname)) return status === 200 || status === 304 ? SHARED_CACHE_CONTROL : status === 404 ? BRIEF_CACHE_CONTROL : undefined;
  if (OWN_HEADERS_PATH.test(pathname)) return undefined;
  if ((status === 200 || status === 304) && ARTICLE_SHARE_IMAGE_PATH.test(pathname)) return IMMUTABLE_CACHE_CONTROL;
  if (status === 200 || status === 304) return SHARED_CACHE_CONTROL;
  if (status === 404 || status === 410) return BRIEF_CACHE_CONTROL;
  if (status >= 500) return 'no-store';
  return undefined;
}

/**
 * Whether a conditional request's If-None-Match names this ETag (weak comparison, as RFC 9110 asks for
 * GET): the client's copy is current, and a 304 without a body will do.
 */
export function isNotModified(ifNoneMatch: string | undefined, etag: string | undefined): boolean {
  if (!ifNoneMatch || !etag) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((candidate) => candidate.trim() === '*' || opaque(candidate) === opaque(etag));
}
