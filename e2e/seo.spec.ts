import { expect, test, type APIRequestContext, type APIResponse, type Page } from '@playwright/test';
import { ARTICLE_PATH } from './helpers';
import { e2eBaseUrl, HOSTILE_SLUG, REMOVED_SLUG } from './site';

/** What search engines and social sites read from each public page type: head tags, JSON-LD, statuses, headers. */

type JsonLdNode = Record<string, unknown> & { '@type': string };

/** The page's one JSON-LD script, parsed; its nodes by type. */
async function jsonLdOf(page: Page): Promise<Map<string, JsonLdNode>> {
  const scripts = page.locator('script[type="application/ld+json"]');
  await expect(scripts).toHaveCount(1);
  const data = JSON.parse((await scripts.textContent()) ?? '') as { '@context': string; '@graph': JsonLdNode[] };
  expect(data['@context']).toBe('https://schema.org');
  return new Map(data['@graph'].map((node) => [node['@type'], node]));
}

const meta = (page: Page, key: string) => page.locator(`meta[property="${key}"], meta[name="${key}"]`);
const absolute = (path: string) => `${e2eBaseUrl}${path}`;

/** The tags every indexable public page has, with the share image they name. */
async function expectSocialTags(page: Page, { path, type }: { path: string; type: 'website' | 'article' }) {
  const canonical = path === '/' ? e2eBaseUrl : absolute(path);
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', canonical);
  await expect(meta(page, 'og:url')).toHaveAttribute('content', canonical);
  await expect(meta(page, 'og:type')).toHaveAttribute('content', type);
  await expect(meta(page, 'og:site_name')).toHaveAttribute('content', 'CRBC News');
  await expect(meta(page, 'og:title')).toHaveAttribute('content', /\S/);
  await expect(meta(page, 'og:description')).toHaveAttribute('content', /.{20,}/);
  await expect(meta(page, 'twitter:card')).toHaveAttribute('content', 'summary_large_image');
  await expect(meta(page, 'robots')).toHaveAttribute('content', 'index, follow, max-image-preview:large');
  const image = await meta(page, 'og:image').getAttribute('content');
  expect(image).toMatch(new RegExp(`^${e2eBaseUrl}/share/`));
  await expect(meta(page, 'og:image:width')).toHaveAttribute('content', '1200');
  await expect(meta(page, 'og:image:height')).toHaveAttribute('content', '630');
  await expect(meta(page, 'twitter:image')).toHaveAttribute('content', image ?? '');
  return image ?? '';
}

