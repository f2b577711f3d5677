import { beforeEach, describe, expect, it } from 'vitest';
import { PAGE_SIZE } from '@/db/articles/reads';
import type { Db } from '@/db/client';
import { testArticleFields } from '@/test/support/database-fixtures';
import { addTestArticle, withTestDatabase } from '@/test/support/database';
import { updateArticle } from '@/db/articles/writes';
import { createUser } from '@/db/users';
import { moveArticleToTrash } from '@/db/articles/writes';
import { RESERVED_SECTION_SLUGS } from '@/lib/newsroom/slug-rules';
import { routeFinder } from './next-routes';
import { NOT_FOUND_PATH, parseReaderUrl, REMOVED_ARTICLE_PATH, routeReaderRequest } from './reader-routing';

/** This app's routes, as its build's routes manifest lists them. */
const findRoute = routeFinder([
  '/', '/admin', '/admin/account', '/admin/articles', '/admin/articles/new', '/admin/login', '/admin/media', '/api/internal/publish-due',
  '/api/views', '/atom.xml', '/authors', '/feed.json', '/icon.png', '/logo.png', '/removed-article', '/robots.txt', '/rss.xml', '/search',
  '/sitemap.xml', '/tags', '/admin/articles/[id]', '/admin/articles/[id]/revisions', '/admin/media/[id]', '/authors/[author]',
  '/authors/[author]/page/[page]', '/media/[file]', '/preview/[id]', '/share/[image]', '/sitemaps/[file]', '/tags/[tag]',
  '/tags/[tag]/page/[page]', '/[section]', '/[section]/atom.xml', '/[section]/feed.json', '/[section]/page/[page]', '/[section]/rss.xml',
  '/[section]/[slug]',
]);

describe('parseReaderUrl', () => {
  it.each([
    ['/', undefined, { kind: 'home' }],
    ['/politics', undefined, { kind: 'listing', owner: 'section', slug: 'politics', page: 1 }],
    ['/politics', '3', { kind: 'listing', owner: 'section', slug: 'politics', page: 3 }],
    ['/politics/a-story', undefined, { kind: 'article', section: 'politics', slug: 'a-story' }],
    ['/tags', undefined, { kind: 'tag-index' }],
    ['/tags/nato', '2', { kind: 'listing', owner: 'tag', slug: 'nato', page: 2 }],
    ['/authors', undefined, { kind: 'author-index' }],
    ['/authors/amara-osei', 'abc', { kind: 'listing', owner: 'author', slug: 'amara-osei', page: 1 }],
    ['/search', '2', { kind: 'search' }],
  ])('%s ?page=%s', (path, page, route) => {
    expect(parseReaderUrl(path, page)).toEqual(route);
  });

  it.each(['/Politics', '/politics/', '/politics/A', '/a/b/c', '/politics/page/2', '/politics/%C3%28', '/politics/caf%C3%A9', `/${'a'.repeat(121)}`, '//x', '/search/x'])(
    'cannot name a reader page: %s',
    (path) => expect(parseReaderUrl(path, undefined)).toBeNull(),
  );

  it('reserves the first segments the reader router gives to its own pages', () => {
    // If the router claims a new top-level word, it belongs in RESERVED_SECTION_SLUGS too.
    for (const word of ['tags', 'authors']) {
      expect(parseReaderUrl(`/${word}`, undefined)?.kind).not.toBe('listing');
      expect(RESERVED_SECTION_SLUGS).toContain(word);
    }
  });
});

