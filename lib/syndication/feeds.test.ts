import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { articles } from '@/db/schema';
import { addTestArticle, withTestDatabase } from '@/test/support/database';
import { getSection } from '@/db/sections';
import type { Db } from '@/db/client';
import { FEED_SIZE, loadFeed, renderFeed } from './feeds';
import { readAtomEntries, readRssItems } from '@/test/support/feed-reading';
import { xmllintErrors } from '@/test/support/xml-validation';

const BASE = 'https://news.example';
const NOW = Date.UTC(2026, 10, 28, 12);
const RFC_822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const RFC_3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const HOSTILE = 'Ends </script> & <b>bold</b> ]]> "quoted" \'single\' tab\tnew\nline \u0001\u0008\u000b\ufffe done';
/** What XML 1.0 can carry of HOSTILE: the control characters and the non-character go (lib/xml.test.ts has the rest). */
const HOSTILE_IN_XML = 'Ends </script> & <b>bold</b> ]]> "quoted" \'single\' tab\tnew\nline  done';

interface Expected {
  id: number;
  slug: string;
  section: { slug: string; name: string };
  headline: string;
  publishedAt: number;
  updatedAt: number;
}

describe('feeds', () => {
  const database = withTestDatabase();
  let db: Db;
  let published: Expected[];
  beforeEach(() => {
    vi.stubEnv('BASE_URL', BASE);
    vi.stubEnv('SITE_NAME', 'Test News');
    db = database();
    published = [];
    for (let i = 0; i < FEED_SIZE + 5; i++) {
      const publishedAt = NOW - i * 3_600_000;
      const world = i % 3 === 0;
      const headline = i === 1 ? HOSTILE : `Story number ${i}`;
      const slug = `story-number-${i}`;
      const id = addTestArticle(db, {
        slug,
        headline,
        summary: `Summary ${i} & <more>`,
        sectionSlug: world ? 'world' : 'politics',
        tagNames: ['Nato', 'Budget'],
        publishedAt,
        updatedAt: publishedAt + 1_000,
      });
      published.push({
        id,
        slug,
        section: world ? { slug: 'world', name: 'World' } : { slug: 'politics', name: 'Politics' },
        headline: i === 1 ? HOSTILE_IN_XML : headline,
        publishedAt,
        updatedAt: publishedAt + 1_000,
      });
    }
    addTestArticle(db, { slug: 'a-draft', status: 'draft', publishedAt: null });
    addTestArticle(db, { slug: 'scheduled', status: 'scheduled', publishedAt: NOW + 3_600_000 });
  });
  const siteFeed = () => loadFeed(null, db);

  it('RSS: the newest 50 published articles, every field of every item right', () => {
    const xml = renderFeed('rss', siteFeed(), NOW);
    expect(xmllintErrors(xml, 'none')).toBe('');
    expect(xml).toContain(`<atom:link href="${BASE}/rss.xml" rel="self" type="application/rss+xml"/>`);
    expect(xml).toContain(`<lastBuildDate>${new Date(NOW + 1_000).toUTCString()}</lastBuildDate>`);
    const items = readRssItems(xml);
    expect(items).toHaveLength(FEED_SIZE);
    items.forEach((item, i) => {
      const article = published[i]!;
      expect(item).toEqual({
        title: article.headline,
        link: `${BASE}/${article.section.slug}/${article.slug}`,
        guid: `tag:news.example,2026:article-${article.id}`,
        guidIsPermaLink: 'false',
        description: `Summary ${i} & <more>`,
        pubDate: new Date(article.publishedAt).toUTCString(),
        creators: ['A Reporter'],
        categories: [
          { domain: `${BASE}/${article.section.slug}`, name: article.section.name },
          { domain: `${BASE}/tags/budget`, name: 'Budget' },
          { domain: `${BASE}/tags/nato`, name: 'Nato' },
        ],
      });
      expect(item.pubDate).toMatch(RFC_822);
    });
  });

  it('Atom: valid against the RFC 4287 schema, every field of every entry right', () => {
    const xml = renderFeed('atom', siteFeed(), NOW);
    expect(xmllintErrors(xml, 'atom')).toBe('');
    expect(xml).toContain(`<link rel="self" type="application/atom+xml" href="${BASE}/atom.xml"/>`);
    const entries = readAtomEntries(xml);
    expect(entries).toHaveLength(FEED_SIZE);
    entries.forEach((entry, i) => {
      const article = published[i]!;
      expect(entry).toEqual({
        title: article.headline,
        id: `tag:news.example,2026:article-${article.id}`,
        link: `${BASE}/${article.section.slug}/${article.slug}`,
        published: new Date(article.publishedAt).toISOString(),
        updated: new Date(article.updatedAt).toISOString(),
        summary: `Summary ${i} & <more>`,
        authors: [{ name: 'A Reporter', uri: `${BASE}/authors/reporter` }],
        categories: [
          { term: article.section.slug, label: article.section.name },
          { term: 'budget', label: 'Budget' },
          { term: 'nato', label: 'Nato' },
        ],
      });
      expect(entry.published).toMatch(RFC_3339);
      expect(entry.updated).toMatch(RFC_3339);
    });
  });

  it('JSON Feed 1.1: the same items, with ids, absolute URLs, authors and tags', () => {
    const feed = JSON.parse(renderFeed('json', siteFeed(), NOW));
    expect(feed).toMatchObject({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'Test News',
      home_page_url: `${BASE}/`,
      feed_url: `${BASE}/feed.json`,
      language: 'en',
    });
    expect(feed.items).toHaveLength(FEED_SIZE);
    feed.items.forEach((item: unknown, i: number) => {
      const article = published[i]!;
      expect(item).toEqual({
        id: `tag:news.example,2026:article-${article.id}`,
        url: `${BASE}/${article.section.slug}/${article.slug}`,
        // JSON can carry any character (escaped): the headline as written.
        title: i === 1 ? HOSTILE : article.headline,
        summary: `Summary ${i} & <more>`,
        content_text: `Summary ${i} & <more>`,
        date_published: new Date(article.publishedAt).toISOString(),
        date_modified: new Date(article.updatedAt).toISOString(),
        authors: [{ name: 'A Reporter', url: `${BASE}/authors/reporter` }],
        tags: [article.section.name, 'Budget', 'Nato'],
      });
    });
  });

  it('an item keeps its id when its slug and section change', () => {
    const first = published[0]!;
    db.update(articles).set({ slug: 'renamed-story', sectionId: getSection('world', db)!.id }).where(eq(articles.id, first.id)).run();
    const [item] = readRssItems(renderFeed('rss', siteFeed(), NOW));
    expect(item?.guid).toBe(`tag:news.example,2026:article-${first.id}`);
    expect(item?.link).toBe(`${BASE}/world/renamed-story`);
  });

  it("a section's feeds hold only its articles and name their own address", () => {
    const section = getSection('world', db);
    const feed = loadFeed(section, db);
    const worldIds = published.filter((a) => a.section.slug === 'world').map((a) => `tag:news.example,2026:article-${a.id}`);
    const rss = renderFeed('rss', feed, NOW);
    const atom = renderFeed('atom', feed, NOW);
    expect(xmllintErrors(rss, 'none')).toBe('');
    expect(xmllintErrors(atom, 'atom')).toBe('');
    expect(readRssItems(rss).map((item) => item.guid)).toEqual(worldIds);
    expect(readAtomEntries(atom).map((entry) => entry.id)).toEqual(worldIds);
    expect(rss).toContain(`<atom:link href="${BASE}/world/rss.xml"`);
    expect(atom).toContain(`href="${BASE}/world/atom.xml"`);
    expect(atom).toContain(`<id>tag:news.example,2026:feed-section-${section!.id}</id>`);
    expect(JSON.parse(renderFeed('json', feed, NOW)).feed_url).toBe(`${BASE}/world/feed.json`);
  });

  it('an empty feed is still valid', () => {
    db.update(articles).set({ status: 'draft' }).run();
    expect(xmllintErrors(renderFeed('rss', siteFeed(), NOW), 'none')).toBe('');
    expect(xmllintErrors(renderFeed('atom', siteFeed(), NOW), 'atom')).toBe('');
    expect(JSON.parse(renderFeed('json', siteFeed(), NOW)).items).toEqual([]);
  });
});

describe('the validators catch broken feeds', () => {
  it('xmllint refuses an Atom entry without an updated date, and an RSS document that is not well-formed', () => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>x</id><updated>2026-11-28T12:00:00Z</updated><entry><title>t</title><id>y</id></entry></feed>`;
    expect(xmllintErrors(atom, 'atom')).toMatch(/updated/);
    expect(xmllintErrors('<rss><channel><title>a & b</title></channel></rss>', 'none')).not.toBe('');
  });
});
