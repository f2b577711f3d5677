import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Article } from '@/db/articles/model';
import { articleJsonLd, frontPageJsonLd, jsonLdHeadline, liveBlogJsonLd, MAX_JSON_LD_HEADLINE, serializeJsonLd } from './structured-data';

const BASE = 'https://news.example';
beforeEach(() => {
  vi.stubEnv('BASE_URL', BASE);
  return () => vi.unstubAllEnvs();
});

const article: Article = {
  id: 7,
  slug: 'a-story',
  type: 'news',
  headline: 'Talks resume </script><script>alert(1)</script> & more',
  summary: 'Summary with <b>tags</b> and \u2028 a line separator.',
  section: { slug: 'politics', name: 'Politics' },
  publishedAt: Date.UTC(2026, 10, 27, 9, 30),
  updatedAt: Date.UTC(2026, 10, 27, 11, 0),
  live: false,
  image: {
    src: '/media/hero-1200.webp',
    width: 1200,
    height: 800,
    variants: [
      { src: '/media/hero-480.webp', width: 480 },
      { src: '/media/hero-1200.webp', width: 1200 },
    ],
    alt: 'A hall',
    caption: '',
    credit: '',
  },
  body: 'Body.',
  bodyHtml: '<p>Body.</p>',
  keyPointsTitle: 'Key Points',
  keyPoints: [],
  whyItMatters: '',
  whyItMattersHtml: '',
  contextNote: '',
  seoTitle: '',
  seoDescription: '',
  authors: [{ slug: 'amara-osei', name: 'Amara Osei' }],
  tags: [{ slug: 'nato', name: 'NATO' }],
  corrections: [],
};

describe('serializeJsonLd', () => {
  it('writes no character that could end the script element, and parses back to the same data', () => {
    const graph = articleJsonLd(article);
    const text = serializeJsonLd(graph);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual(graph);
  });
});

describe('jsonLdHeadline', () => {
  it('keeps headlines up to 110 characters and cuts longer ones at a word, with an ellipsis', () => {
    const short = 'x'.repeat(MAX_JSON_LD_HEADLINE);
    expect(jsonLdHeadline(short)).toBe(short);
    const long = 'Ministers agree a long and complicated deal on fishing rights after weeks of talks that ran late into the night again';
    const cut = jsonLdHeadline(long);
    expect(cut.length).toBeLessThanOrEqual(MAX_JSON_LD_HEADLINE);
    expect(cut).toBe('Ministers agree a long and complicated deal on fishing rights after weeks of talks that ran late into the…');
    expect(jsonLdHeadline('y'.repeat(200))).toHaveLength(MAX_JSON_LD_HEADLINE);
  });
});

describe('articleJsonLd', () => {
  it('lists the inline images of the body (story blocks) after the hero, each at its widest, each once', () => {
    const bodyHtml =
      '<figure class="story-image"><img src="/media/a-960.webp" srcset="/media/a-480.webp 480w, /media/a-960.webp 960w, /media/a-1600.webp 1600w" alt="x"></figure>' +
      '<div class="gallery"><figure class="story-image"><picture><source media="(max-width: 30rem)" srcset="/media/b-480.webp 480w"><img src="/media/b-960.webp" srcset="/media/b-480.webp 480w, /media/b-960.webp 960w" alt="y"></picture></figure></div>' +
      '<figure class="story-image"><img src="/media/hero-1200.webp" srcset="/media/hero-480.webp 480w, /media/hero-1200.webp 1200w" alt="z"></figure>';
    const [news] = articleJsonLd({ ...article, bodyHtml })['@graph'];
    expect(news).toMatchObject({
      image: [`${BASE}/share/7-${article.updatedAt}.png`, `${BASE}/media/hero-1200.webp`, `${BASE}/media/a-1600.webp`, `${BASE}/media/b-960.webp`],
    });
  });

  it('describes the article as a NewsArticle with absolute URLs, and the trail to it', () => {
    const [news, crumbs] = articleJsonLd(article)['@graph'];
    expect(news).toMatchObject({
      '@type': 'NewsArticle',
      headline: article.headline,
      description: article.summary,
      image: [`${BASE}/share/7-${article.updatedAt}.png`, `${BASE}/media/hero-1200.webp`],
      datePublished: '2026-11-27T09:30:00.000Z',
      dateModified: '2026-11-27T11:00:00.000Z',
      timeRequired: 'PT1M',
      author: [{ '@type': 'Person', name: 'Amara Osei', url: `${BASE}/authors/amara-osei` }],
      publisher: { '@type': 'NewsMediaOrganization', name: 'CRBC News', logo: { '@type': 'ImageObject', url: `${BASE}/logo.png` } },
      mainEntityOfPage: { '@type': 'WebPage', '@id': `${BASE}/politics/a-story` },
      articleSection: 'Politics',
      keywords: ['NATO'],
      isAccessibleForFree: true,
    });
    expect(crumbs).toEqual({
      '@type': 'BreadcrumbList',
      itemListElement: [
        { '@type': 'ListItem', position: 1, name: 'Home', item: `${BASE}/` },
        { '@type': 'ListItem', position: 2, name: 'Politics', item: `${BASE}/politics` },
        { '@type': 'ListItem', position: 3, name: article.headline, item: `${BASE}/politics/a-story` },
      ],
    });
  });
});

