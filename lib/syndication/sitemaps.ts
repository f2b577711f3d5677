import type { Db } from '@/db/client';
import {
  getNewestPublicationTime,
  listNewsSitemapArticles,
  listSitemapArticles,
  listSitemapMonths,
  listSitemapOwners,
  listSitemapSections,
} from '@/db/sitemaps';
import { siteConfig } from '../config';
import { toIsoString } from '../dates';
import { articlePath, authorPath, sectionPath, tagPath } from '../paths';
import { escapeXml, XML_DECLARATION } from './xml';

/**
 * The sitemap index (/sitemap.xml) and its children (/sitemaps/<name>.xml): the front page and
 * sections, tags, authors, articles by month of publication, and a Google News sitemap. A child that
 * would pass the protocol's 50,000 URLs is split into parts ("articles-2026-11-2.xml" is the second
 * part of November 2026). A URL entry is at most ~500 bytes (slugs are short ASCII), so 50,000 of them
 * stay far below the 50 MB limit.
 */

export const SITEMAP_INDEX_PATH = '/sitemap.xml';
export const MAX_URLS_PER_SITEMAP = 50_000;
/** Google News wants articles from the last two days, at most 1,000 of them. */
export const NEWS_WINDOW_MS = 48 * 60 * 60 * 1000;
export const MAX_NEWS_URLS = 1_000;

export type SitemapChild =
  | { kind: 'pages' }
  | { kind: 'news' }
  | { kind: 'tags' | 'authors'; part: number }
  | { kind: 'articles'; month: string; part: number };

const partSuffix = (part: number) => (part > 1 ? `-${part}` : '');

export function sitemapFileName(child: SitemapChild): string {
  switch (child.kind) {
    case 'pages':
    case 'news':
      return `${child.kind}.xml`;
    case 'tags':
    case 'authors':
      return `${child.kind}${partSuffix(child.part)}.xml`;
    case 'articles':
      return `articles-${child.month}${partSuffix(child.part)}.xml`;
  }
}

export const sitemapPath = (child: SitemapChild) => `/sitemaps/${sitemapFileName(child)}`;

// Part 1 has no suffix, so "-1" is refused: each child has exactly one name. Parts stop at 999.
const PART = '(?:-([2-9]|[1-9][0-9]{1,2}))?';
const FILE_NAME = new RegExp(`^(?:(pages|news)|(tags|authors)${PART}|articles-([0-9]{4}-(?:0[1-9]|1[0-2]))${PART})\\.xml$`);

/** The child a file name names, or null when no child could have that name (so it is a 404 before any lookup). */
export function parseSitemapFileName(name: string): SitemapChild | null {
  const match = FILE_NAME.exec(name);
  if (!match) return null;
  const [, single, listing, listingPart, month, monthPart] = match;
  if (single === 'pages' || single === 'news') return { kind: single };
  if (listing === 'tags' || listing === 'authors') return { kind: listing, part: Number(listingPart ?? 1) };
  return month === undefined ? null : { kind: 'articles', month, part: Number(monthPart ?? 1) };
}

interface UrlEntry {
  path: string;
  lastModified: number | null;
}

const partCount = (urls: number) => Math.ceil(urls / MAX_URLS_PER_SITEMAP);

const lastmod = (at: number | null) => (at === null ? '' : `<lastmod>${toIsoString(at)}</lastmod>`);

/**
 * The children of the index, each with when it last changed. A tag's or author's page changes when one
 * of their articles is published, so their sitemaps take the newest publication's time (finding each
 * one's newest would read every tag link and byline).
 */
export function listSitemapChildren(db: Db): { child: SitemapChild; lastModified: number | null }[] {
  const newestArticle = getNewestPublicationTime(db);
  const listings = (kind: 'tags' | 'authors') =>
    Array.from({ length: partCount(listSitemapOwners(kind, db).length) }, (_, i) => ({
      child: { kind, part: i + 1 } as const,
      lastModified: newestArticle,
    }));
  return [
    { child: { kind: 'pages' }, lastModified: newestArticle },
    ...listings('tags'),
    ...listings('authors'),
    ...listSitemapMonths(db).flatMap(({ month, articleCount, lastModified }) =>
      Array.from({ length: partCount(articleCount) }, (_, i) => ({ child: { kind: 'articles', month, part: i + 1 } as const, lastModified })),
    ),
    { child: { kind: 'news' }, lastModified: newestArticle },
  ];
}

export function sitemapIndexXml(db: Db): string {
  const { baseUrl } = siteConfig();
  const entries = listSitemapChildren(db).map(
    ({ child, lastModified }) => `<sitemap><loc>${escapeXml(baseUrl + sitemapPath(child))}</loc>${lastmod(lastModified)}</sitemap>`,
  );
  return `${XML_DECLARATION}<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries.join('\n')}\n</sitemapindex>\n`;
}

function urlsetXml(entries: UrlEntry[], { news = '' }: { news?: string } = {}): string {
  const { baseUrl } = siteConfig();
  const urls = entries.map(({ path, lastModified }) => `<url><loc>${escapeXml(baseUrl + path)}</loc>${lastmod(lastModified)}</url>`);
  return `${XML_DECLARATION}<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"${news}>\n${urls.join('\n')}\n</urlset>\n`;
}

const partOf = <T>(rows: T[], part: number) => rows.slice((part - 1) * MAX_URLS_PER_SITEMAP, part * MAX_URLS_PER_SITEMAP);

function newsSitemapXml(db: Db, now: number): string {
  const { baseUrl, name, language } = siteConfig();
  const publication = `<news:publication><news:name>${escapeXml(name)}</news:name><news:language>${escapeXml(language)}</news:language></news:publication>`;
  const urls = listNewsSitemapArticles(now - NEWS_WINDOW_MS, MAX_NEWS_URLS, db).map(
    (article) =>
      `<url><loc>${escapeXml(baseUrl + articlePath({ slug: article.slug, section: article.sectionSlug }))}</loc><news:news>${publication}` +
      `<news:publication_date>${toIsoString(article.publishedAt)}</news:publication_date>` +
      `<news:title>${escapeXml(article.headline)}</news:title></news:news></url>`,
  );
  return `${XML_DECLARATION}<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n${urls.join('\n')}\n</urlset>\n`;
}

/** A child sitemap's document, or null when that child does not exist (a part past the last one). */
export function sitemapXml(child: SitemapChild, db: Db, now: number): string | null {
  switch (child.kind) {
    case 'pages':
      return urlsetXml([
        { path: '/', lastModified: getNewestPublicationTime(db) },
        ...listSitemapSections(db).map((s) => ({ path: sectionPath(s), lastModified: s.lastPublished })),
      ]);
    case 'news':
      return newsSitemapXml(db, now);
    case 'tags':
    case 'authors': {
      const path = child.kind === 'tags' ? tagPath : authorPath;
      const slice = partOf(listSitemapOwners(child.kind, db), child.part);
      if (slice.length === 0 && child.part > 1) return null;
      return urlsetXml(slice.map((slug) => ({ path: path(slug), lastModified: null })));
    }
    case 'articles': {
      const rows = listSitemapArticles(child.month, { offset: (child.part - 1) * MAX_URLS_PER_SITEMAP, limit: MAX_URLS_PER_SITEMAP }, db);
      if (rows.length === 0) return null;
      return urlsetXml(rows.map((row) => ({ path: articlePath({ slug: row.slug, section: row.sectionSlug }), lastModified: row.updatedAt })));
    }
  }
}
