import { getLiveBlog } from '@/db/live-blogs';
import type { Article, ArticleTeaser } from '@/db/articles/model';
import {
  authorIdBySlug,
  getPublicLiveBlog,
  getPublishedArticleById,
  listPublicAuthors,
  listPublishedPage,
  tagIdBySlug,
  type ListPosition,
  type PublicLiveUpdate,
} from '@/db/content-api';
import { getPublishedArticle } from '@/db/articles/reads';
import { getSection, listSections } from '@/db/sections';
import { listTagsInUse } from '@/db/tags';
import type { ImageRef } from '@/db/types';
import { cacheTags } from '../cache/tags';
import { siteConfig } from '../config';
import { articlePath, authorPath, sectionPath, tagPath } from '../paths';
import { arrangeFront } from '../reader/pages';
import { HOME_SLOTS, SECTION_SLOTS } from '../reader/front-slots';
import {
  ARTICLE_FIELDS,
  ArticleListQuerySchema,
  ArticleQuerySchema,
  FrontQuerySchema,
  LiveBlogQuerySchema,
  NoQuerySchema,
  SUMMARY_FIELDS,
  type ArticleJson,
  type ArticleSummary,
  type LiveUpdateJson,
} from './content-schemas';
import { parseFields, parseQuery, trimmed } from './input';
import { problem, type Problem } from './problem';

/**
 * The Content API: what readers may see, as JSON. Each handler validates its query (./input.ts) and answers
 * a body with the cache tags of what it shows (the reader pages' tags), which the route remembers until
 * `invalidate` names one (lib/cache/api-memory.ts). Only published articles, never in the trash, in the
 * readers' version; a missing or unpublished one is the same 404.
 */

export interface ContentAnswer {
  status: 200 | 404;
  body: unknown;
  tags: string[];
}

export const CONTENT_API_PATH = '/api/v1/content';

const absolute = (path: string) => `${siteConfig().baseUrl}${path}`;
const iso = (ms: number) => new Date(ms).toISOString();
const articleApiUrl = (id: number) => absolute(`${CONTENT_API_PATH}/articles/${id}`);

function imageJson(image: ImageRef | null) {
  return (
    image && {
      url: absolute(image.src),
      width: image.width,
      height: image.height,
      alt: image.alt,
      caption: image.caption,
      credit: image.credit,
      widths: image.variants.map((variant) => ({ url: absolute(variant.src), width: variant.width })),
    }
  );
}

export function summaryJson(teaser: ArticleTeaser): ArticleSummary {
  return {
    id: teaser.id,
    url: absolute(articlePath(teaser)),
    apiUrl: articleApiUrl(teaser.id),
    slug: teaser.slug,
    type: teaser.type,
    headline: teaser.headline,
    summary: teaser.summary,
    section: { slug: teaser.section.slug, name: teaser.section.name, url: absolute(sectionPath(teaser.section)) },
    publishedAt: iso(teaser.publishedAt),
    updatedAt: iso(teaser.updatedAt),
    live: teaser.live,
    image: imageJson(teaser.image),
  };
}

function articleJson(article: Article): ArticleJson {
  const coverage = getLiveBlog(article.id);
  return {
    ...summaryJson(article),
    authors: article.authors.map((a) => ({ slug: a.slug, name: a.name, url: absolute(authorPath(a)) })),
    tags: article.tags.map((t) => ({ slug: t.slug, name: t.name, url: absolute(tagPath(t)) })),
    body: { text: article.body, html: article.bodyHtml },
    keyPointsTitle: article.keyPointsTitle,
    keyPoints: article.keyPoints,
    whyItMatters: { text: article.whyItMatters, html: article.whyItMattersHtml },
    contextNote: article.contextNote,
    corrections: article.corrections.map((c) => ({ id: c.id, text: c.text, publishedAt: iso(c.publishedAt) })),
    seo: { title: article.seoTitle, description: article.seoDescription },
    liveBlog: coverage && {
      live: coverage.endedAt === null,
      startedAt: iso(coverage.startedAt),
      endedAt: coverage.endedAt === null ? null : iso(coverage.endedAt),
      apiUrl: absolute(`${CONTENT_API_PATH}/live-blogs/${article.id}`),
    },
  };
}

