import fs from 'node:fs';
import path from 'node:path';
import { countListingPages, getPublishedArticle, listLatestArticles, listListingArticles, listRelatedArticles } from '@/db/articles';
import { listNewsroomAuthors } from '@/db/authors';
import { openDatabase, type Db } from '@/db/client';
import { countArticlesByStatus, listNewsroomArticles } from '@/db/newsroom';
import { captureQueries, explainQueryPlan, isFullIndexScan, isFullScan } from '@/db/query-plans';
import { listFeedArticles } from '@/db/feeds';
import { searchPublishedArticles } from '@/db/search';
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
import { routeReaderRequest } from '@/lib/reader-routing';
import { MAX_URLS_PER_SITEMAP, NEWS_WINDOW_MS, MAX_NEWS_URLS } from '@/lib/sitemaps';
import { parseOptionsOrExit, wholeNumberOrExit } from './lib/cli-options';
import { percentiles } from './lib/timing';

/**
 * `npm run measure:queries -- [--data DIR] [--runs N] [--plans]`: times the reads the site and the
 * newsroom make (p50/p99 after a warm-up), against a large database from npm run seed:large, and lists
 * the steps of their query plans that scan a whole table. The SQL is what the db/ functions really send,
 * recorded through a logging drizzle handle on the same connection.
 */

const usage = 'Usage: npm run measure:queries -- [--data DIR] [--runs N (at least 100)] [--plans (every plan line)]';

const values = parseOptionsOrExit(
  {
    data: { type: 'string', default: 'data-large' },
    runs: { type: 'string', default: '100' },
    plans: { type: 'boolean', default: false },
  },
  usage,
);
const runs = wholeNumberOrExit('runs', values.runs, { min: 100, max: 100_000 }, usage);
const WARMUP_RUNS = 10;
const SAMPLE_ARTICLES = 200;

const file = path.join(path.resolve(values.data), 'news.db');
if (!fs.existsSync(file)) {
  console.error(`No database at ${file}: create one with npm run seed:large.\n${usage}`);
  process.exit(1);
}
const db = openDatabase(file);

interface Case {
  name: string;
  /** `i` counts the runs, for cases that rotate through sample articles. */
  run: (db: Db, i: number) => unknown;
}

function buildCases(): Case[] {
  const now = Date.now();
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
    { name: 'listRelatedArticles(4) (rotating)', run: (d, i) => listRelatedArticles(sample(i).id, 4, d) },
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
      run: (d, i) => routeReaderRequest(`/${sample(i).sectionSlug}/${sample(i).slug}`, d),
    },
    { name: `routeReaderRequest /${section.slug}?page=${deepPage}`, run: (d) => routeReaderRequest(`/${section.slug}?page=${deepPage}`, d) },
    ...searchCases(now, section.id),
    { name: 'newsroom: all, page 1', run: (d) => listNewsroomArticles({ page: 1 }, d) },
    { name: 'newsroom: status=draft', run: (d) => listNewsroomArticles({ status: 'draft', page: 1 }, d) },
    { name: 'newsroom: query "budget"', run: (d) => listNewsroomArticles({ query: 'budget', page: 1 }, d) },
    { name: 'newsroom: query "budget vote"', run: (d) => listNewsroomArticles({ query: 'budget vote', page: 1 }, d) },
    { name: 'newsroom: author filter', run: (d) => listNewsroomArticles({ authorId: author.id, page: 1 }, d) },
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
function searchCases(now: number, sectionId: number): Case[] {
  const search = (text: string, more: { sectionId?: number; from?: number; page?: number } = {}) => (d: Db) =>
    searchPublishedArticles({ text, page: 1, now, ...more }, d);
  return [
    { name: 'search "housing reform"', run: search('housing reform') },
    { name: 'search "budget vote"', run: search('budget vote') },
    { name: 'search "prime minister" page 5', run: search('prime minister', { page: 5 }) },
    { name: 'search "refug" (prefix)', run: search('refug') },
    { name: 'search "budget" in a section, last 90 days', run: search('budget', { sectionId, from: now - 90 * 86_400_000 }) },
    { name: 'search "the" (in every article)', run: search('the') },
  ];
}

function time(test: Case): { p50: number; p99: number } {
  for (let i = 0; i < WARMUP_RUNS; i++) test.run(db, i);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    test.run(db, i);
    samples.push(performance.now() - start);
  }
  return percentiles(samples);
}

function planNotes(test: Case): { statements: number; fullScans: number; indexScans: number; notes: string[] } {
  const captured = captureQueries(db, (d) => test.run(d, 0));
  let fullScans = 0;
  let indexScans = 0;
  const notes = captured.flatMap((query, k) => {
    const plan = explainQueryPlan(db, query);
    fullScans += plan.filter(isFullScan).length;
    indexScans += plan.filter(isFullIndexScan).length;
    const shown = values.plans ? plan : plan.filter((line) => isFullScan(line) || isFullIndexScan(line));
    if (shown.length === 0) return [];
    const sqlText = query.sql.replace(/\s+/g, ' ');
    return [`  #${k + 1} ${sqlText.length > 150 ? `${sqlText.slice(0, 150)}…` : sqlText}`, ...shown.map((line) => `      ${line}`)];
  });
  return { statements: captured.length, fullScans, indexScans, notes };
}

try {
  const counts = countArticlesByStatus(db);
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  if (total === 0) throw new Error(`${file} has no articles: create it with npm run seed:large.`);
  console.log(`${file}: ${total.toLocaleString('en')} articles (${counts.published.toLocaleString('en')} published); ${runs} timed runs after ${WARMUP_RUNS} warm-up runs each`);
  const cases = buildCases();
  const width = Math.max(...cases.map((c) => c.name.length));
  const rows = cases.map((test) => ({ test, ...time(test), ...planNotes(test) }));
  console.log(`\n${'query'.padEnd(width)}  ${'p50 ms'.padStart(8)}  ${'p99 ms'.padStart(8)}  stmts  full scans  index scans`);
  for (const row of rows) {
    const count = (n: number, pad: number) => (n > 0 ? String(n) : '-').padStart(pad);
    console.log(
      `${row.test.name.padEnd(width)}  ${row.p50.toFixed(2).padStart(8)}  ${row.p99.toFixed(2).padStart(8)}  ${count(row.statements, 5)}  ${count(row.fullScans, 10)}  ${count(row.indexScans, 11)}`,
    );
  }
  console.log(
    values.plans
      ? '\nQuery plans, by statement:'
      : '\nFull scans (plan lines with SCAN and no USING) and whole-index walks (SCAN … USING INDEX), by statement:',
  );
  for (const row of rows.filter((r) => r.notes.length > 0)) console.log(`${row.test.name}\n${row.notes.join('\n')}`);
} finally {
  db.$client.close();
}
