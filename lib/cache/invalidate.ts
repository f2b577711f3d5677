import { AsyncLocalStorage } from 'node:async_hooks';
import { revalidateTag, updateTag } from 'next/cache';
import { oncePerProcess } from '../process-state';
import type { ArticleStatus } from '@/db/schema';
import { forgetApiAnswers } from './api-memory';
import { forgetLivePolls } from './live-poll-memory';
import { purgeAfterResponse, purgeKeysOf } from './purge';
import { forgetRoutingDecisions } from './routing-memory';
import { cacheTags } from './tags';
import { tellOtherWorkers } from '../worker-bus';

/**
 * The one place that decides what a change to the site's content makes stale: which cached reader
 * pages (by their cache tags, named in ./tags.ts) and whether the server's remembered routing decisions
 * (./routing-memory.ts) must go. Every writer describes its change and calls `invalidate`: the newsroom's
 * use cases (lib/newsroom/use-cases/), the scheduler's publish included.
 */

/** What decides which reader pages show an article, and at which address. */
export interface ArticlePlacement {
  id: number;
  status: ArticleStatus;
  slug: string;
  sectionSlug: string;
  tagSlugs: readonly string[];
  authorSlugs: readonly string[];
  /** In the trash. */
  deleted: boolean;
}

export type Change =
  /** An article saved, published, scheduled, unpublished, trashed, restored or corrected. Null: did not exist / no longer exists. */
  | { kind: 'article'; before: ArticlePlacement | null; after: ArticlePlacement | null }
  /** A section created (before null), edited, or deleted (after null); by slug. */
  | { kind: 'section'; before: string | null; after: string | null }
  /** A tag renamed (slug before → after) or merged (`merged`: before's articles moved to after, before deleted). */
  | { kind: 'tag'; before: string; after: string; merged: boolean; publishedArticleIds: readonly number[] }
  /** An author created (before null) or edited; by slug. */
  | { kind: 'author'; before: string | null; after: string; publishedArticleIds: readonly number[] }
  /** An image's text edited: the pages that show it. */
  | {
      kind: 'media';
      publishedArticleIds: readonly number[];
      authorSlugs: readonly string[];
      /** Whether a live blog's update showing it was rendered again (the polls' remembered answers carry it). */
      liveUpdatesRendered: boolean;
    }
  /** The breaking-news banner set, changed, cleared or expired: every reader page shows it, nothing else changes. */
  | { kind: 'breaking-news' }
  /** A front page's arrangement saved: the home page's (sectionSlug null) or a section's. */
  | { kind: 'front'; sectionSlug: string | null }
  /**
   * A live blog's update posted, edited or deleted, or its coverage started or ended (`labelChanged`: the
   * LIVE label appeared or went). `article`: where the blog's article is shown (null: it no longer exists).
   */
  | { kind: 'live-blog'; article: ArticlePlacement | null; labelChanged: boolean };

export interface Effects {
  /** The cache tags of the reader pages that showed or now show what changed, sorted. */
  tags: string[];
  /** Whether an address may have appeared, moved or gone (every routing decision is then made afresh). */
  forgetRouting: boolean;
}

const NOTHING: Effects = { tags: [], forgetRouting: false };

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && new Set([...a, ...b]).size === new Set(a).size;

/** The cache tags to invalidate when an article changes: only a change that a reader could see counts. */
function articleTags(before: ArticlePlacement | null, after: ArticlePlacement | null): string[] {
  const visible = [before, after].filter((p): p is ArticlePlacement => p?.status === 'published');
  if (visible.length === 0) return [];
  const tags = new Set<string>([cacheTags.home, cacheTags.feedsAndSitemaps]);
  for (const placement of visible) {
    tags.add(cacheTags.article(placement.id));
    tags.add(cacheTags.section(placement.sectionSlug));
    for (const tag of placement.tagSlugs) tags.add(cacheTags.tag(tag));
    if (placement.tagSlugs.length > 0) tags.add(cacheTags.tagIndex);
    for (const author of placement.authorSlugs) tags.add(cacheTags.author(author));
  }
  return [...tags];
}

/**
 * Whether an article's change can alter what an address answers: it goes live or stops being live, moves
 * (slug, section), joins or leaves a topic's or writer's listing (whose page count is an address), or
 * enters or leaves the trash (a deleted published article answers 410). A text edit does not.
 */
function articleMovesAnAddress(before: ArticlePlacement | null, after: ArticlePlacement | null): boolean {
  if ((before?.deleted ?? false) !== (after?.deleted ?? false)) return true;
  const live = (p: ArticlePlacement | null) => p?.status === 'published';
  if (!before || !after) return live(before) || live(after);
  if (live(before) !== live(after)) return true;
  if (!live(after)) return false;
  return (
    before.slug !== after.slug ||
    before.sectionSlug !== after.sectionSlug ||
    !sameSet(before.tagSlugs, after.tagSlugs) ||
    !sameSet(before.authorSlugs, after.authorSlugs)
  );
}

