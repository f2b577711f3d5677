import { countListingPages, getPublishedArticle, listLatestArticles, listListingArticles, listRelatedArticles } from '@/db/articles/reads';
import { listNewsroomAuthors } from '@/db/authors';
import type { Db } from '@/db/client';
import { listFeedArticles } from '@/db/feeds';
import { listNewsroomArticles } from '@/db/newsroom';
import { captureQueries, explainQueryPlan, isFullScan } from '@/db/query-plans';
import { searchPublishedArticles } from '@/db/search';
import { suggestSpelling } from '@/db/search-suggest';
import { listSections } from '@/db/sections';
import {
  listNewsSitemapArticles,
  listSitemapArticles,
  listSitemapMonths,
  listSitemapOwners,
  listSitemapSections,
} from '@/db/sitemaps';
import { listTagsInUse } from '@/db/tags';
import { listDailyViews, listTrendingArticles } from '@/db/views';
import { routeFinder } from '@/server/next-routes';
import { routeReaderRequest } from '@/server/reader-routing';
import { MAX_NEWS_URLS, MAX_URLS_PER_SITEMAP, NEWS_WINDOW_MS } from '@/lib/syndication/sitemaps';

/**
 * Every hot read of the reader pages, feeds, sitemaps, search, trending and the newsroom list, as the
 * db/ functions make it: timed by `npm run measure:queries`, and held to its indexes by hot-queries.test.ts.
 */

const SAMPLE_ARTICLES = 200;
export const RELATED_CASE = 'listRelatedArticles(4) (rotating)';
export const RELATED_BY_TAGS_CASE = 'listRelatedArticles(4) by shared tags only, the earlier rule (rotating)';
// The addresses timed here are readers', which the routing checks in the database, never against the build's routes.
const READER_ADDRESSES_ONLY = routeFinder([]);

export interface QueryCase {
  name: string;
  /** `i` counts the runs, for cases that rotate through sample articles. */
  run: (db: Db, i: number) => unknown;
}

export function hotQueryCases(db: Db, now: number = Date.now()): QueryCase[] {
  const sections = listSections(db);
  const section = sections[0];
  const busiest = <T extends { articleCount: number }>(rows: T[]) => rows.reduce((a, b) => (b.articleCount > a.articleCount ? b : a));
  const tag = busiest(listTagsInUse(db));
  const author = busiest(listNewsroomAuthors(db));
  if (!section) throw new Error('The database has no sections: create it with npm run seed:large.');

  // Published articles from across the archive (new and old), each run reading the next one.
  const published = listNewsroomArticles({ status: 'published', page: 1 }, db);
  const samplePages = Array.from({ length: Math.ceil(SAMPLE_ARTICLES / 30) }, (_, k) =>
    Math.max(1, Math.round((published.pageCount * k) / Math.ceil(SAMPLE_ARTICLES / 30))),
  );
  const samples = samplePages.flatMap((page) => listNewsroomArticles({ status: 'published', page }, db).items);
  const sample = (i: number) => samples[i % samples.length]!;

  const sectionPages = countListingPages({ kind: 'section', id: section.id }, db);
  const deepPage = Math.min(500, sectionPages);
  const frontIds = listLatestArticles({ limit: 7 }, db).map((a) => a.id);
  const sectionOwner = { kind: 'section', id: section.id } as const;
  const tagOwner = { kind: 'tag', id: tag.id } as const;
  const months = listSitemapMonths(db);
  const busiestMonth = months.reduce((a, b) => (b.articleCount > a.articleCount ? b : a), months[0] ?? { month: '2026-01', articleCount: 0 });

  return [
    { name: 'getPublishedArticle (rotating)', run: (d, i) => getPublishedArticle(sample(i).slug, d) },
    { name: RELATED_CASE, run: (d, i) => listRelatedArticles(sample(i).id, 4, d) },
    // The earlier rule (shared tags only), timed in the same run: measure:queries prints the ratio.
    { name: RELATED_BY_TAGS_CASE, run: (d, i) => listRelatedArticles(sample(i).id, 4, d, { method: 'shared-tags' }) },
    { name: 'listTrendingArticles(8)', run: (d) => listTrendingArticles(8, now, d) },
    { name: 'listLatestArticles front top 7', run: (d) => listLatestArticles({ limit: 7 }, d) },
    {
      name: `listLatestArticles ${sections.length} section blocks`,
      run: (d) => sections.map((s) => listLatestArticles({ limit: 4, sectionId: s.id, excludeIds: frontIds }, d)),
    },
    { name: `listListing section ${section.slug} p1`, run: (d) => listListingArticles(sectionOwner, 1, d) },
    { name: `listListing section ${section.slug} p${deepPage}`, run: (d) => listListingArticles(sectionOwner, deepPage, d) },
    { name: `listListing tag (${tag.articleCount} art.) p1`, run: (d) => listListingArticles(tagOwner, 1, d) },
    {
      name: `listListing author (${author.articleCount} art.) p1`,
      run: (d) => listListingArticles({ kind: 'author', id: author.id }, 1, d),
    },
    { name: 'countListingPages section', run: (d) => countListingPages(sectionOwner, d) },
    { name: 'countListingPages tag', run: (d) => countListingPages(tagOwner, d) },
    {
      name: 'routeReaderRequest article URL',
      run: (d, i) => routeReaderRequest(`/${sample(i).sectionSlug}/${sample(i).slug}`, READER_ADDRESSES_ONLY, d),
    },
    { name: `routeReaderRequest /tags/${tag.slug}?page=2`, run: (d) => routeReaderRequest(`/tags/${tag.slug}?page=2`, READER_ADDRESSES_ONLY, d) },
    { name: `routeReaderRequest /${section.slug}?page=${deepPage}`, run: (d) => routeReaderRequest(`/${section.slug}?page=${deepPage}`, READER_ADDRESSES_ONLY, d) },
    ...searchCases(now, section.id),
    { name: 'newsroom: all, page 1', run: (d) => listNewsroomArticles({ page: 1 }, d) },
    { name: 'newsroom: status=draft', run: (d) => listNewsroomArticles({ status: 'draft', page: 1 }, d) },
    { name: 'newsroom: query "budget"', run: (d) => listNewsroomArticles({ query: 'budget', page: 1 }, d) },
    { name: 'newsroom: query "budget vote"', run: (d) => listNewsroomArticles({ query: 'budget vote', page: 1 }, d) },
    { name: 'newsroom: author filter', run: (d) => listNewsroomArticles({ authorId: author.id, page: 1 }, d) },
    { name: 'newsroom: live blogs running', run: (d) => listNewsroomArticles({ liveBlog: 'live', page: 1 }, d) },
    { name: 'newsroom: sort=headline', run: (d) => listNewsroomArticles({ sort: 'headline', page: 1 }, d) },
    { name: 'newsroom: page 1000', run: (d) => listNewsroomArticles({ page: 1000 }, d) },
    { name: 'listDailyViews(7)', run: (d) => listDailyViews(7, now, d) },
    { name: 'feed: listFeedArticles(50)', run: (d) => listFeedArticles({ limit: 50 }, d) },
    { name: `feed: listFeedArticles(50) ${section.slug}`, run: (d) => listFeedArticles({ limit: 50, sectionId: section.id }, d) },
    { name: 'sitemap: listSitemapMonths', run: (d) => listSitemapMonths(d) },
    {
      name: `sitemap: listSitemapArticles ${busiestMonth.month} (${busiestMonth.articleCount} art.)`,
      run: (d) => listSitemapArticles(busiestMonth.month, { offset: 0, limit: MAX_URLS_PER_SITEMAP }, d),
    },
    { name: 'sitemap: listSitemapSections', run: (d) => listSitemapSections(d) },
    { name: 'sitemap: listSitemapOwners tags', run: (d) => listSitemapOwners('tags', d) },
    { name: 'sitemap: listSitemapOwners authors', run: (d) => listSitemapOwners('authors', d) },
    { name: 'sitemap: listNewsSitemapArticles', run: (d) => listNewsSitemapArticles(now - NEWS_WINDOW_MS, MAX_NEWS_URLS, d) },
  ];
}

