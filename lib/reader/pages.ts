import { cache } from 'react';
import { getPublishedArticle, listLatestArticles, listListingArticles, listRelatedArticles, type ListingOwner } from '@/db/articles/reads';
import { getAuthor, listAuthors } from '@/db/authors';
import { getBreakingNews, isShowing, type BreakingNews } from '@/db/breaking-news';
import { getSection, listSections } from '@/db/sections';
import { getPublicTag, listTagsInUse } from '@/db/tags';
import type { Author, Paged, Section, Tag } from '@/db/types';
import type { Article, ArticleTeaser } from '@/db/articles/model';
import { listTrendingArticles, TRENDING_SIZE } from '@/db/views';
import { frontKeyOf, listLiveFrontSlots } from '@/db/fronts';
import { fillFrontSlots, HOME_SLOTS, SECTION_SLOTS } from './front-slots';
import { getLiveBlog, listPostedUpdates, type LiveBlog, type LiveUpdate } from '@/db/live-blogs';
import { cacheTags } from '../cache/tags';
import { tagThisPage } from '../cache/page-tags';
import { parsePageNumber } from './page-number';
import { articlePath, isValidSlug } from '../paths';

/**
 * What each reader page shows, loaded through db/ and tagged for the page cache.
 * Wrapped in React's cache() so generateMetadata and the page share one load per render.
 */

const SECTION_BLOCK_SIZE = 4;
const RELATED_SIZE = 4;

const articleTags = (articles: readonly ArticleTeaser[]) => articles.map((a) => cacheTags.article(a.id));

export const loadSections = cache(async (): Promise<Section[]> => {
  await tagThisPage([cacheTags.sections]);
  return listSections();
});

/**
 * The breaking-news banner every reader page shows at its top, or null. Every page carries the banner's
 * tag, so setting, clearing or expiring it re-renders them all (and nothing else invalidates for it).
 */
export const loadBreakingNews = cache(async (): Promise<Pick<BreakingNews, 'text' | 'link'> | null> => {
  await tagThisPage([cacheTags.breakingNews]);
  const banner = getBreakingNews();
  return isShowing(banner, Date.now()) ? { text: banner.text, link: banner.link } : null;
});

/**
 * A front's lead and top stories: the stories editors pinned (db/fronts.ts: only published ones, so an
 * unpublished or trashed story leaves its slot at once), the other slots filled with the newest stories.
 * `pinnedIds` also names pinned stories not live yet: the page carries their tags, so it refreshes when one goes live.
 */
export function arrangeFront(sectionId: number | null, slotCount: number) {
  const { live, pinnedIds } = listLiveFrontSlots(frontKeyOf(sectionId));
  const newest = listLatestArticles({ limit: slotCount, sectionId: sectionId ?? undefined, excludeIds: live.map((slot) => slot.teaser.id) });
  const shown = fillFrontSlots(slotCount, live, newest).flatMap((slot) => (slot ? [slot.teaser] : []));
  return { shown, pinnedIds, curated: live.length > 0 };
}

export const loadFrontPage = cache(async () => {
  const front = arrangeFront(null, HOME_SLOTS);
  const latest = front.shown;
  const [lead = null, ...topStories] = latest;
  const shown = latest.map((a) => a.id);
  const sectionBlocks = listSections()
    .map((section) => ({
      section,
      articles: listLatestArticles({ limit: SECTION_BLOCK_SIZE, sectionId: section.id, excludeIds: shown }),
    }))
    .filter((block) => block.articles.length > 0);
  const trending = listTrendingArticles(TRENDING_SIZE);
  await tagThisPage([
    cacheTags.home,
    cacheTags.trending,
    ...sectionBlocks.map((b) => cacheTags.section(b.section.slug)),
    ...front.pinnedIds.map(cacheTags.article),
    ...articleTags([...latest, ...sectionBlocks.flatMap((b) => b.articles), ...trending]),
  ]);
  return { lead, topStories, sectionBlocks, trending };
});