/** What `change` makes stale. Pure: unit-tested for every kind of change. */
export function effectsOf(change: Change): Effects {
  const sorted = (tags: Iterable<string>) => [...new Set(tags)].sort();
  switch (change.kind) {
    case 'article': {
      const tags = articleTags(change.before, change.after);
      const forgetRouting = articleMovesAnAddress(change.before, change.after);
      return tags.length === 0 && !forgetRouting ? NOTHING : { tags: sorted(tags), forgetRouting };
    }
    case 'section':
      // The navigation on every page, and the section's page at each address it has had.
      return {
        tags: sorted([cacheTags.sections, ...[change.before, change.after].flatMap((slug) => (slug === null ? [] : [cacheTags.section(slug)]))]),
        forgetRouting: change.before !== change.after,
      };
    case 'tag':
      // Its page (at each address it has had), the A-Z index, and its published articles.
      return {
        tags: sorted([cacheTags.tag(change.before), cacheTags.tag(change.after), cacheTags.tagIndex, ...change.publishedArticleIds.map(cacheTags.article)]),
        forgetRouting: change.merged || change.before !== change.after,
      };
    case 'author':
      // A new author has no page anyone links to yet, only a place in the A-Z (and an address).
      if (change.before === null) return { tags: [cacheTags.authorIndex], forgetRouting: true };
      return {
        tags: sorted([
          cacheTags.author(change.before),
          cacheTags.author(change.after),
          cacheTags.authorIndex,
          ...change.publishedArticleIds.map(cacheTags.article),
        ]),
        forgetRouting: change.before !== change.after,
      };
    case 'media':
      return {
        tags: sorted([...change.publishedArticleIds.map(cacheTags.article), ...change.authorSlugs.map(cacheTags.author)]),
        forgetRouting: false,
      };
    case 'breaking-news':
      return { tags: [cacheTags.breakingNews], forgetRouting: false };
    case 'front':
      // Only the page that shows the arrangement: no address appears or goes.
      return { tags: [change.sectionSlug === null ? cacheTags.home : cacheTags.section(change.sectionSlug)], forgetRouting: false }
    case 'live-blog': {
      // Its page, and the feeds that date it by its latest update; lists showing it carry its article tag
      // (the LIVE label on teasers), and the fronts are named too when the label appears or goes.
      const article = change.article;
      if (article?.status !== 'published' || article.deleted) return NOTHING;
      const tags = [cacheTags.article(article.id), cacheTags.feedsAndSitemaps];
      if (change.labelChanged) tags.push(cacheTags.home, cacheTags.section(article.sectionSlug));
      return { tags: sorted(tags), forgetRouting: false };
    }
  }
}

/**
 * Where the change was made. Next 16 allows `updateTag` (read-your-own-writes: the next request waits
 * for a fresh render) only inside a Server Action and throws in a Route Handler; there,
 * `revalidateTag(tag, { expire: 0 })` expires the tag at once instead.
 */
export type Caller = 'server-action' | 'route-handler';

/**
 * Use cases written for the newsroom's server actions say so (`'server-action'`); the Admin API runs the very
 * same use cases in route handlers (app/api/v1/admin/), inside this scope, where `updateTag` would throw.
 */
const routeHandlerScope = oncePerProcess('route handler scope', () => new AsyncLocalStorage<true>());
export const inRouteHandler = <T>(run: () => T): T => routeHandlerScope.run(true, run);

/** Makes stale what `change` touched, here and in the caches in front of the site; returns what that was. */
export function invalidate(change: Change, declaredCaller: Caller): Effects {
  const caller: Caller = routeHandlerScope.getStore() ? 'route-handler' : declaredCaller;
  const effects = effectsOf(change);
  // This process's memories at once, every other worker's through the bus (ADR 0020). Next's own page
  // cache is not ours to tell: the tags below reach it, and its cache handler shares them.
  if (effects.forgetRouting) {
    forgetRoutingDecisions();
    tellOtherWorkers({ kind: 'forget-routing' });
  }
  // The live-update poll's remembered answers (app/api/live/): any article or live-blog change may alter one.
  if (change.kind === 'article' || change.kind === 'live-blog' || (change.kind === 'media' && change.liveUpdatesRendered)) {
    forgetLivePolls();
    tellOtherWorkers({ kind: 'forget-live-polls' });
  }
  // The Content API's remembered answers carry the same tags as the pages showing the same things.
  if (effects.tags.length > 0) {
    forgetApiAnswers(effects.tags);
    tellOtherWorkers({ kind: 'forget-api-answers', tags: effects.tags });
  }
  for (const tag of effects.tags) {
    if (caller === 'server-action') updateTag(tag);
    else revalidateTag(tag, { expire: 0 });
  }
  // The same pages in the caches in front of the site (Varnish, a CDN), once the response is on its way (./purge.ts).
  purgeAfterResponse(purgeKeysOf(effects));
  return effects;
}