const notFound = (detail: string, tags: string[]): ContentAnswer => {
  const body: Problem = { type: 'about:blank', title: 'Not found', status: 404, detail };
  return { status: 404, body, tags };
};

// ---- Cursors: opaque to clients (base64url), a position in the newest-first order. ----

// Publication times are epoch milliseconds, which rows written by SQL (unixepoch('subsec') * 1000) may give
// with a fraction: the number is written as JavaScript writes it, which reads back to the same double.
export function encodeCursor(position: ListPosition): string {
  return Buffer.from(`${position.publishedAt}:${position.id}`).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): ListPosition | null {
  if (cursor === undefined) return null;
  const match = /^(\d{1,15}(?:\.\d{1,12})?):(\d{1,10})$/.exec(/^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('latin1') : '');
  if (!match) throw problem(400, 'The cursor is not one this API gave out.', { errors: [{ field: 'cursor', message: "Pass the previous page's nextCursor unchanged." }] });
  return { publishedAt: Number(match[1]), id: Number(match[2]) };
}

function withQuery(url: URL, changes: Record<string, string>): string {
  const next = new URL(url.pathname, siteConfig().baseUrl);
  for (const [name, value] of url.searchParams) next.searchParams.set(name, value);
  for (const [name, value] of Object.entries(changes)) next.searchParams.set(name, value);
  return next.toString();
}

/** GET /articles: published articles, newest first, a page at a time. */
export function listArticles(url: URL): ContentAnswer {
  const query = parseQuery(url, ArticleListQuerySchema);
  const fields = parseFields(query.fields, SUMMARY_FIELDS);
  const after = decodeCursor(query.cursor);
  const listTags = [cacheTags.feedsAndSitemaps, cacheTags.sections];
  const section = query.section === undefined ? undefined : getSection(query.section);
  const tagId = query.tag === undefined ? undefined : tagIdBySlug(query.tag);
  const authorId = query.author === undefined ? undefined : authorIdBySlug(query.author);
  // A filter naming nothing that exists lists nothing (the same answer as a topic with no published article).
  if (section === null || tagId === null || authorId === null) return { status: 200, body: { items: [], nextCursor: null, next: null }, tags: listTags };
  const page = listPublishedPage({
    after,
    // One more than asked for: whether there is a next page, without counting.
    limit: query.limit + 1,
    sectionId: section?.id,
    tagId,
    authorId,
    type: query.type,
    updatedSince: query.updated_since === undefined ? undefined : Date.parse(query.updated_since),
  });
  const items = page.slice(0, query.limit);
  const last = items.at(-1);
  const nextCursor = page.length > query.limit && last ? encodeCursor({ publishedAt: last.publishedAt, id: last.id }) : null;
  return {
    status: 200,
    body: { items: items.map((item) => trimmed(summaryJson(item), fields)), nextCursor, next: nextCursor && withQuery(url, { cursor: nextCursor }) },
    tags: [...listTags, ...items.map((item) => cacheTags.article(item.id))],
  };
}

function articleAnswer(article: Article | null, url: URL, tagsIfMissing: string[]): ContentAnswer {
  const fields = parseFields(parseQuery(url, ArticleQuerySchema).fields, ARTICLE_FIELDS);
  if (!article) return notFound('No published article is at this address.', tagsIfMissing);
  return {
    status: 200,
    body: trimmed(articleJson(article), fields),
    tags: [
      cacheTags.article(article.id),
      cacheTags.section(article.section.slug),
      ...article.authors.map((a) => cacheTags.author(a.slug)),
      ...article.tags.map((t) => cacheTags.tag(t.slug)),
    ],
  };
}

/** GET /articles/{id}. */
export const getArticle = (id: number, url: URL): ContentAnswer => articleAnswer(getPublishedArticleById(id), url, [cacheTags.article(id)]);

/** GET /sections/{section}/articles/{slug}: by the address readers know. */
export function getArticleByPath(sectionSlug: string, slug: string, url: URL): ContentAnswer {
  const article = getPublishedArticle(slug);
  // An article of another section is not at this address (its own answers at its current one).
  const found = article && article.section.slug === sectionSlug ? article : null;
  // Until it exists, any published change could put it here: the lists' tag covers every publish.
  return articleAnswer(found, url, [cacheTags.feedsAndSitemaps, ...(article ? [cacheTags.article(article.id)] : [])]);
}

