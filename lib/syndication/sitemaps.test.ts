import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Db } from '@/db/client';
import { addTestArticle, withTestDatabase } from '@/test/support/database';
import { readSitemapLocations } from '@/test/support/feed-reading';
import {
  MAX_NEWS_URLS,
  MAX_URLS_PER_SITEMAP,
  listSitemapChildren,
  parseSitemapFileName,
  sitemapFileName,
  sitemapIndexXml,
  sitemapXml,
  type SitemapChild,
} from './sitemaps';
import { xmllintErrors } from '@/test/support/xml-validation';

const BASE = 'https://news.example';
const NOW = Date.UTC(2026, 10, 28, 12);
const HOUR = 3_600_000;
const MAX_SITEMAP_BYTES = 50 * 1024 * 1024;

const childNames = (db: Db) => listSitemapChildren(db).map(({ child }) => sitemapFileName(child));
const render = (db: Db, name: string) => sitemapXml(parseSitemapFileName(name)!, db, NOW);

/** Inserts published articles in bulk (no bylines or tags): a large month without minutes of setup. */
function addBulkArticles(db: Db, count: number, firstPublishedAt: number): void {
  const insert = db.$client.prepare(
    "INSERT INTO articles (slug, section_id, status, headline, published_at, updated_at) VALUES (?, 1, 'published', ?, ?, ?)",
  );
  db.$client.transaction(() => {
    for (let i = 0; i < count; i++) insert.run(`bulk-story-${i}`, `Bulk story ${i}`, firstPublishedAt + i * 1_000, firstPublishedAt + i * 1_000);
  })();
}

