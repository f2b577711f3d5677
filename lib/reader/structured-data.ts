import type { Author, AuthorRef } from '@/db/types';
import type { Article } from '@/db/articles/model';
import { siteConfig } from '../config';
import { articlePath, authorPath, sectionCrumbs, type Crumb } from '../paths';
import { shareImage, SITE_LOGO } from '../syndication/share-images';
import { STORY_TYPE_SCHEMA } from '../story-types';
import { readingMinutes, readingTimeDuration } from './reading-time';

/**
 * schema.org JSON-LD for each public page type, as one `@graph` per page. Every URL is absolute
 * (built from BASE_URL); the organisation and the website are named once and referred to by `@id`.
 */

export type JsonLdNode = { '@type': string } & Record<string, unknown>;

export interface JsonLdGraph {
  '@context': 'https://schema.org';
  '@graph': JsonLdNode[];
}

/** Google shows at most 110 characters of a headline; longer ones are cut at a word with an ellipsis. */
export const MAX_JSON_LD_HEADLINE = 110;

export function jsonLdHeadline(headline: string): string {
  if (headline.length <= MAX_JSON_LD_HEADLINE) return headline;
  const cut = headline.slice(0, MAX_JSON_LD_HEADLINE - 1);
  const atWord = cut.replace(/\s+\S*$/, '');
  return `${atWord.length > MAX_JSON_LD_HEADLINE / 2 ? atWord : cut}…`;
}

/**
 * JSON for a `<script type="application/ld+json">`: `<`, `>` and `&` are written as Unicode escapes, so no
 * field (a headline containing `</script>` or `<!--`) can end the script early; U+2028/9 too, for old parsers.
 */
export function serializeJsonLd(graph: JsonLdGraph): string {
  return JSON.stringify(graph).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const absolute = (path: string) => `${siteConfig().baseUrl}${path}`;
const organizationId = () => absolute('/#organization');
const websiteId = () => absolute('/#website');

function graph(nodes: JsonLdNode[]): JsonLdGraph {
  return { '@context': 'https://schema.org', '@graph': nodes };
}

function newsMediaOrganization(): JsonLdNode {
  const { name } = siteConfig();
  return {
    '@type': 'NewsMediaOrganization',
    '@id': organizationId(),
    name,
    url: absolute('/'),
    logo: { '@type': 'ImageObject', url: absolute(SITE_LOGO.path), width: SITE_LOGO.width, height: SITE_LOGO.height },
  };
}

function breadcrumbList(crumbs: readonly Crumb[]): JsonLdNode {
  return {
    '@type': 'BreadcrumbList',
    itemListElement: crumbs.map((crumb, index) => ({
      '@type': 'ListItem',
      position: index + 1,
      name: crumb.name,
      item: absolute(crumb.path),
    })),
  };
}

const person = (author: AuthorRef): JsonLdNode => ({ '@type': 'Person', name: author.name, url: absolute(authorPath(author)) });

/** The front page: the website (with its search) and the organisation that publishes it. */
export function frontPageJsonLd(): JsonLdGraph {
  const { name, language } = siteConfig();
  return graph([
    {
      '@type': 'WebSite',
      '@id': websiteId(),
      name,
      url: absolute('/'),
      inLanguage: language,
      publisher: { '@id': organizationId() },
      potentialAction: {
        '@type': 'SearchAction',
        target: { '@type': 'EntryPoint', urlTemplate: `${absolute('/search')}?q={search_term_string}` },
        'query-input': 'required name=search_term_string',
      },
    },
    newsMediaOrganization(),
  ]);
}

// An inline image's files in the stored body (lib/story-blocks/render.ts writes them, widest last).
const INLINE_IMAGE_SRCSET = /<img [^>]*?srcset="([^"]+)"/g;

/** The widest file of each image in an article's body (story blocks), in order. */
export function inlineImages(bodyHtml: string): string[] {
  return [...bodyHtml.matchAll(INLINE_IMAGE_SRCSET)].map(([, srcset = '']) => srcset.split(',').at(-1)!.trim().split(' ')[0]!).filter((src) => src.startsWith('/media/'));
}