describe('routeReaderRequest', () => {
  const database = withTestDatabase();
  let db: Db;
  beforeEach(() => {
    db = database();
  });
  const route = (url: string) => {
    const decision = routeReaderRequest(url, findRoute, db);
    return 'rewrite' in decision ? decision.rewrite : `301 ${decision.redirect}`;
  };

  it('passes framework, API, media and root files through untouched', () => {
    for (const url of ['/_next/static/x.js', '/_next/image?url=x', '/api/views', '/media/a.webp', '/share/1-2.png', '/robots.txt', '/admin', '/admin/login', '/admin/articles/12?done=saved', '/preview/3', '/sitemap.xml', '/rss.xml', '/feed.json']) {
      expect(route(url)).toBe(url);
    }
  });

  it("sends to the 404 what would pass through to a section's route, which would cache a 404 per address", () => {
    for (const url of ['/admin/x', '/api/x', '/admin/page/3', '/api/page/3', '/media/page/3', '/share/page/3', '/preview/page/3', '/admin/rss.xml', '/api/feed.json', '/favicon.ico', '/x.txt', '/_next/x', '/_next/x/y', '/admin/no/such/page']) {
      expect(route(url)).toBe(NOT_FOUND_PATH);
    }
  });

  it('sends what exists to its page, keeping other query parameters', () => {
    addTestArticle(db, { slug: 'a-story', tagNames: ['Nato'] });
    expect(route('/')).toBe('/');
    expect(route('/politics?utm_source=x')).toBe('/politics?utm_source=x');
    expect(route('/politics/a-story')).toBe('/politics/a-story');
    expect(route('/world/a-story')).toBe('301 /politics/a-story');
    expect(route('/tags/nato')).toBe('/tags/nato');
    expect(route('/authors/reporter?page=1')).toBe('/authors/reporter');
  });

  it('rewrites later pages to their own path, and sends pages past the end to the 404', () => {
    for (let i = 0; i < PAGE_SIZE + 1; i++) addTestArticle(db);
    expect(route('/politics?page=2')).toBe('/politics/page/2');
    expect(route('/politics?page=3')).toBe(NOT_FOUND_PATH);
    expect(route('/world?page=2')).toBe(NOT_FOUND_PATH);
    expect(route('/politics?page=0')).toBe('/politics');
    expect(route('/politics?page=2&page=3')).toBe('/politics');
  });

  it('sends a trailing slash or capitals to the one canonical address, in one hop, keeping the query', () => {
    addTestArticle(db, { slug: 'a-story' });
    for (let i = 0; i < PAGE_SIZE; i++) addTestArticle(db);
    expect(route('/politics/')).toBe('301 /politics');
    expect(route('/Politics/A-Story?utm_source=x')).toBe('301 /politics/a-story?utm_source=x');
    expect(route('/WORLD/a-story/')).toBe('301 /politics/a-story');
    expect(route('/Politics?page=2')).toBe('301 /politics?page=2');
    expect(route('/TAGS/')).toBe('301 /tags');
    expect(route('//')).toBe('301 /');
    // Only what exists is redirected; a variant of a missing page is simply missing.
    expect(route('/Nope/')).toBe(NOT_FOUND_PATH);
  });

  it('answers 410 Gone for an article that was live and is now deleted, and 404 for one never published', () => {
    const live = addTestArticle(db, { slug: 'was-live' });
    const scheduled = addTestArticle(db, { slug: 'never-live', status: 'scheduled', publishedAt: Date.now() + 86_400_000 });
    moveArticleToTrash(db, live, Date.now());
    moveArticleToTrash(db, scheduled, Date.now());
    expect(routeReaderRequest('/politics/was-live', findRoute, db)).toEqual({ rewrite: REMOVED_ARTICLE_PATH, status: 410 });
    expect(routeReaderRequest('/Politics/was-live/', findRoute, db)).toEqual({ rewrite: REMOVED_ARTICLE_PATH, status: 410 });
    expect(route('/world/was-live')).toBe(NOT_FOUND_PATH);
    expect(route('/politics/never-live')).toBe(NOT_FOUND_PATH);
  });

  it('sends search, with its whole query and page number, to the search page', () => {
    expect(route('/search')).toBe('/search');
    expect(route('/search?q=budget+vote&section=politics&page=2')).toBe('/search?q=budget+vote&section=politics&page=2');
    expect(route('/search/?q=%22%3Cscript%3E&page=abc')).toBe('301 /search?q=%22%3Cscript%3E&page=abc');
    expect(route('/search/more?q=x')).toBe(NOT_FOUND_PATH);
  });

  it('sends a tag without a published article to the 404: a draft, a scheduled story or the trash do not make a topic page', () => {
    addTestArticle(db, { tagNames: ['Secret Merger'], status: 'draft', publishedAt: null });
    addTestArticle(db, { tagNames: ['Coming Soon'], status: 'scheduled', publishedAt: Date.now() + 86_400_000 });
    const trashed = addTestArticle(db, { tagNames: ['Old Topic'] });
    moveArticleToTrash(db, trashed, Date.now());
    for (const url of ['/tags/secret-merger', '/tags/coming-soon', '/tags/old-topic', '/tags/secret-merger?page=2']) {
      expect(route(url)).toBe(NOT_FOUND_PATH);
    }
    addTestArticle(db, { tagNames: ['Secret Merger'] });
    expect(route('/tags/secret-merger')).toBe('/tags/secret-merger');
  });

  it('sends missing and unpublished things to the 404', () => {
    addTestArticle(db, { slug: 'draft', status: 'draft', publishedAt: null });
    for (const url of ['/nope', '/politics/nope', '/politics/draft', '/tags/nope', '/authors/nope', '/politics/page/1', '/x/y/z', '/%FF']) {
      expect(route(url)).toBe(NOT_FOUND_PATH);
    }
  });

  it('sends a path whose escapes are not UTF-8 to the 404, also where it would pass through', () => {
    for (const url of ['/media/%FF', '/share/%C0%AF.png', '/admin/%E2%82', '/api/%', '/_next/%zz', '/preview/%ED%A0%80', '/%FF.xml?x=1', '/politics/%FE%FF/rss.xml']) {
      expect(route(url)).toBe(NOT_FOUND_PATH);
    }
    // Bad escapes in the query are no reason to refuse: it is read as text, an unreadable byte as U+FFFD.
    expect(route('/media/a.webp?v=%FF')).toBe('/media/a.webp?v=%FF');
    expect(route('/search?q=%FF')).toBe('/search?q=%EF%BF%BD');
  });
});

