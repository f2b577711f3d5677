import { describe, expect, it } from 'vitest';
import { responseKeys, SURROGATE_KEY_STYLES, surrogateKeyStyle, surrogateKeyValue, takeCacheTagMarks } from './surrogate-keys';

describe('surrogateKeyStyle', () => {
  it('knows the header of Fastly, Cloudflare and Varnish by name, whatever the case, and none when unset', () => {
    expect(surrogateKeyStyle('Surrogate-Key')).toMatchObject({ header: 'Surrogate-Key', separator: ' ' });
    expect(surrogateKeyStyle('cache-tag')).toMatchObject({ header: 'Cache-Tag', separator: ',' });
    expect(surrogateKeyStyle('XKEY')).toMatchObject({ header: 'xkey', separator: ' ' });
    expect(surrogateKeyStyle(undefined)).toBeNull();
    expect(surrogateKeyStyle(' ')).toBeNull();
    expect(() => surrogateKeyStyle('X-Tags')).toThrow('SURROGATE_KEY_HEADER must be one of');
  });
});

describe('surrogateKeyValue', () => {
  const xkey = SURROGATE_KEY_STYLES.xkey!;
  const cloudflare = SURROGATE_KEY_STYLES['cache-tag']!;

  it('names each key once, sorted, with the style’s separator', () => {
    expect(surrogateKeyValue(['home', 'article:3', 'home', 'section:politics'], xkey)).toBe('article:3 home section:politics');
    expect(surrogateKeyValue(['home', 'article:3'], cloudflare)).toBe('article:3,home');
  });

  it('sends no header at all rather than a cut-short one, so a page too large to key is never held past its Cache-Control', () => {
    const keys = Array.from({ length: 1_000 }, (_, i) => `tag:a-rather-long-topic-name-${i}`);
    expect(surrogateKeyValue(keys, xkey)).toBeNull();
    expect(surrogateKeyValue(keys.slice(0, 200), xkey)!.length).toBeLessThanOrEqual(8_000);
    expect(surrogateKeyValue([`tag:${'x'.repeat(1_100)}`], cloudflare)).toBeNull();
    expect(surrogateKeyValue([], xkey)).toBeNull();
  });

  it('leaves out anything that is not a tag as ./tags.ts names them (no spaces, commas or line breaks get through)', () => {
    expect(surrogateKeyValue(['home', 'a b', 'c,d', 'e\r\nSet-Cookie: x=1'], xkey)).toBe('home');
  });
});

describe('takeCacheTagMarks', () => {
  it('cuts every mark out of the page and returns the tags they named', () => {
    const html = '<main><template data-cache-tags="home article:1"></template><h1>News</h1><template data-cache-tags="article:1 section:politics"></template></main>';
    expect(takeCacheTagMarks(html)).toEqual({ html: '<main><h1>News</h1></main>', tags: ['article:1', 'home', 'section:politics'] });
  });

  it('finds none in a page without marks, and leaves it as it was', () => {
    expect(takeCacheTagMarks('<p>data-cache-tags</p>')).toEqual({ html: '<p>data-cache-tags</p>', tags: [] });
  });
});

describe('responseKeys', () => {
  it('gives a page its marked tags and its layout’s, and a route handler its named tags', () => {
    expect(responseKeys({ status: 200, markedTags: ['article:1', 'home'], namedTags: [] })).toEqual(['article:1', 'breaking-news', 'home', 'sections']);
    expect(responseKeys({ status: 200, markedTags: [], namedTags: ['feeds-and-sitemaps', 'article:2'] })).toEqual(['article:2', 'feeds-and-sitemaps']);
  });

  it('gives a page that named no tags (a search) none: it is held only as long as its Cache-Control says', () => {
    expect(responseKeys({ status: 200, markedTags: [], namedTags: [] })).toEqual([]);
  });

  it('gives missing, removed and moved addresses the key a change of address purges', () => {
    expect(responseKeys({ status: 404, markedTags: [], namedTags: [] })).toEqual(['addresses', 'breaking-news', 'sections']);
    expect(responseKeys({ status: 410, markedTags: [], namedTags: [] })).toEqual(['addresses', 'breaking-news', 'sections']);
    expect(responseKeys({ status: 301, markedTags: [], namedTags: [] })).toEqual(['addresses']);
  });

  it('gives refusals and errors none', () => {
    for (const status of [400, 429, 500, 503]) expect(responseKeys({ status, markedTags: ['home'], namedTags: ['home'] })).toEqual([]);
  });
});