/** GET /sections. */
export function listSectionsAnswer(url: URL): ContentAnswer {
  parseQuery(url, NoQuerySchema);
  const items = listSections().map((s) => ({ id: s.id, slug: s.slug, name: s.name, description: s.description, url: absolute(sectionPath(s)) }));
  return { status: 200, body: { items }, tags: [cacheTags.sections] };
}

/** GET /tags: the topics readers can see. */
export function listTagsAnswer(url: URL): ContentAnswer {
  parseQuery(url, NoQuerySchema);
  const items = listTagsInUse().map((t) => ({ id: t.id, slug: t.slug, name: t.name, articleCount: t.articleCount, url: absolute(tagPath(t)) }));
  return { status: 200, body: { items }, tags: [cacheTags.tagIndex, cacheTags.feedsAndSitemaps] };
}

/** GET /authors. */
export function listAuthorsAnswer(url: URL): ContentAnswer {
  parseQuery(url, NoQuerySchema);
  const items = listPublicAuthors().map((a) => ({ ...a, url: absolute(authorPath(a)) }));
  return { status: 200, body: { items }, tags: [cacheTags.authorIndex] };
}

function liveUpdateJson(articleUrl: string, update: PublicLiveUpdate): LiveUpdateJson {
  return {
    id: update.id,
    url: `${articleUrl}#update-${update.id}`,
    title: update.title,
    body: { text: update.body, html: update.bodyHtml },
    byline: update.byline,
    keyEvent: update.keyEvent,
    postedAt: iso(update.postedAt),
    editedAt: update.editedAt === null ? null : iso(update.editedAt),
  };
}

/** GET /live-blogs/{id}: a published live blog's coverage and posted updates, newest first, a page at a time. */
export function getLiveBlogAnswer(id: number, url: URL): ContentAnswer {
  const query = parseQuery(url, LiveBlogQuerySchema);
  let beforeId: number | null = null;
  if (query.cursor !== undefined) {
    const decoded = /^[A-Za-z0-9_-]+$/.test(query.cursor) ? /^u(\d{1,10})$/.exec(Buffer.from(query.cursor, 'base64url').toString('latin1')) : null;
    if (!decoded) throw problem(400, 'The cursor is not one this API gave out.', { errors: [{ field: 'cursor', message: "Pass the previous page's nextCursor unchanged." }] });
    beforeId = Number(decoded[1]);
  }
  const tags = [cacheTags.article(id)];
  const article = getPublishedArticleById(id);
  const blog = article && getPublicLiveBlog(id, { limit: query.limit + 1, beforeId });
  if (!article || !blog) return notFound('No published live blog has this id.', tags);
  const summary = summaryJson(article);
  const updates = blog.updates.slice(0, query.limit);
  const last = updates.at(-1);
  const nextCursor = blog.updates.length > query.limit && last ? Buffer.from(`u${last.id}`).toString('base64url') : null;
  return {
    status: 200,
    body: {
      article: summary,
      live: blog.endedAt === null,
      startedAt: iso(blog.startedAt),
      endedAt: blog.endedAt === null ? null : iso(blog.endedAt),
      updates: updates.map((update) => liveUpdateJson(summary.url, update)),
      nextCursor,
      next: nextCursor && withQuery(url, { cursor: nextCursor }),
    },
    tags: [...tags, cacheTags.section(article.section.slug)],
  };
}

/** GET /front: the home page's front as arranged, or a section's (`?section=`). */
export function getFrontAnswer(url: URL): ContentAnswer {
  const query = parseQuery(url, FrontQuerySchema);
  const section = query.section === undefined ? null : getSection(query.section);
  if (query.section !== undefined && !section) return notFound('No section has this slug.', [cacheTags.sections]);
  const front = arrangeFront(section?.id ?? null, section ? SECTION_SLOTS : HOME_SLOTS);
  const [lead = null, ...topStories] = front.shown;
  return {
    status: 200,
    body: {
      section: section && { slug: section.slug, name: section.name, url: absolute(sectionPath(section)) },
      lead: lead && summaryJson(lead),
      topStories: topStories.map(summaryJson),
    },
    tags: [
      section ? cacheTags.section(section.slug) : cacheTags.home,
      cacheTags.sections,
      ...front.pinnedIds.map(cacheTags.article),
      ...front.shown.map((a) => cacheTags.article(a.id)),
    ],
  };
}
