import { describe, expect, it } from 'vitest';
import { etagFor } from '@/lib/syndication/etag';
import { BRIEF_CACHE_CONTROL, cacheControlFor, IMMUTABLE_CACHE_CONTROL, isNotModified, PRIVATE_CACHE_CONTROL, SHARED_CACHE_CONTROL } from './http-caching';

describe('cacheControlFor', () => {
  it('lets shared caches hold reader pages, feeds and share images, and serve them stale on errors', () => {
    for (const path of ['/', '/politics', '/politics/a-story', '/tags/nato', '/sitemap.xml', '/share/site.png', '/search']) {
      expect(cacheControlFor(path, 200)).toBe(SHARED_CACHE_CONTROL);
      expect(cacheControlFor(path, 304)).toBe(SHARED_CACHE_CONTROL);
    }
    expect(SHARED_CACHE_CONTROL).toMatch(/s-maxage=\d+.*stale-while-revalidate=\d+.*stale-if-error=\d+/);
  });

  it('lets anyone keep an article’s share card for a year: its address changes with every edit', () => {
    expect(cacheControlFor('/share/1-2.png', 200)).toBe(IMMUTABLE_CACHE_CONTROL);
    expect(IMMUTABLE_CACHE_CONTROL).toBe('public, max-age=31536000, immutable');
    expect(cacheControlFor('/share/1-2.png', 404)).toBe(BRIEF_CACHE_CONTROL);
    expect(cacheControlFor('/share/1-2.png/x', 200)).toBe(SHARED_CACHE_CONTROL);
  });

  it('caches missing and removed pages briefly, and errors not at all', () => {
    expect(cacheControlFor('/nope', 404)).toBe(BRIEF_CACHE_CONTROL);
    expect(cacheControlFor('/politics/gone', 410)).toBe(BRIEF_CACHE_CONTROL);
    expect(cacheControlFor('/politics', 500)).toBe('no-store');
  });

  it('never lets anything store the newsroom or previews, whatever the status', () => {
    for (const status of [200, 303, 404]) {
      expect(cacheControlFor('/admin/articles', status)).toBe(PRIVATE_CACHE_CONTROL);
      expect(cacheControlFor('/preview/3', status)).toBe(PRIVATE_CACHE_CONTROL);
    }
    expect(cacheControlFor('/administrator', 200)).toBe(SHARED_CACHE_CONTROL);
  });

  it('caches the Content API and the API description like reader pages, and never stores the Admin API', () => {
    for (const path of ['/api/v1/content/articles', '/api/v1/content/articles/3', '/api/v1/openapi.json']) {
      expect(cacheControlFor(path, 200)).toBe(SHARED_CACHE_CONTROL);
      expect(cacheControlFor(path, 304)).toBe(SHARED_CACHE_CONTROL);
      expect(cacheControlFor(path, 404)).toBe(BRIEF_CACHE_CONTROL);
      // A refused query keeps the route's own no-store.
      expect(cacheControlFor(path, 400)).toBeUndefined();
    }
    for (const status of [200, 201, 404, 409]) expect(cacheControlFor('/api/v1/admin/articles', status)).toBe(PRIVATE_CACHE_CONTROL);
    expect(cacheControlFor('/api/v1/contents', 200)).toBeUndefined();
  });

  it('leaves framework assets, media and API routes with their own headers', () => {
    for (const path of ['/_next/static/x.js', '/media/a.webp', '/api/views']) expect(cacheControlFor(path, 200)).toBeUndefined();
  });
});

describe('ETags of the documents the site writes', () => {
  it('change with the content, and match a conditional request naming them, weak or strong', () => {
    const etag = etagFor('<rss>one</rss>');
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(etagFor('<rss>one</rss>')).toBe(etag);
    expect(etagFor('<rss>two</rss>')).not.toBe(etag);
    expect(isNotModified(etag, etag)).toBe(true);
    expect(isNotModified(`"other", W/${etag}`, etag)).toBe(true);
    expect(isNotModified('*', etag)).toBe(true);
    expect(isNotModified('"other"', etag)).toBe(false);
    expect(isNotModified(undefined, etag)).toBe(false);
    expect(isNotModified(etag, undefined)).toBe(false);
  });
});
