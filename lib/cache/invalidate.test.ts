import { afterEach, describe, expect, it, vi } from 'vitest';
import { effectsOf, inRouteHandler, invalidate, type ArticlePlacement } from './invalidate';
import { rememberedAnswer } from './api-memory';
import { cachedRoutingDecision, forgetRoutingDecisions, rememberedRoutingDecisions } from './routing-memory';
import { cachedLivePoll } from './live-poll-memory';
import { PurgeQueue, type Purger } from './purge';
import { createTestDatabase } from '@/test/support/database';

// Next's cache functions need a request in progress: here, each call is recorded instead.
const calls = vi.hoisted(() => [] as string[]);
vi.mock('next/cache', () => ({
  updateTag: (tag: string) => calls.push(`updateTag ${tag}`),
  revalidateTag: (tag: string, profile: unknown) => calls.push(`revalidateTag ${tag} ${JSON.stringify(profile)}`),
}));

const placement = (overrides: Partial<ArticlePlacement> = {}): ArticlePlacement => ({
  id: 5,
  status: 'published',
  slug: 'talks',
  sectionSlug: 'politics',
  tagSlugs: ['nato'],
  authorSlugs: ['amara-osei'],
  deleted: false,
  ...overrides,
});
const tagsOf = (before: ArticlePlacement | null, after: ArticlePlacement | null) => effectsOf({ kind: 'article', before, after }).tags;

describe('an article change', () => {
  it('invalidates nothing and keeps every routing decision for changes readers cannot see (a draft saved)', () => {
    expect(effectsOf({ kind: 'article', before: placement({ status: 'draft' }), after: placement({ status: 'draft', slug: 'other', tagSlugs: [] }) })).toEqual({
      tags: [],
      forgetRouting: false,
    });
    expect(effectsOf({ kind: 'article', before: null, after: placement({ status: 'draft' }) })).toEqual({ tags: [], forgetRouting: false });
    expect(effectsOf({ kind: 'article', before: placement({ status: 'review' }), after: placement({ status: 'draft' }) })).toEqual({ tags: [], forgetRouting: false });
    expect(effectsOf({ kind: 'article', before: placement({ status: 'draft' }), after: placement({ status: 'scheduled' }) })).toEqual({ tags: [], forgetRouting: false });
  });

  it('invalidates the pages that show a newly published article, and routes afresh (a new address)', () => {
    expect(effectsOf({ kind: 'article', before: placement({ status: 'review' }), after: placement() })).toEqual({
      tags: ['article:5', 'author:amara-osei', 'feeds-and-sitemaps', 'home', 'section:politics', 'tag:nato', 'tags'].sort(),
      forgetRouting: true,
    });
    expect(effectsOf({ kind: 'article', before: placement({ status: 'scheduled' }), after: placement() }).forgetRouting).toBe(true);
  });

  it('invalidates the feeds and sitemaps for every change a reader could see, and only those', () => {
    expect(tagsOf(placement(), placement({ tagSlugs: [] }))).toContain('feeds-and-sitemaps');
    expect(tagsOf(placement(), placement({ status: 'archived' }))).toContain('feeds-and-sitemaps');
    expect(tagsOf(placement({ status: 'draft' }), placement({ status: 'scheduled' }))).not.toContain('feeds-and-sitemaps');
  });

  it('invalidates where the article was and where it is, when it moves, and routes afresh', () => {
    const effects = effectsOf({
      kind: 'article',
      before: placement(),
      after: placement({ sectionSlug: 'world', tagSlugs: ['europe'], authorSlugs: ['tom-haddad'] }),
    });
    for (const tag of ['section:politics', 'section:world', 'tag:nato', 'tag:europe', 'author:amara-osei', 'author:tom-haddad']) {
      expect(effects.tags).toContain(tag);
    }
    expect(effects.forgetRouting).toBe(true);
    expect(effectsOf({ kind: 'article', before: placement(), after: placement({ slug: 'renamed' }) }).forgetRouting).toBe(true);
  });

  it('re-renders a live article whose text changed, but keeps the routing (same addresses)', () => {
    const effects = effectsOf({ kind: 'article', before: placement(), after: placement({ tagSlugs: ['nato'] }) });
    expect(effects.tags).toContain('article:5');
    expect(effects.forgetRouting).toBe(false);
  });

  it('invalidates the pages that showed an article being unpublished or trashed, and routes afresh', () => {
    expect(effectsOf({ kind: 'article', before: placement(), after: placement({ status: 'draft' }) })).toMatchObject({ forgetRouting: true });
    expect(tagsOf(placement(), placement({ status: 'draft' }))).toContain('article:5');
    expect(tagsOf(placement(), null)).toContain('section:politics');
    expect(effectsOf({ kind: 'article', before: placement(), after: placement({ status: 'draft', deleted: true }) }).forgetRouting).toBe(true);
    // Restored from the trash (as a draft): its old address stops answering 410.
    expect(effectsOf({ kind: 'article', before: placement({ status: 'draft', deleted: true }), after: placement({ status: 'draft' }) })).toEqual({
      tags: [],
      forgetRouting: true,
    });
  });
});