export type ArticlePageData =
  | {
      kind: 'article';
      article: Article;
      related: ArticleTeaser[];
      trending: ArticleTeaser[];
      /** Its coverage and posted updates (newest first) when the article is a live blog. */
      liveBlog: { coverage: LiveBlog; updates: LiveUpdate[] } | null;
    }
  | { kind: 'moved'; path: string }
  | { kind: 'missing' };

export const loadArticlePage = cache(async (sectionSlug: string, slug: string): Promise<ArticlePageData> => {
  if (!isValidSlug(sectionSlug) || !isValidSlug(slug)) return { kind: 'missing' };
  const article = getPublishedArticle(slug);
  if (!article) return { kind: 'missing' };
  if (article.section.slug !== sectionSlug) return { kind: 'moved', path: articlePath(article) };
  const related = listRelatedArticles(article.id, RELATED_SIZE);
  const trending = listTrendingArticles(TRENDING_SIZE);
  const coverage = getLiveBlog(article.id);
  const liveBlog = coverage && { coverage, updates: listPostedUpdates(article.id) };
  await tagThisPage([
    cacheTags.article(article.id),
    cacheTags.section(article.section.slug),
    cacheTags.trending,
    ...article.authors.map((a) => cacheTags.author(a.slug)),
    ...article.tags.map((t) => cacheTags.tag(t.slug)),
    ...articleTags([...related, ...trending]),
  ]);
  return { kind: 'article', article, related, trending, liveBlog };
});

export interface Listing<Owner> {
  owner: Owner;
  listing: Paged<ArticleTeaser>;
}

/** A paginated list of one thing's articles, or null when the thing or the page does not exist. */
async function loadListing<Owner extends { id: number; slug: string }>(
  slug: string,
  rawPage: string | undefined,
  kind: ListingOwner['kind'],
  find: (slug: string) => Owner | null,
  ownerTag: (slug: string) => string,
): Promise<Listing<Owner> | null> {
  const page = parsePageNumber(rawPage);
  if (page === null || !isValidSlug(slug)) return null;
  const owner = find(slug);
  const listing = owner && listListingArticles({ kind, id: owner.id }, page);
  if (!owner || !listing) return null;
  await tagThisPage([ownerTag(slug), ...articleTags(listing.items)]);
  return { owner, listing };
}

export interface SectionListing extends Listing<Section> {
  /** On the first page of a section whose front editors arranged: its lead and top stories, above the list (which leaves them out). */
  top: ArticleTeaser[] | null;
}

export const loadSectionListing = cache(async (slug: string, rawPage?: string): Promise<SectionListing | null> => {
  const data = await loadListing<Section>(slug, rawPage, 'section', getSection, cacheTags.section);
  if (!data || data.listing.page !== 1) return data && { ...data, top: null };
  const front = arrangeFront(data.owner.id, SECTION_SLOTS);
  await tagThisPage([...front.pinnedIds.map(cacheTags.article), ...articleTags(front.shown)]);
  if (!front.curated) return { ...data, top: null };
  const inTop = new Set(front.shown.map((a) => a.id));
  return { ...data, top: front.shown, listing: { ...data.listing, items: data.listing.items.filter((a) => !inTop.has(a.id)) } };
});

export const loadTagListing = cache((slug: string, rawPage?: string) =>
  loadListing<Tag>(slug, rawPage, 'tag', getPublicTag, cacheTags.tag),
);

export const loadAuthorListing = cache((slug: string, rawPage?: string) =>
  loadListing<Author>(slug, rawPage, 'author', getAuthor, cacheTags.author),
);

export const loadTagIndex = cache(async () => {
  const tags = listTagsInUse();
  await tagThisPage([cacheTags.tagIndex, ...tags.map((t) => cacheTags.tag(t.slug))]);
  return tags;
});

export const loadAuthorIndex = cache(async () => {
  const authors = listAuthors();
  await tagThisPage([cacheTags.authorIndex, ...authors.map((a) => cacheTags.author(a.slug))]);
  return authors;
});

/** How often a live blog's readers' script asks for new updates: LIVE_POLL_MS (tests use a short one), else 20 s. */
export function livePollMs(): number {
  const ms = Number(process.env.LIVE_POLL_MS);
  return Number.isFinite(ms) && ms >= 200 && ms <= 120_000 ? Math.round(ms) : 20_000;
}