/** An article page: the NewsArticle (or the subtype its story type names) and the trail to it (Home › Section › Headline). */
export function articleJsonLd(article: Article): JsonLdGraph {
  const path = articlePath(article);
  const url = absolute(path);
  const crumbs = [...sectionCrumbs(article.section), { name: article.headline, path }];
  const images = [...new Set([absolute(shareImage(article).path), ...(article.image ? [absolute(article.image.src)] : []), ...inlineImages(article.bodyHtml).map(absolute)])];
  return graph([
    {
      '@type': STORY_TYPE_SCHEMA[article.type],
      '@id': `${url}#article`,
      headline: jsonLdHeadline(article.headline),
      description: article.summary,
      image: images,
      datePublished: new Date(article.publishedAt).toISOString(),
      dateModified: new Date(article.updatedAt).toISOString(),
      // schema.org CreativeWork's timeRequired (an ISO 8601 duration): the reading time shown in the byline.
      timeRequired: readingTimeDuration(readingMinutes(article.body)),
      author: article.authors.map(person),
      publisher: newsMediaOrganization(),
      mainEntityOfPage: { '@type': 'WebPage', '@id': url },
      articleSection: article.section.name,
      keywords: article.tags.map((tag) => tag.name),
      isAccessibleForFree: true,
      inLanguage: siteConfig().language,
    },
    breadcrumbList(crumbs),
  ]);
}

/** A section or tag front: a collection of articles, and the trail to it. */
export function collectionPageJsonLd({ name, description, path }: { name: string; description: string; path: string }, crumbs: readonly Crumb[]): JsonLdGraph {
  return graph([
    {
      '@type': 'CollectionPage',
      '@id': absolute(path),
      url: absolute(path),
      name,
      description,
      isPartOf: { '@id': websiteId() },
    },
    breadcrumbList(crumbs),
  ]);
}

/** A journalist's page: their profile, and the trail to it. */
export function profilePageJsonLd(author: Author, path: string, crumbs: readonly Crumb[]): JsonLdGraph {
  return graph([
    {
      '@type': 'ProfilePage',
      '@id': absolute(path),
      url: absolute(path),
      name: author.name,
      isPartOf: { '@id': websiteId() },
      mainEntity: {
        ...person(author),
        ...(author.title ? { jobTitle: author.title } : {}),
        ...(author.bio ? { description: author.bio } : {}),
        ...(author.photo ? { image: absolute(author.photo.src) } : {}),
        worksFor: { '@id': organizationId() },
      },
    },
    breadcrumbList(crumbs),
  ]);
}

/** The newest updates a live blog's JSON-LD lists (the page shows more; the markup stays small). */
export const JSON_LD_LIVE_UPDATES = 50;

interface LiveBlogData {
  startedAt: number;
  endedAt: number | null;
  /** Posted updates, newest first. */
  updates: readonly { id: number; title: string; body: string; postedAt: number | null; editedAt: number | null }[];
}

/**
 * A live blog's page: its article as a `LiveBlogPosting` (a NewsArticle kind), with when coverage started
 * (and ended), and its newest updates as `liveBlogUpdate` BlogPostings, each at its own anchor.
 */
export function liveBlogJsonLd(article: Article, live: LiveBlogData): JsonLdGraph {
  const base = articleJsonLd(article);
  const [posting, ...rest] = base['@graph'];
  const url = absolute(articlePath(article));
  const iso = (ms: number) => new Date(ms).toISOString();
  const latest = live.updates.reduce((max, u) => Math.max(max, u.editedAt ?? u.postedAt ?? 0), article.updatedAt);
  const node: JsonLdNode = {
    ...posting,
    '@type': 'LiveBlogPosting',
    dateModified: iso(latest),
    coverageStartTime: iso(live.startedAt),
    ...(live.endedAt !== null ? { coverageEndTime: iso(live.endedAt) } : {}),
    liveBlogUpdate: live.updates.slice(0, JSON_LD_LIVE_UPDATES).map((update) => ({
      '@type': 'BlogPosting',
      '@id': `${url}#update-${update.id}`,
      url: `${url}#update-${update.id}`,
      headline: jsonLdHeadline(update.title || update.body.split('\n')[0] || article.headline),
      datePublished: iso(update.postedAt ?? live.startedAt),
      ...(update.editedAt !== null ? { dateModified: iso(update.editedAt) } : {}),
      articleBody: update.body,
    })),
  };
  return graph([node, ...rest]);
}
