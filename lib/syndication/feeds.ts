import type { Db } from '@/db/client';
import { listFeedArticles, type FeedArticle } from '@/db/feeds';
import type { ImageRef, Section } from '@/db/types';
import { cacheTags } from '../cache/tags';
import { siteConfig } from '../config';
import { toIsoString } from '../dates';
import { articlePath, authorPath, sectionPath, tagPath } from '../paths';
import { fallbackSrc } from '../media/responsive-images';
import { feedStory, type FeedStoryOutput } from './feed-html';
import { escapeXml, XML_DECLARATION } from './xml';

/**
 * The site's feeds (RSS 2.0, Atom and JSON Feed 1.1), site-wide and per section: the newest articles
 * with absolute links, bylines, categories (section, then tags), summaries and the whole story
 * (./feed-html.ts: images with absolute addresses, embeds as links).
 */

export const FEED_SIZE = 50;

export const feedFormats = {
  rss: { file: 'rss.xml', contentType: 'application/rss+xml; charset=utf-8', title: 'RSS' },
  atom: { file: 'atom.xml', contentType: 'application/atom+xml; charset=utf-8', title: 'Atom' },
  json: { file: 'feed.json', contentType: 'application/feed+json; charset=utf-8', title: 'JSON Feed' },
} as const;
export type FeedFormat = keyof typeof feedFormats;
export const FEED_FORMATS = Object.keys(feedFormats) as FeedFormat[];

/** A feed's address: `/rss.xml` for the whole site, `/politics/rss.xml` for a section. */
export const feedPath = (format: FeedFormat, section?: { slug: string }) =>
  `${section ? sectionPath(section) : ''}/${feedFormats[format].file}`;

/** Autodiscovery links (Metadata `alternates.types`): the site's feeds, then the section's if given. */
export function feedAlternates(section?: { slug: string; name: string }): Record<string, { url: string; title: string }[]> {
  const { baseUrl, name } = siteConfig();
  return Object.fromEntries(
    FEED_FORMATS.map((format) => {
      const { contentType, title } = feedFormats[format];
      const link = (owner: string, of?: { slug: string }) => ({ url: baseUrl + feedPath(format, of), title: `${owner} (${title})` });
      return [contentType.split(';')[0], section ? [link(name), link(`${section.name} | ${name}`, section)] : [link(name)]];
    }),
  );
}

/**
 * Ids that never change: tag URIs (RFC 4151) built from database ids, not slugs, because slugs are
 * renamed and a reader's app would then show a renamed story twice. They depend on the site's host,
 * so a move to another domain changes them once, like every link in the feed.
 */
function tagUri(specific: string): string {
  return `tag:${new URL(siteConfig().baseUrl).hostname},2026:${specific}`;
}
export const articleGuid = (articleId: number) => tagUri(`article-${articleId}`);

export interface Feed {
  id: string;
  title: string;
  description: string;
  /** The page the feed follows: the front page or the section front. */
  homePath: string;
  section: Section | null;
  items: FeedArticle[];
}

/** The site's feed, or a section's. */
export function loadFeed(section: Section | null, db?: Db): Feed {
  const { name } = siteConfig();
  return {
    id: tagUri(section ? `feed-section-${section.id}` : 'feed'),
    title: section ? `${section.name} | ${name}` : name,
    description: section ? section.description || `The latest ${section.name} news from ${name}.` : `The latest news from ${name}.`,
    homePath: section ? sectionPath(section) : '/',
    section,
    items: listFeedArticles({ limit: FEED_SIZE, sectionId: section?.id }, db),
  };
}

/**
 * What a feed is tagged with in the page cache (decision 6): every change a reader could see, the sections, and
 * each item's article, so that renaming an author or a tag, or editing the text of an item's hero image in the
 * media library, reaches the feeds that show it.
 */
export const feedCacheTags = (feed: Feed): string[] => [cacheTags.feedsAndSitemaps, cacheTags.sections, ...feed.items.map((item) => cacheTags.article(item.id))];

/** When the feed last changed: its most recently updated item (or now, for a feed with none yet). */
const feedUpdated = (feed: Feed, now: number) => (feed.items.length ? Math.max(...feed.items.map((item) => item.updatedAt)) : now);

const rfc822 = (epochMs: number) => new Date(epochMs).toUTCString();

/** The hero's address for JSON Feed's `image`: the file feed readers get in the story (960 pixels wide, or the widest). */
const absoluteFeedImage = (image: ImageRef, baseUrl: string) => baseUrl + fallbackSrc(image);

/** An item's story as feed readers show it (and as plain text, if asked). */
function storyOf(item: FeedArticle, withText = false): FeedStoryOutput {
  const { baseUrl } = siteConfig();
  return feedStory({ ...item, url: baseUrl + articlePath(item) }, baseUrl, withText);
}

