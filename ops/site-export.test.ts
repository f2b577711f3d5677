import { describe, expect, it } from 'vitest';
import { siteExportSchema, type ExportedArticle, type SiteExport } from './site-export';

const article = (overrides: Partial<ExportedArticle> = {}): ExportedArticle => ({
  slug: 'story',
  section: 'politics',
  status: 'published',
  type: 'news',
  headline: 'Story',
  summary: '',
  body: '',
  keyPointsTitle: 'Key Points',
  keyPoints: [],
  whyItMatters: '',
  contextNote: '',
  seoTitle: '',
  seoDescription: '',
  hero: null,
  publishedAt: 1,
  updatedAt: 1,
  createdAt: 1,
  deletedAt: null,
  version: 1,
  tags: [],
  authors: [],
  related: [],
  corrections: [],
  revisions: [],
  redirects: [],
  ...overrides,
});

const site = (overrides: Partial<SiteExport> = {}): SiteExport => ({
  format: 'crbc-news-export',
  version: 1,
  exportedAt: 1,
  notIncluded: [],
  sections: [{ slug: 'politics', name: 'Politics', description: '', position: 1 }],
  tags: [],
  authors: [],
  media: [],
  articles: [article()],
  ...overrides,
});

const problems = (input: unknown) => {
  const parsed = siteExportSchema.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('siteExportSchema', () => {
  it('accepts a consistent export', () => {
    expect(problems(site())).toEqual([]);
  });

  it('reads a file from before articles could be put in the trash', () => {
    const { deletedAt: _deletedAt, ...older } = article();
    expect(siteExportSchema.parse(site({ articles: [older as ExportedArticle] })).articles[0]?.deletedAt).toBeNull();
  });

  it('names the format and version it reads', () => {
    expect(problems({ ...site(), format: 'wordpress' })).toEqual(['format: Not a site export: "format" is not "crbc-news-export".']);
    expect(problems({ ...site(), version: 2 })).toEqual(['version: This site reads version 1 exports only.']);
    expect(problems('not an object')).toHaveLength(1);
  });

  it('refuses references to what the export does not hold', () => {
    expect(
      problems(
        site({
          authors: [{ slug: 'ann', name: 'Ann', title: '', bio: '', photo: 'ann.webp' }],
          articles: [article({ section: 'sport', hero: 'x.webp', tags: ['trade'], authors: ['bob'], related: ['missing'] })],
        }),
      ),
    ).toEqual([
      'authors.0.photo: No media file "ann.webp" in this export.',
      'articles.0.section: No section "sport" in this export.',
      'articles.0.hero: No media file "x.webp" in this export.',
      'articles.0.tags.0: No tag "trade" in this export.',
      'articles.0.authors.0: No author "bob" in this export.',
      'articles.0.related.0: No article "missing" in this export.',
    ]);
  });

  it('refuses duplicates and slugs the site could not route', () => {
    expect(
      problems(site({ articles: [article({ redirects: ['/a/b'] }), article({ redirects: ['/a/b'] })] })),
    ).toEqual(['articles.1: Article "story" appears twice.', 'articles.1.redirects.0: Redirect from "/a/b" appears twice.']);
    expect(problems(site({ articles: [article({ slug: 'Not A Slug' })] }))).toEqual(['articles.0.slug: Not a valid slug.']);
  });
});