describe('articleJsonLd per story type', () => {
  it.each([
    ['news', 'NewsArticle'],
    ['analysis', 'AnalysisNewsArticle'],
    ['opinion', 'OpinionNewsArticle'],
    ['explainer', 'BackgroundNewsArticle'],
    ['review', 'ReviewNewsArticle'],
    ['interview', 'NewsArticle'],
    ['obituary', 'NewsArticle'],
  ] as const)('describes a %s piece as a %s', (type, schemaType) => {
    const [node] = articleJsonLd({ ...article, type })['@graph'];
    expect(node?.['@type']).toBe(schemaType);
    // The rest of the description is the same whatever the type.
    expect(node).toMatchObject({ '@id': `${BASE}/politics/a-story#article`, headline: article.headline, articleSection: 'Politics' });
  });
});

describe('frontPageJsonLd', () => {
  it('names the website, its search and its publisher', () => {
    const [website, organization] = frontPageJsonLd()['@graph'];
    expect(website).toMatchObject({
      '@type': 'WebSite',
      potentialAction: {
        '@type': 'SearchAction',
        target: { '@type': 'EntryPoint', urlTemplate: `${BASE}/search?q={search_term_string}` },
        'query-input': 'required name=search_term_string',
      },
    });
    expect(organization?.['@type']).toBe('NewsMediaOrganization');
  });
});

describe('liveBlogJsonLd', () => {
  const update = (id: number, postedAt: number, fields: Partial<{ title: string; body: string; editedAt: number | null }> = {}) => ({
    id,
    title: '',
    body: `Update ${id} body.`,
    postedAt,
    editedAt: null,
    ...fields,
  });
  const started = Date.UTC(2026, 10, 27, 8, 0);

  it('is a LiveBlogPosting with its coverage start, its updates newest first, each at its anchor', () => {
    const graph = liveBlogJsonLd(article, {
      startedAt: started,
      endedAt: null,
      updates: [update(12, Date.UTC(2026, 10, 27, 12, 0), { title: 'Vote passes </script>', editedAt: Date.UTC(2026, 10, 27, 12, 30) }), update(11, Date.UTC(2026, 10, 27, 10, 0))],
    });
    const [posting] = graph['@graph'];
    expect(posting).toMatchObject({
      '@type': 'LiveBlogPosting',
      '@id': `${BASE}/politics/a-story#article`,
      coverageStartTime: '2026-11-27T08:00:00.000Z',
      dateModified: '2026-11-27T12:30:00.000Z',
      liveBlogUpdate: [
        {
          '@type': 'BlogPosting',
          url: `${BASE}/politics/a-story#update-12`,
          headline: 'Vote passes </script>',
          datePublished: '2026-11-27T12:00:00.000Z',
          dateModified: '2026-11-27T12:30:00.000Z',
          articleBody: 'Update 12 body.',
        },
        // No title: the headline is the update's first line.
        { headline: 'Update 11 body.', datePublished: '2026-11-27T10:00:00.000Z', articleBody: 'Update 11 body.' },
      ],
    });
    expect(posting).not.toHaveProperty('coverageEndTime');
    expect(serializeJsonLd(graph)).not.toContain('</script>');
  });

  it('gives the coverage end once ended', () => {
    const [posting] = liveBlogJsonLd(article, { startedAt: started, endedAt: Date.UTC(2026, 10, 28), updates: [] })['@graph'];
    expect(posting).toMatchObject({ '@type': 'LiveBlogPosting', coverageEndTime: '2026-11-28T00:00:00.000Z', liveBlogUpdate: [] });
  });
});
