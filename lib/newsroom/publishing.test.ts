import { expect, it } from 'vitest';
import { tagsToInvalidate, type ArticlePlacement } from './publishing';

const placement = (overrides: Partial<ArticlePlacement> = {}): ArticlePlacement => ({
  id: 5,
  status: 'published',
  sectionSlug: 'politics',
  tagSlugs: ['nato'],
  authorSlugs: ['amara-osei'],
  ...overrides,
});

it('invalidates nothing for changes readers cannot see', () => {
  expect(tagsToInvalidate(null, placement({ status: 'draft' }))).toEqual([]);
  expect(tagsToInvalidate(placement({ status: 'review' }), placement({ status: 'draft' }))).toEqual([]);
});

it('invalidates the pages that show a newly published article', () => {
  expect(tagsToInvalidate(placement({ status: 'review' }), placement())).toEqual(
    ['article:5', 'author:amara-osei', 'feeds-and-sitemaps', 'home', 'section:politics', 'tag:nato', 'tags'].sort(),
  );
});

it('invalidates the feeds and sitemaps for every change a reader could see, and only those', () => {
  expect(tagsToInvalidate(placement(), placement({ tagSlugs: [] }))).toContain('feeds-and-sitemaps');
  expect(tagsToInvalidate(placement(), placement({ status: 'archived' }))).toContain('feeds-and-sitemaps');
  expect(tagsToInvalidate(placement({ status: 'draft' }), placement({ status: 'scheduled' }))).not.toContain('feeds-and-sitemaps');
});

it('invalidates where the article was and where it is, when it moves', () => {
  const tags = tagsToInvalidate(
    placement(),
    placement({ sectionSlug: 'world', tagSlugs: ['europe'], authorSlugs: ['tom-haddad'] }),
  );
  for (const tag of ['section:politics', 'section:world', 'tag:nato', 'tag:europe', 'author:amara-osei', 'author:tom-haddad']) {
    expect(tags).toContain(tag);
  }
});

it('invalidates the pages that showed an article being unpublished', () => {
  expect(tagsToInvalidate(placement(), placement({ status: 'draft' }))).toContain('article:5');
  expect(tagsToInvalidate(placement(), null)).toContain('section:politics');
});
