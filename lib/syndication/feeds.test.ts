import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { articles, media } from '@/db/schema';
import { quoteAttribute } from '@/lib/story-blocks';
import { addTestArticle, withTestDatabase } from '@/test/support/database';
import { getSection } from '@/db/sections';
import type { Db } from '@/db/client';
import { effectsOf } from '@/lib/cache/invalidate';
import { getMediaUsage } from '@/db/media';
import { FEED_SIZE, feedCacheTags, loadFeed, renderFeed } from './feeds';
import { feedHtmlProblems, parseFeedHtml, readAtomEntries, readRssItems } from '@/test/support/feed-reading';
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
    expect(xml).toContain('xmlns:content="http://purl.org/rss/1.0/modules/content/"');
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
        content: '<p>Body.</p>\n',
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
        content: '<p>Body.</p>\n',
        contentType: 'html',
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
        content_html: '<p>Body.</p>\n',
        content_text: 'Body.',
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

describe('feeds carry the whole story', () => {
  const database = withTestDatabase();
  let db: Db;
  beforeEach(() => {
    vi.stubEnv('BASE_URL', BASE);
    vi.stubEnv('SITE_NAME', 'Test News');
    db = database();
  });
  const addImage = (fileName: string, width: number, height: number, text: Partial<{ alt: string; caption: string; credit: string }> = {}) =>
    db
      .insert(media)
      .values({ fileName, mimeType: 'image/webp', width, height, alt: `Alt of ${fileName}`, caption: `Caption of ${fileName}`, credit: '', ...text })
      .returning({ id: media.id })
      .get().id;

  function addRichStory() {
    const inline = addImage('aaa-1600.webp', 1600, 900);
    const first = addImage('bbb-1600.webp', 1600, 1200);
    const second = addImage('ccc-800.webp', 800, 600);
    const body = [
      'Opening paragraph with [a link](/politics/other-story), [an anchor](#facts) and [elsewhere](https://example.org/x).',
      `::image{id=${inline} caption="Divers inspect the breakwater" credit="Ana Díaz"}`,
      `:::gallery\n::image{id=${first}}\n::image{id=${second} alt="Second gallery picture"}\n:::`,
      '::embed{url="https://www.youtube.com/watch?v=dQw4w9WgXcQ" title="The launch"}',
      '::embed{url="https://bsky.app/profile/someone.bsky.social/post/3kxyz" title="A post"}',
      ':::pullquote{cite="The mayor"}\nWe will *rebuild*.\n:::',
      ':::factbox{title="What we know"}\n- Two piers were damaged.\n:::',
      ':::table{caption="Votes"}\n| Region | Votes |\n|---|---:|\n| North | 1,204 |\n:::',
      'Closing paragraph.',
    ].join('\n\n');
    const id = addTestArticle(db, {
      slug: 'harbour-repairs',
      headline: 'Harbour repairs begin',
      publishedAt: NOW,
      updatedAt: NOW,
      body,
      keyPoints: [{ label: 'Cost', text: 'Four million.' }],
      whyItMatters: 'The port *employs* 900 people.',
      contextNote: 'Part of our coast series.',
      hero: { fileName: 'hero-1600.webp', width: 1600, height: 900, alt: 'The harbour at dawn', caption: 'The harbour', credit: 'Photo: Lee Park' },
    });
    return id;
  }
  const siteFeed = () => loadFeed(null, db);

  it('RSS content:encoded, Atom content and JSON content_html: hero, images, gallery, embeds, quote, fact box and table, adapted for feed readers', () => {
    addRichStory();
    const rss = renderFeed('rss', siteFeed(), NOW);
    const atom = renderFeed('atom', siteFeed(), NOW);
    const json = JSON.parse(renderFeed('json', siteFeed(), NOW));
    expect(xmllintErrors(rss, 'none')).toBe('');
    expect(xmllintErrors(atom, 'atom')).toBe('');
    expect(rss).not.toContain('CDATA');
    const [item] = readRssItems(rss);
    const [entry] = readAtomEntries(atom);
    const html = item?.content ?? '';
    expect(entry?.content).toBe(html);
    expect(entry?.contentType).toBe('html');
    expect(json.items[0].content_html).toBe(html);

    // The hero first, then the body in order.
    expect(html.indexOf('The harbour at dawn')).toBeLessThan(html.indexOf('Opening paragraph'));
    expect(html).toMatch(
      new RegExp(`^<figure><img src="${BASE}/media/hero-960\\.webp" alt="The harbour at dawn" width="960" height="540"><figcaption>The harbour <small>Photo: Lee Park</small></figcaption></figure>`),
    );
    // Images: plain, absolute, the 960 file (or the widest), alt text, caption and credit.
    expect(html).toContain(
      `<figure><img src="${BASE}/media/aaa-960.webp" alt="Alt of aaa-1600.webp" width="960" height="540"><figcaption>Divers inspect the breakwater<small> Ana Díaz</small></figcaption></figure>`,
    );
    expect(html).toContain(`<figure><img src="${BASE}/media/bbb-960.webp" alt="Alt of bbb-1600.webp" width="960" height="720"><figcaption>Caption of bbb-1600.webp</figcaption></figure>`);
    expect(html).toContain(`<img src="${BASE}/media/ccc-800.webp" alt="Second gallery picture" width="800" height="600">`);
    for (const [, src] of html.matchAll(/<img src="([^"]+)"/g)) expect(src).toMatch(new RegExp(`^${BASE}/media/[a-z0-9]+-[0-9]+\\.webp$`));
    // Embeds: a link to the provider's page, named by the provider and the title.
    expect(html).toContain('<p><a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ">YouTube video: The launch</a></p>');
    expect(html).toContain('<p><a href="https://bsky.app/profile/someone.bsky.social/post/3kxyz">Bluesky post: A post</a></p>');
    // Pull quote, fact box, table.
    expect(html).toContain('<figure><blockquote>\n<p>We will <em>rebuild</em>.</p>\n</blockquote><figcaption>The mayor</figcaption></figure>');
    expect(html).toContain('<aside>\n<h2>What we know</h2>\n<ul>\n<li>Two piers were damaged.</li>\n</ul>\n</aside>');
    expect(html).toContain('<table>\n<caption>Votes</caption>');
    expect(html).toContain('<th scope="col">Votes</th>');
    expect(html).toContain('<td>1,204</td>');
    // Links absolute.
    expect(html).toContain(`<a href="${BASE}/politics/other-story">a link</a>`);
    expect(html).toContain(`<a href="${BASE}/politics/harbour-repairs#facts">an anchor</a>`);
    expect(html).toContain('<a href="https://example.org/x">elsewhere</a>');
    // Key points, why it matters and the context note, after the body.
    expect(html).toContain('<h2>Key Points</h2>\n<ul><li><strong>Cost:</strong> Four million.</li></ul>');
    expect(html).toContain('<h2>Why This Matters</h2>\n<p>The port <em>employs</em> 900 people.</p>');
    expect(html).toContain('<aside><p>Part of our coast series.</p></aside>');
    // Nothing of the page's machinery: no frame, script, button, style, class, srcset or data attribute.
    expect(feedHtmlProblems(html, BASE)).toEqual([]);
    expect(html).not.toMatch(/<iframe|<script|<button|<picture|<source|<div|<span|srcset|data-embed|loading=|class=|style=/);

    // JSON Feed: the hero as the item's image, the story as plain text too, the summary kept.
    expect(json.items[0]).toMatchObject({ summary: 'Summary.', image: `${BASE}/media/hero-960.webp` });
    const text: string = json.items[0].content_text;
    expect(text).toMatch(/^The harbour Photo: Lee Park\n\nOpening paragraph with a link, an anchor and elsewhere\.\n\n/);
    for (const words of ['Divers inspect the breakwater Ana Díaz', 'YouTube video: The launch (https://www.youtube.com/watch?v=dQw4w9WgXcQ)', 'We will rebuild.', 'What we know', 'Two piers were damaged.', 'Votes', 'North 1,204', 'Cost: Four million.', 'Part of our coast series.']) {
      expect(text).toContain(words);
    }
    expect(text).not.toMatch(/[<>]/);
  });

  it('hostile text in captions, alt text, credits, quotes, titles and raw HTML stays text in every feed', () => {
    const payload = '"><script>alert(1)</script><img src=x onerror=alert(2)><iframe src=x>';
    const q = quoteAttribute(payload);
    const image = addImage('ddd-1600.webp', 1600, 900, { alt: payload, caption: payload, credit: payload });
    const body = [
      `::image{id=${image}}`,
      `::image{id=${image} alt=${q} caption=${q} credit=${q}}`,
      `::embed{url="https://www.youtube.com/watch?v=dQw4w9WgXcQ" title=${q}}`,
      `:::pullquote{cite=${q}}\n${payload}\n:::`,
      `:::factbox{title=${q}}\n${payload}\n:::`,
      `:::table{caption=${q}}\n| a |\n|---|\n| b |\n:::`,
      '<img src="/media/ddd-480.webp" onerror="alert(3)" alt="raw"> <a href="javascript:alert(4)">js link</a> <figure class="embed" data-embed="https://evil.example/x"><p>Fake</p></figure>',
      HOSTILE,
    ].join('\n\n');
    addTestArticle(db, { slug: 'hostile-story', headline: 'Hostile story', publishedAt: NOW, updatedAt: NOW, body, contextNote: payload, keyPoints: [{ label: payload, text: payload }] });
    const rss = renderFeed('rss', siteFeed(), NOW);
    const atom = renderFeed('atom', siteFeed(), NOW);
    expect(xmllintErrors(rss, 'none')).toBe('');
    expect(xmllintErrors(atom, 'atom')).toBe('');
    const json = JSON.parse(renderFeed('json', siteFeed(), NOW));
    for (const html of [readRssItems(rss)[0]?.content ?? '', readAtomEntries(atom)[0]?.content ?? '', json.items[0].content_html as string]) {
      expect(feedHtmlProblems(html, BASE)).toEqual([]);
      const { elements, text } = parseFeedHtml(html);
      // The payload as text, never as an element or a handler.
      expect(text).toContain('<script>alert(1)</script><img src=x onerror=alert(2)>');
      expect(elements.filter((e) => e.name === 'img').map((e) => e.attributes.src)).toEqual(
        expect.arrayContaining([`${BASE}/media/ddd-960.webp`]),
      );
      for (const img of elements.filter((e) => e.name === 'img')) expect(img.attributes.src).toMatch(new RegExp(`^${BASE}/media/`));
      for (const a of elements.filter((e) => e.name === 'a')) expect(a.attributes.href).toMatch(/^https?:/);
      expect(html).not.toContain('evil.example');
    }
  });

  it('an edit to the body, or to the hero image\'s text in the media library, invalidates the feeds that show the story', () => {
    const id = addRichStory();
    const tags = feedCacheTags(siteFeed());
    const heroId = db.select({ id: articles.heroMediaId }).from(articles).where(eq(articles.id, id)).get()!.id!;
    // What the media library's "Save" invalidates (lib/newsroom/use-cases/media.ts), and what an article save does.
    const caption = effectsOf({ kind: 'media', ...getMediaUsage(heroId, db), liveUpdatesRendered: false }).tags;
    const placement = { id, status: 'published', slug: 'harbour-repairs', sectionSlug: 'politics', tagSlugs: [], authorSlugs: ['reporter'], deleted: false } as const;
    const bodyEdit = effectsOf({ kind: 'article', before: placement, after: placement }).tags;
    expect(caption.filter((tag) => tags.includes(tag))).toEqual([`article:${id}`]);
    expect(bodyEdit.filter((tag) => tags.includes(tag))).toEqual(expect.arrayContaining(['feeds-and-sitemaps', `article:${id}`]));
    // And the feed then shows the new caption: the hero is read with the feed, not stored with the body.
    db.update(media).set({ caption: 'The harbour, rebuilt' }).where(eq(media.id, heroId)).run();
    expect(readRssItems(renderFeed('rss', siteFeed(), NOW))[0]?.content).toContain('<figcaption>The harbour, rebuilt <small>');
  });

  it('50 long stories: every item carries its whole story', () => {
    const image = addImage('eee-1600.webp', 1600, 900);
    const body = Array.from({ length: 40 }, (_, i) => (i % 8 === 0 ? `::image{id=${image}}` : `Paragraph ${i} ${'words '.repeat(60)}`)).join('\n\n');
    for (let i = 0; i < FEED_SIZE + 3; i++) addTestArticle(db, { body, publishedAt: NOW - i * 60_000 });
    const feed = siteFeed();
    expect(feed.items).toHaveLength(FEED_SIZE);
    const html = readRssItems(renderFeed('rss', feed, NOW)).map((item) => item.content ?? '');
    expect(html.every((story) => story.match(/<img /g)?.length === 5)).toBe(true);
  });
});

describe('the validators catch broken feeds', () => {
  it('xmllint refuses an Atom entry without an updated date, and an RSS document that is not well-formed', () => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>x</id><updated>2026-11-28T12:00:00Z</updated><entry><title>t</title><id>y</id></entry></feed>`;
    expect(xmllintErrors(atom, 'atom')).toMatch(/updated/);
    expect(xmllintErrors('<rss><channel><title>a & b</title></channel></rss>', 'none')).not.toBe('');
  });
});