describe('a section, tag, author or image change', () => {
  it('a section: the navigation and its page at each address; routes afresh only when an address changes', () => {
    expect(effectsOf({ kind: 'section', before: null, after: 'science' })).toEqual({ tags: ['section:science', 'sections'], forgetRouting: true });
    expect(effectsOf({ kind: 'section', before: 'world', after: 'world' })).toEqual({ tags: ['section:world', 'sections'], forgetRouting: false });
    expect(effectsOf({ kind: 'section', before: 'world', after: 'globe' })).toEqual({ tags: ['section:globe', 'section:world', 'sections'], forgetRouting: true });
    expect(effectsOf({ kind: 'section', before: 'world', after: null })).toEqual({ tags: ['section:world', 'sections'], forgetRouting: true });
  });

  it('a tag: its page at each address, the A-Z and its articles; routes afresh on a new slug or a merge', () => {
    expect(effectsOf({ kind: 'tag', before: 'nato', after: 'nato', merged: false, publishedArticleIds: [3] })).toEqual({
      tags: ['article:3', 'tag:nato', 'tags'],
      forgetRouting: false,
    });
    expect(effectsOf({ kind: 'tag', before: 'nato', after: 'alliance', merged: false, publishedArticleIds: [] })).toEqual({
      tags: ['tag:alliance', 'tag:nato', 'tags'],
      forgetRouting: true,
    });
    expect(effectsOf({ kind: 'tag', before: 'eu', after: 'europe', merged: true, publishedArticleIds: [1, 2] })).toEqual({
      tags: ['article:1', 'article:2', 'tag:eu', 'tag:europe', 'tags'],
      forgetRouting: true,
    });
  });

  it('an author: the A-Z for a new one; their page, the A-Z and their bylines for an edit', () => {
    expect(effectsOf({ kind: 'author', before: null, after: 'new-writer', publishedArticleIds: [] })).toEqual({ tags: ['authors'], forgetRouting: true });
    expect(effectsOf({ kind: 'author', before: 'tom', after: 'tom', publishedArticleIds: [7] })).toEqual({
      tags: ['article:7', 'author:tom', 'authors'],
      forgetRouting: false,
    });
    expect(effectsOf({ kind: 'author', before: 'tom', after: 'tom-haddad', publishedArticleIds: [] }).forgetRouting).toBe(true);
  });

  it('an image: the articles and author pages that show it; no address changes', () => {
    expect(effectsOf({ kind: 'media', publishedArticleIds: [4], authorSlugs: ['tom'], liveUpdatesRendered: false })).toEqual({ tags: ['article:4', 'author:tom'], forgetRouting: false });
  });

  it('the breaking-news banner: only the banner tag every reader page carries (not feeds, sitemaps or the front alone); no address changes', () => {
    expect(effectsOf({ kind: 'breaking-news' })).toEqual({ tags: ['breaking-news'], forgetRouting: false });
  });
});

describe('a front page arranged', () => {
  it('the home page: only its own tag; no address changes', () => {
    expect(effectsOf({ kind: 'front', sectionSlug: null })).toEqual({ tags: ['home'], forgetRouting: false });
  });

  it("a section front: only the section's tag (its page, and its block on the home page)", () => {
    expect(effectsOf({ kind: 'front', sectionSlug: 'politics' })).toEqual({ tags: ['section:politics'], forgetRouting: false });
  });

  // Fronts carry the article tag of every story pinned on them, live or not (lib/reader/pages.ts), so the
  // article's own change reaches a front in any section.
  it('a pinned story going live (scheduled → published) reaches the home page, its section and its article tag', () => {
    const tags = tagsOf(placement({ status: 'scheduled' }), placement());
    for (const tag of ['home', 'section:politics', 'article:5']) expect(tags).toContain(tag);
  });

  it('a pinned story unpublished or trashed reaches the home page, its section and its article tag', () => {
    for (const after of [placement({ status: 'draft' }), placement({ status: 'draft', deleted: true }), null]) {
      const tags = tagsOf(placement(), after);
      for (const tag of ['home', 'section:politics', 'article:5']) expect(tags).toContain(tag);
    }
  });
});