describe('feeds of sections and child sitemaps', () => {
  const database = withTestDatabase();
  const route = (url: string) => {
    const decision = routeReaderRequest(url, findRoute, database());
    return 'rewrite' in decision ? decision.rewrite : `301 ${decision.redirect}`;
  };

  it("pass through when the section exists or the sitemap's name is one we give", () => {
    for (const url of [
      '/politics/rss.xml',
      '/world/atom.xml',
      '/politics/feed.json?utm_source=app',
      '/sitemaps/pages.xml',
      '/sitemaps/news.xml',
      '/sitemaps/tags.xml',
      '/sitemaps/authors-2.xml',
      '/sitemaps/articles-2026-11.xml',
      '/sitemaps/articles-2026-11-2.xml',
    ]) {
      expect(route(url)).toBe(url);
    }
  });

  it('send unknown sections, unknown feed files and impossible sitemap names to the 404', () => {
    for (const url of [
      '/nope/rss.xml',
      '/Politics/rss.xml',
      '/politics/rss2.xml',
      '/politics/feed.xml',
      '/tags/rss.xml',
      '/sitemaps/nope.xml',
      '/sitemaps/articles-2026-13.xml',
      '/sitemaps/articles-2026-11-1.xml',
      '/sitemaps/articles-2026-11-1000.xml',
      '/sitemaps/pages.xml/x',
      '/politics/a-story/rss.xml',
    ]) {
      expect(route(url)).toBe(NOT_FOUND_PATH);
    }
  });
});

describe('old article addresses', () => {
  const database = withTestDatabase();
  it('redirect once to where a published article is now, however often it moved', () => {
    const db = database();
    const id = addTestArticle(db, { slug: 'first-name' });
    const fields = (slug: string, sectionId: number) => testArticleFields(db, { slug, sectionId, headline: 'Headline here' });

    const context = { userId: createUser({ email: 'e@example.com', name: 'E', role: 'editor', passwordHash: 'x' }, db), now: Date.now() };
    const world = db.$client.prepare("select id from sections where slug = 'world'").pluck().get() as number;
    const politics = db.$client.prepare("select id from sections where slug = 'politics'").pluck().get() as number;
    expect(updateArticle(db, { articleId: id, expectedVersion: 1, fields: fields('second-name', politics), kind: 'save' }, { status: 'published' }, context)).toEqual({ ok: true, version: 2 });
    expect(updateArticle(db, { articleId: id, expectedVersion: 2, fields: fields('third-name', world), kind: 'save' }, { status: 'published' }, context)).toEqual({ ok: true, version: 3 });
    const go = (url: string) => routeReaderRequest(url, findRoute, db);
    expect(go('/politics/first-name')).toEqual({ redirect: '/world/third-name' });
    expect(go('/politics/second-name?utm_source=x')).toEqual({ redirect: '/world/third-name?utm_source=x' });
    expect(go('/world/third-name')).toEqual({ rewrite: '/world/third-name' });

    // Unpublished, its old addresses go nowhere.
    expect(updateArticle(db, { articleId: id, expectedVersion: 3, fields: fields('third-name', world), kind: 'save' }, { status: 'draft' }, context).ok).toBe(true);
    expect(go('/politics/first-name')).toEqual({ rewrite: NOT_FOUND_PATH });
  });
});