function rss(feed: Feed, now: number): string {
  const { baseUrl, language } = siteConfig();
  const items = feed.items.map((item) =>
    [
      '<item>',
      `<title>${escapeXml(item.headline)}</title>`,
      `<link>${escapeXml(baseUrl + articlePath(item))}</link>`,
      `<guid isPermaLink="false">${escapeXml(articleGuid(item.id))}</guid>`,
      `<description>${escapeXml(item.summary)}</description>`,
      // Escaped HTML, as RSS carries it (no CDATA: escapeXml also drops what XML cannot carry).
      `<content:encoded>${escapeXml(storyOf(item).html)}</content:encoded>`,
      `<pubDate>${rfc822(item.publishedAt)}</pubDate>`,
      ...item.authors.map((author) => `<dc:creator>${escapeXml(author.name)}</dc:creator>`),
      `<category domain="${escapeXml(baseUrl + sectionPath(item.section))}">${escapeXml(item.section.name)}</category>`,
      ...item.tags.map((tag) => `<category domain="${escapeXml(baseUrl + tagPath(tag))}">${escapeXml(tag.name)}</category>`),
      '</item>',
    ].join(''),
  );
  return [
    XML_DECLARATION.trimEnd(),
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '<channel>',
    `<title>${escapeXml(feed.title)}</title>`,
    `<link>${escapeXml(baseUrl + feed.homePath)}</link>`,
    `<description>${escapeXml(feed.description)}</description>`,
    `<language>${escapeXml(language)}</language>`,
    `<lastBuildDate>${rfc822(feedUpdated(feed, now))}</lastBuildDate>`,
    `<atom:link href="${escapeXml(baseUrl + feedPath('rss', feed.section ?? undefined))}" rel="self" type="application/rss+xml"/>`,
    ...items,
    '</channel>',
    '</rss>',
    '',
  ].join('\n');
}

function atom(feed: Feed, now: number): string {
  const { baseUrl, language, name } = siteConfig();
  const category = (term: string, label: string, scheme: string) =>
    `<category term="${escapeXml(term)}" label="${escapeXml(label)}" scheme="${escapeXml(scheme)}"/>`;
  const entries = feed.items.map((item) =>
    [
      '<entry>',
      `<title type="text">${escapeXml(item.headline)}</title>`,
      `<id>${escapeXml(articleGuid(item.id))}</id>`,
      `<link rel="alternate" type="text/html" href="${escapeXml(baseUrl + articlePath(item))}"/>`,
      `<published>${toIsoString(item.publishedAt)}</published>`,
      `<updated>${toIsoString(item.updatedAt)}</updated>`,
      ...item.authors.map(
        (author) => `<author><name>${escapeXml(author.name)}</name><uri>${escapeXml(baseUrl + authorPath(author))}</uri></author>`,
      ),
      category(item.section.slug, item.section.name, `${baseUrl}/`),
      ...item.tags.map((tag) => category(tag.slug, tag.name, `${baseUrl}/tags/`)),
      `<summary type="text">${escapeXml(item.summary)}</summary>`,
      `<content type="html">${escapeXml(storyOf(item).html)}</content>`,
      '</entry>',
    ].join(''),
  );
  return [
    XML_DECLARATION.trimEnd(),
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeXml(language)}">`,
    `<title type="text">${escapeXml(feed.title)}</title>`,
    `<subtitle type="text">${escapeXml(feed.description)}</subtitle>`,
    `<id>${escapeXml(feed.id)}</id>`,
    `<updated>${toIsoString(feedUpdated(feed, now))}</updated>`,
    `<link rel="self" type="application/atom+xml" href="${escapeXml(baseUrl + feedPath('atom', feed.section ?? undefined))}"/>`,
    `<link rel="alternate" type="text/html" href="${escapeXml(baseUrl + feed.homePath)}"/>`,
    // The author of any entry without a byline (RFC 4287 requires one per entry).
    `<author><name>${escapeXml(name)}</name><uri>${escapeXml(`${baseUrl}/`)}</uri></author>`,
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}

function jsonFeed(feed: Feed): string {
  const { baseUrl, language } = siteConfig();
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: feed.title,
    home_page_url: baseUrl + feed.homePath,
    feed_url: baseUrl + feedPath('json', feed.section ?? undefined),
    description: feed.description,
    language,
    items: feed.items.map((item) => {
      const story = storyOf(item, true);
      return {
        id: articleGuid(item.id),
        url: baseUrl + articlePath(item),
        title: item.headline,
        summary: item.summary,
        content_html: story.html,
        // The story as plain text, for apps that show no HTML (the summary when the story has no text of its own).
        content_text: story.text || item.summary,
        ...(item.image && { image: absoluteFeedImage(item.image, baseUrl) }),
        date_published: toIsoString(item.publishedAt),
        date_modified: toIsoString(item.updatedAt),
        authors: item.authors.map((author) => ({ name: author.name, url: baseUrl + authorPath(author) })),
        tags: [item.section.name, ...item.tags.map((tag) => tag.name)],
      };
    }),
  });
}

export function renderFeed(format: FeedFormat, feed: Feed, now: number): string {
  switch (format) {
    case 'rss':
      return rss(feed, now);
    case 'atom':
      return atom(feed, now);
    case 'json':
      return jsonFeed(feed);
  }
}