describe('invalidate', () => {
  afterEach(() => {
    calls.length = 0;
    forgetRoutingDecisions();
  });
  const remember = () => cachedRoutingDecision('/politics/talks', () => ({ rewrite: '/politics/talks' }));

  it('purges the same tags at the caches in front, and every answer about an address when an address may have moved', async () => {
    const purged: string[][] = [];
    const purger: Purger = { name: 'recorder', maxKeys: 100, maxBytes: 10_000, softPurges: false, purge: async (keys) => void purged.push([...keys]) };
    const { db, cleanup } = createTestDatabase();
    const queue = new PurgeQueue([purger], { db: () => db });
    const global = globalThis as { [key: symbol]: unknown };
    global[Symbol.for('news.cache.purgeQueue')] = queue;
    try {
      // Outside a request (no Next `after`), the purge is queued at once.
      invalidate({ kind: 'article', before: null, after: placement() }, 'route-handler');
      invalidate({ kind: 'breaking-news' }, 'route-handler');
      await queue.idle();
      expect(purged).toEqual([
        ['addresses', 'article:5', 'author:amara-osei', 'breaking-news', 'feeds-and-sitemaps', 'home', 'section:politics', 'tag:nato', 'tags'],
      ]);
    } finally {
      delete global[Symbol.for('news.cache.purgeQueue')];
      await queue.stop();
      cleanup();
    }
  });

  it('uses updateTag in a server action and revalidateTag with immediate expiry in a route handler', () => {
    const change = { kind: 'media', publishedArticleIds: [4], authorSlugs: [], liveUpdatesRendered: false } as const;
    invalidate(change, 'server-action');
    invalidate(change, 'route-handler');
    expect(calls).toEqual(['updateTag article:4', 'revalidateTag article:4 {"expire":0}']);
  });

  it('a use case written for server actions, run by the Admin API inside inRouteHandler, expires tags as a route handler must', () => {
    const change = { kind: 'media', publishedArticleIds: [4], authorSlugs: [], liveUpdatesRendered: false } as const;
    inRouteHandler(() => invalidate(change, 'server-action'));
    expect(calls).toEqual(['revalidateTag article:4 {"expire":0}']);
  });

  it('forgets exactly the Content API answers that carry a tag the change names', () => {
    const answer = (body: string, tags: string[]) => () => ({ status: 200, body, tags });
    rememberedAnswer('/a', answer('a1', ['article:4', 'feeds-and-sitemaps']));
    rememberedAnswer('/b', answer('b1', ['article:9']));
    invalidate({ kind: 'media', publishedArticleIds: [4], authorSlugs: [], liveUpdatesRendered: false }, 'route-handler');
    expect(rememberedAnswer('/a', answer('a2', [])).body).toBe('a2');
    expect(rememberedAnswer('/b', answer('b2', [])).body).toBe('b1');
  });

  it('a banner set in the newsroom or expired by the scheduler expires the banner tag and keeps the routing', () => {
    remember();
    invalidate({ kind: 'breaking-news' }, 'server-action');
    invalidate({ kind: 'breaking-news' }, 'route-handler');
    expect(calls).toEqual(['updateTag breaking-news', 'revalidateTag breaking-news {"expire":0}']);
    expect(rememberedRoutingDecisions()).toBe(1);
  });

  it('keeps the routing decisions for a draft save, and forgets them for a publish', () => {
    remember();
    invalidate({ kind: 'article', before: placement({ status: 'draft' }), after: placement({ status: 'draft', slug: 'renamed' }) }, 'server-action');
    expect(calls).toEqual([]);
    expect(rememberedRoutingDecisions()).toBe(1);
    invalidate({ kind: 'article', before: placement({ status: 'draft' }), after: placement() }, 'server-action');
    expect(rememberedRoutingDecisions()).toBe(0);
  });
});

describe('a live blog change', () => {
  it('invalidates the blog’s page and the feeds for an update; the fronts too when the LIVE label appears or goes', () => {
    expect(effectsOf({ kind: 'live-blog', article: placement(), labelChanged: false })).toEqual({ tags: ['article:5', 'feeds-and-sitemaps'], forgetRouting: false });
    expect(effectsOf({ kind: 'live-blog', article: placement(), labelChanged: true })).toEqual({
      tags: ['article:5', 'feeds-and-sitemaps', 'home', 'section:politics'],
      forgetRouting: false,
    });
  });

  it('invalidates nothing for a live blog readers cannot see (unpublished, in the trash, gone)', () => {
    const nothing = { tags: [], forgetRouting: false };
    expect(effectsOf({ kind: 'live-blog', article: placement({ status: 'draft' }), labelChanged: true })).toEqual(nothing);
    expect(effectsOf({ kind: 'live-blog', article: placement({ deleted: true }), labelChanged: true })).toEqual(nothing);
    expect(effectsOf({ kind: 'live-blog', article: null, labelChanged: false })).toEqual(nothing);
  });

  it('forgets the poll’s remembered answers on a live-blog or article change, not on others', () => {
    cachedLivePoll('5:0', () => 'first');
    invalidate({ kind: 'section', before: 'a', after: 'a' }, 'server-action');
    expect(cachedLivePoll('5:0', () => 'second')?.body).toBe('first');
    invalidate({ kind: 'live-blog', article: placement({ status: 'draft' }), labelChanged: false }, 'server-action');
    expect(cachedLivePoll('5:0', () => 'third')?.body).toBe('third');
    invalidate({ kind: 'article', before: placement({ status: 'draft' }), after: placement({ status: 'draft' }) }, 'server-action');
    expect(cachedLivePoll('5:0', () => 'fourth')?.body).toBe('fourth');
  });
});