/** A PNG's size, read from its IHDR chunk. */
async function pngSize(response: APIResponse) {
  const bytes = await response.body();
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test.describe('head tags and structured data', () => {
  test('front page: WebSite and NewsMediaOrganization, the site share image', async ({ page, request }) => {
    await page.goto('/');
    const image = await expectSocialTags(page, { path: '/', type: 'website' });
    const nodes = await jsonLdOf(page);
    expect(nodes.get('WebSite')).toMatchObject({ name: 'CRBC News', url: absolute('/'), inLanguage: 'en' });
    // The search the WebSite names really answers its URL template.
    const template = (nodes.get('WebSite')?.potentialAction as { target: { urlTemplate: string } }).target.urlTemplate;
    expect(template).toBe(`${absolute('/search')}?q={search_term_string}`);
    const search = await request.get(template.replace('{search_term_string}', 'nato'));
    expect(search.status()).toBe(200);
    expect(await search.text()).toContain('Zelenskyy');
    expect(nodes.get('NewsMediaOrganization')).toMatchObject({
      name: 'CRBC News',
      url: absolute('/'),
      logo: { '@type': 'ImageObject', url: absolute('/logo.png'), width: 600, height: 60 },
    });
    expect(await pngSize(await request.get(image))).toEqual({ width: 1200, height: 630 });
    const logo = await request.get('/logo.png');
    expect(logo.headers()['content-type']).toBe('image/png');
    expect(await pngSize(logo)).toEqual({ width: 600, height: 60 });
  });

  test('article: Open Graph article facts, NewsArticle with every property, breadcrumbs and its own share card', async ({ page, request }) => {
    await page.goto(ARTICLE_PATH);
    const image = await expectSocialTags(page, { path: ARTICLE_PATH, type: 'article' });
    const headline = (await page.locator('h1').textContent()) ?? '';
    await expect(meta(page, 'article:published_time')).toHaveAttribute('content', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    await expect(meta(page, 'article:modified_time')).toHaveAttribute('content', /^\d{4}-\d\d-\d\dT/);
    await expect(meta(page, 'article:section')).toHaveAttribute('content', 'Politics');
    await expect(meta(page, 'article:tag')).toHaveCount(await page.locator('nav.tag-list a').count());
    await expect(meta(page, 'article:tag').first()).toHaveAttribute('content', /\S/);

    const nodes = await jsonLdOf(page);
    const article = nodes.get('NewsArticle');
    expect(article).toMatchObject({
      description: await meta(page, 'description').getAttribute('content'),
      datePublished: await meta(page, 'article:published_time').getAttribute('content'),
      dateModified: await meta(page, 'article:modified_time').getAttribute('content'),
      publisher: { '@type': 'NewsMediaOrganization', name: 'CRBC News', logo: { url: absolute('/logo.png') } },
      mainEntityOfPage: { '@type': 'WebPage', '@id': absolute(ARTICLE_PATH) },
      articleSection: 'Politics',
      isAccessibleForFree: true,
    });
    const articleHeadline = String(article?.headline);
    expect(articleHeadline.length).toBeLessThanOrEqual(110);
    expect(headline.startsWith(articleHeadline.replace(/…$/, ''))).toBe(true);
    expect(article?.image).toEqual(expect.arrayContaining([image]));
    for (const url of article?.image as string[]) expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    const byline = page.locator('.byline a[href^="/authors/"]').first();
    expect(article?.author).toEqual(
      expect.arrayContaining([{ '@type': 'Person', name: await byline.textContent(), url: absolute((await byline.getAttribute('href')) ?? '') }]),
    );
    expect((article?.keywords as string[]).length).toBeGreaterThan(0);
    expect(nodes.get('BreadcrumbList')?.itemListElement).toEqual([
      { '@type': 'ListItem', position: 1, name: 'Home', item: absolute('/') },
      { '@type': 'ListItem', position: 2, name: 'Politics', item: absolute('/politics') },
      { '@type': 'ListItem', position: 3, name: headline, item: absolute(ARTICLE_PATH) },
    ]);
    const card = await request.get(image);
    expect(card.status()).toBe(200);
    expect(card.headers()['content-type']).toBe('image/png');
    expect(await pngSize(card)).toEqual({ width: 1200, height: 630 });
  });

  test('a headline containing </script> cannot end the JSON-LD script', async ({ page }) => {
    await page.goto(`/politics/${HOSTILE_SLUG}`);
    const nodes = await jsonLdOf(page);
    expect(nodes.get('NewsArticle')?.headline).toContain('</script>');
    expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
  });

  test('section, tag and author pages: CollectionPage or ProfilePage, with breadcrumbs', async ({ page }) => {
    await page.goto('/politics?page=2');
    await expectSocialTags(page, { path: '/politics?page=2', type: 'website' });
    let nodes = await jsonLdOf(page);
    expect(nodes.get('CollectionPage')).toMatchObject({ name: 'Politics', url: absolute('/politics?page=2') });
    expect(nodes.get('BreadcrumbList')?.itemListElement).toEqual([
      { '@type': 'ListItem', position: 1, name: 'Home', item: absolute('/') },
      { '@type': 'ListItem', position: 2, name: 'Politics', item: absolute('/politics') },
    ]);

    await page.goto('/tags/nato');
    await expectSocialTags(page, { path: '/tags/nato', type: 'website' });
    nodes = await jsonLdOf(page);
    expect(nodes.get('CollectionPage')).toMatchObject({ name: 'NATO', url: absolute('/tags/nato') });
    expect((nodes.get('BreadcrumbList')?.itemListElement as { item: string }[]).map((crumb) => crumb.item)).toEqual([
      absolute('/'),
      absolute('/tags'),
      absolute('/tags/nato'),
    ]);

    await page.goto('/authors/amara-osei');
    await expectSocialTags(page, { path: '/authors/amara-osei', type: 'website' });
    nodes = await jsonLdOf(page);
    expect(nodes.get('ProfilePage')).toMatchObject({
      url: absolute('/authors/amara-osei'),
      mainEntity: { '@type': 'Person', name: 'Amara Osei', url: absolute('/authors/amara-osei') },
    });
    expect(nodes.get('BreadcrumbList')).toBeDefined();
  });

  test('newsroom, preview, missing and removed pages are not indexed', async ({ page }) => {
    for (const path of ['/admin/login', '/no-such-section', `/politics/${REMOVED_SLUG}`, '/search?q=nato', '/search']) {
      await page.goto(path);
      await expect(meta(page, 'robots')).toHaveAttribute('content', /noindex/);
    }
  });
});

test.describe('status codes and canonical addresses', () => {
  test('an article that was published and then deleted answers 410 Gone, with the whole site around it', async ({ page, request }) => {
    const response = await page.goto(`/politics/${REMOVED_SLUG}`);
    expect(response?.status()).toBe(410);
    await expect(page.locator('h1')).toHaveText('This article has been removed');
    await expect(page.getByRole('navigation', { name: 'Sections' })).toBeVisible();
    // Its internal page is not an address of its own.
    expect((await request.get('/removed-article')).status()).toBe(404);
  });

  test('trailing slashes and capitals answer one 301 to the canonical address', async ({ request }) => {
    const cases: [string, string][] = [
      ['/politics/', '/politics'],
      ['/POLITICS', '/politics'],
      [`${ARTICLE_PATH.toUpperCase()}/`, ARTICLE_PATH],
      ['/Tags/NATO?page=1&utm_source=feed', '/tags/nato?page=1&utm_source=feed'],
      ['/authors/', '/authors'],
    ];
    for (const [from, to] of cases) {
      const response = await request.get(from, { maxRedirects: 0 });
      expect(response.status(), from).toBe(301);
      expect(response.headers().location, from).toBe(to);
      expect((await request.get(to, { maxRedirects: 0 })).status(), to).toBe(200);
    }
  });

  test('share images of unknown or unpublished articles are missing', async ({ request }) => {
    for (const path of ['/share/999999-1.png', '/share/nope.png', '/share/1-1.jpg']) {
      expect((await request.get(path)).status(), path).toBe(404);
    }
  });
});

/**
 * A conditional request naming the document's ETag gets an empty 304. Other tests publish while this
 * runs; when the document changed in between, its 200 must carry a new ETag, and the check is made
 * again with that one (a few times at most: a site that never answers 304 fails).
 */
async function expectRevalidatesWithItsETag(request: APIRequestContext, path: string, firstETag: string): Promise<void> {
  let etag = firstETag;
  for (let attempt = 1; ; attempt++) {
    const again = await request.get(path, { headers: { 'If-None-Match': etag } });
    if (again.status() === 304) {
      expect((await again.body()).length, path).toBe(0);
      return;
    }
    expect(again.status(), path).toBe(200);
    const changed = again.headers().etag ?? '';
    expect(changed, `${path} answered 200 to its own ETag`).not.toBe(etag);
    expect(attempt, `${path} changed on every request`).toBeLessThan(4);
    etag = changed;
  }
}

test.describe('HTTP caching', () => {
  const shared = /^public, max-age=0, s-maxage=60, stale-while-revalidate=\d+, stale-if-error=\d+$/;

  test('reader pages, feeds and sitemaps can be held by a shared cache, and revalidate with their ETag', async ({ request }) => {
    const pages = ['/', '/politics', '/politics?page=2', ARTICLE_PATH, '/tags/nato', '/authors/amara-osei', '/tags'];
    const documents = ['/rss.xml', '/atom.xml', '/feed.json', '/politics/rss.xml', '/sitemap.xml', '/sitemaps/pages.xml', '/sitemaps/news.xml', '/robots.txt'];
    for (const path of [...pages, ...documents]) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(200);
      expect(response.headers()['cache-control'], path).toMatch(shared);
      expect(response.headers().etag, path).toMatch(/^(W\/)?"[^"]+"$/);
      await expectRevalidatesWithItsETag(request, path, response.headers().etag ?? '');
      expect((await request.get(path, { headers: { 'If-None-Match': '"not-this-one"' } })).status(), path).toBe(200);
    }
  });

  test('missing and removed pages are cached briefly; the newsroom and previews never', async ({ request }) => {
    for (const path of ['/no-such-section', `/politics/${REMOVED_SLUG}`]) {
      expect((await request.get(path)).headers()['cache-control'], path).toBe('public, max-age=60, s-maxage=60');
    }
    for (const path of ['/admin/login', '/admin', '/preview/1']) {
      expect((await request.get(path, { maxRedirects: 0 })).headers()['cache-control'], path).toBe('private, no-store');
    }
  });
});
