import { describe, expect, it } from 'vitest';
import { RESERVED_SECTION_SLUGS, sectionSlugProblem, slugProblem } from './slug-rules';

describe('slugProblem', () => {
  it.each(['politics', 'uk-politics', 'g7', '2026-election'])('accepts %s', (slug) => {
    expect(slugProblem(slug)).toBeNull();
  });

  it.each(['', 'Politics', 'uk politics', 'uk--politics', '-uk', 'uk-', 'é', 'a/b', 'x'.repeat(121)])('refuses %j', (slug) => {
    expect(slugProblem(slug)).toMatch(/slug|lowercase/);
  });
});

describe('sectionSlugProblem', () => {
  it.each(RESERVED_SECTION_SLUGS.filter((slug) => slugProblem(slug) === null))('refuses the reserved word %s', (slug) => {
    expect(sectionSlugProblem(slug)).toBe(`“${slug}” is reserved for the site’s own pages (/${slug}): choose another slug.`);
  });

  it('refuses what no slug may be, with that reason', () => {
    expect(sectionSlugProblem('_next')).toMatch(/lowercase letters/);
    expect(sectionSlugProblem('Not A Slug!')).toMatch(/lowercase letters/);
  });

  it('accepts ordinary section names, including ones that merely contain a reserved word', () => {
    for (const slug of ['science', 'admin-news', 'media-business', 'pages', 'tag']) expect(sectionSlugProblem(slug)).toBeNull();
  });
});