describe('sitemaps', () => {
  const database = withTestDatabase();
  let db: Db;
  beforeEach(() => {
    vi.stubEnv('BASE_URL', BASE);
    vi.stubEnv('SITE_NAME', 'Test News & Co');
    db = database();
  });

  it('an index of children that all validate against the sitemaps.org and Google News schemas', () => {
    addTestArticle(db, { slug: 'october-story', tagNames: ['Nato'], publishedAt: Date.UTC(2026, 9, 31, 23, 59), updatedAt: NOW - HOUR });
    addTestArticle(db, { slug: 'november-story', sectionSlug: 'world', publishedAt: NOW - 2 * HOUR, updatedAt: NOW - 2 * HOUR });
    addTestArticle(db, { slug: 'a-draft', status: 'draft', publishedAt: null });
    addTestArticle(db, { slug: 'later', status: 'scheduled', publishedAt: NOW + HOUR });

    const index = sitemapIndexXml(db);
    expect(xmllintErrors(index, 'sitemapIndex')).toBe('');
    expect(childNames(db)).toEqual(['pages.xml', 'tags.xml', 'authors.xml', 'articles-2026-10.xml', 'articles-2026-11.xml', 'news.xml']);
    expect(readSitemapLocations(index)).toEqual(childNames(db).map((name) => `${BASE}/sitemaps/${name}`));
    // Every child says when it last changed: October's is its article's last edit, not its publication.
    expect(index.match(/<sitemap><loc>[^<]+<\/loc><lastmod>[^<]+<\/lastmod><\/sitemap>/g)).toHaveLength(6);
    expect(index).toContain(`<loc>${BASE}/sitemaps/articles-2026-10.xml</loc><lastmod>${new Date(NOW - HOUR).toISOString()}</lastmod>`);

    const locations = (name: string) => {
      const xml = render(db, name)!;
      expect(xmllintErrors(xml, name === 'news.xml' ? 'newsSitemap' : 'sitemap')).toBe('');
      return readSitemapLocations(xml);
    };
    expect(locations('pages.xml')).toEqual([`${BASE}/`, `${BASE}/politics`, `${BASE}/world`]);
    expect(locations('tags.xml')).toEqual([`${BASE}/tags/nato`]);
    expect(locations('authors.xml')).toEqual([`${BASE}/authors/reporter`]);
    expect(locations('articles-2026-10.xml')).toEqual([`${BASE}/politics/october-story`]);
    expect(locations('articles-2026-11.xml')).toEqual([`${BASE}/world/november-story`]);
    expect(locations('news.xml')).toEqual([`${BASE}/world/november-story`]);
    expect(render(db, 'articles-2026-11.xml')).toContain(`<lastmod>${new Date(NOW - 2 * HOUR).toISOString()}</lastmod>`);
  });

  it('Google News: the last 48 hours only, newest first, at most 1,000, with publication, date and title', () => {
    addTestArticle(db, { slug: 'too-old', publishedAt: NOW - 49 * HOUR });
    addTestArticle(db, { slug: 'hostile', headline: 'A </script> & <b> ]]> \u0001 headline', publishedAt: NOW - 47 * HOUR });
    addBulkArticles(db, MAX_NEWS_URLS + 5, NOW - 10 * HOUR);
    const xml = render(db, 'news.xml')!;
    expect(xmllintErrors(xml, 'newsSitemap')).toBe('');
    const locations = readSitemapLocations(xml);
    expect(locations).toHaveLength(MAX_NEWS_URLS);
    expect(locations[0]).toBe(`${BASE}/politics/bulk-story-${MAX_NEWS_URLS + 4}`);
    expect(locations).not.toContain(`${BASE}/politics/too-old`);
    expect(xml).toContain(
      '<news:publication><news:name>Test News &amp; Co</news:name><news:language>en</news:language></news:publication>' +
        `<news:publication_date>${new Date(NOW - 10 * HOUR + (MAX_NEWS_URLS + 4) * 1_000).toISOString()}</news:publication_date>` +
        `<news:title>Bulk story ${MAX_NEWS_URLS + 4}</news:title>`,
    );
    // The hostile headline is older than the 1,000 newest here: alone, it is listed and stays well-formed.
    db.$client.prepare("DELETE FROM articles WHERE slug LIKE 'bulk-%'").run();
    const alone = render(db, 'news.xml')!;
    expect(xmllintErrors(alone, 'newsSitemap')).toBe('');
    expect(alone).toContain('<news:title>A &lt;/script&gt; &amp; &lt;b&gt; ]]&gt;  headline</news:title>');
  });

  // 60,000 rows written and two 50,000-URL files validated: seconds, more on a loaded machine.
  it('splits a month of 60,000 articles into two children under 50,000 URLs and 50 MB, together holding each article once', () => {
    addBulkArticles(db, 60_000, Date.UTC(2026, 5, 1));
    const started = performance.now();
    expect(childNames(db).filter((name) => name.startsWith('articles-'))).toEqual(['articles-2026-06.xml', 'articles-2026-06-2.xml']);
    const parts = ['articles-2026-06.xml', 'articles-2026-06-2.xml'].map((name) => render(db, name)!);
    console.log(`sitemap index and both children of 60,000 articles: ${(performance.now() - started).toFixed(0)} ms`);
    const locations = parts.map(readSitemapLocations);
    expect(locations.map((l) => l.length)).toEqual([MAX_URLS_PER_SITEMAP, 10_000]);
    expect(new Set(locations.flat()).size).toBe(60_000);
    for (const xml of parts) {
      expect(Buffer.byteLength(xml)).toBeLessThan(MAX_SITEMAP_BYTES);
      expect(xmllintErrors(xml, 'sitemap')).toBe('');
    }
    expect(render(db, 'articles-2026-06-3.xml')).toBeNull();
    expect(render(db, 'articles-2026-07.xml')).toBeNull();
  }, 30_000);
});

describe('sitemap file names', () => {
  it.each<SitemapChild>([
    { kind: 'pages' },
    { kind: 'news' },
    { kind: 'tags', part: 1 },
    { kind: 'authors', part: 3 },
    { kind: 'articles', month: '2026-01', part: 1 },
    { kind: 'articles', month: '1999-12', part: 12 },
  ])('name and read back %j', (child) => {
    expect(parseSitemapFileName(sitemapFileName(child))).toEqual(child);
  });

  it.each(['pages', 'pages.xml.gz', 'tags-1.xml', 'tags-0.xml', 'articles-2026-00.xml', 'articles-26-01.xml', 'articles-2026-01-1000.xml', 'x.xml'])(
    'refuses %s',
    (name) => expect(parseSitemapFileName(name)).toBeNull(),
  );
});