/** Reader search as /search runs it: typical two-word queries, a prefix, filters, a deep page and a worst case. */
function searchCases(now: number, sectionId: number): QueryCase[] {
  const search = (text: string, more: { sectionId?: number; from?: number; page?: number } = {}) => (d: Db) =>
    searchPublishedArticles({ text, page: 1, now, ...more }, d);
  return [
    { name: 'search "housing reform"', run: search('housing reform') },
    { name: 'search "budget vote"', run: search('budget vote') },
    { name: 'search "prime minister" page 5', run: search('prime minister', { page: 5 }) },
    { name: 'search "refug" (prefix)', run: search('refug') },
    { name: 'search "budget" in a section, last 90 days', run: search('budget', { sectionId, from: now - 90 * 86_400_000 }) },
    { name: 'search "the" (in every article)', run: search('the') },
    // Only a search that found nothing asks for a spelling: the misspelt word's first letter, a range of the vocabulary.
    { name: 'did you mean "zelenksy"', run: (d) => suggestSpelling('zelenksy', d) },
    { name: 'did you mean "parliment budgte"', run: (d) => suggestSpelling('parliment budgte', d) },
  ];
}


/** Tables a hot query must never read row by row: they grow with the archive and its readership. */
const GROWING_TABLES = ['articles', 'page_views', 'article_tags', 'article_authors', 'article_key_points', 'article_related', 'article_corrections', 'article_revisions'];
const growingTableScan = new RegExp(`^SCAN (?:${GROWING_TABLES.join('|')})\\b`);

/** The plan steps of a case's statements that read a growing table without an index. */
export function growingTableScans(db: Db, test: QueryCase): string[] {
  return captureQueries(db, (d) => test.run(d, 0)).flatMap((query) =>
    explainQueryPlan(db, query)
      .filter((line) => isFullScan(line) && growingTableScan.test(line))
      .map((line) => `${line}  ← ${query.sql.replace(/\s+/g, ' ').slice(0, 120)}`),
  );
}
