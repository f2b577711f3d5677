import { getDb } from '@/db/client';
import { getSection } from '@/db/sections';
import { cacheTags } from '../cache/tags';
import { CACHE_TAGS_HEADER } from '../cache/surrogate-keys';
import { siteConfig } from '../config';
import { etagFor } from './etag';
import { feedCacheTags, loadFeed, renderFeed, type FeedFormat, feedFormats } from './feeds';
import { tagThisPage } from '../cache/page-tags';
import { parseSitemapFileName, SITEMAP_INDEX_PATH, sitemapIndexXml, sitemapPath, sitemapXml } from './sitemaps';

/**
 * What the feed, sitemap and robots.txt route handlers answer. They are cached like reader pages
 * (ISR, `revalidate` in each route file) and tagged the same way, so a newsroom change that readers can
 * see reaches them at once (decision 0006).
 */

// Everything a sitemap shows: every published article's address and date, section, tag and author slugs.
const SITEMAP_TAGS = [cacheTags.feedsAndSitemaps, cacheTags.sections, cacheTags.tagIndex, cacheTags.authorIndex];
const XML_CONTENT_TYPE = 'application/xml; charset=utf-8';

/**
 * A document with its ETag: cached with it, so a feed reader's conditional request gets a 304 (server/main.ts);
 * and with the tags it was tagged with, which the server sends on as surrogate keys (decision 0022).
 */
const document = (body: string, contentType: string, tags: readonly string[] = []) =>
  new Response(body, { headers: { 'Content-Type': contentType, ETag: etagFor(body), ...(tags.length > 0 && { [CACHE_TAGS_HEADER]: tags.join(' ') }) } });

const notFound = () => new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });

/** The site's feed in one format, or a section's (404 for a section that does not exist). */
export async function feedResponse(format: FeedFormat, sectionSlug?: string): Promise<Response> {
  const section = sectionSlug === undefined ? null : getSection(sectionSlug);
  if (sectionSlug !== undefined && !section) return notFound();
  const feed = loadFeed(section);
  const tags = feedCacheTags(feed);
  await tagThisPage(tags);
  return document(renderFeed(format, feed, Date.now()), feedFormats[format].contentType, tags);
}

export async function sitemapIndexResponse(): Promise<Response> {
  await tagThisPage(SITEMAP_TAGS);
  return document(sitemapIndexXml(getDb()), XML_CONTENT_TYPE, SITEMAP_TAGS);
}

/** A child sitemap by file name ("articles-2026-11.xml"), or 404. */
export async function sitemapResponse(fileName: string): Promise<Response> {
  const child = parseSitemapFileName(fileName);
  const xml = child && sitemapXml(child, getDb(), Date.now());
  await tagThisPage(SITEMAP_TAGS);
  return xml === null ? notFound() : document(xml, XML_CONTENT_TYPE, SITEMAP_TAGS);
}

export function robotsResponse(): Response {
  const { baseUrl } = siteConfig();
  const lines = [
    'User-agent: *',
    'Disallow: /admin',
    'Disallow: /preview/',
    '',
    `Sitemap: ${baseUrl}${SITEMAP_INDEX_PATH}`,
    `Sitemap: ${baseUrl}${sitemapPath({ kind: 'news' })}`,
    '',
  ];
  return document(lines.join('\n'), 'text/plain; charset=utf-8');
}

