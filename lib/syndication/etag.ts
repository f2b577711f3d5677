import { createHash } from 'node:crypto';

/**
 * A strong ETag for a document the site writes itself (feeds, sitemaps): a hash of its bytes. The route
 * that writes the document sets it; the front door answers a conditional request naming it with a 304
 * (isNotModified in server/http-caching.ts).
 */
export function etagFor(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}
