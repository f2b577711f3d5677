import { describe, expect, it } from 'vitest';
import { parseReaderUrl } from '../../server/reader-routing';
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

  it('reserves the first segments the reader router gives to its own pages', () => {
    // If the router claims a new top-level word, it belongs in RESERVED_SECTION_SLUGS too.
    for (const word of ['tags', 'authors']) {
      expect(parseReaderUrl(`/${word}`, undefined)?.kind).not.toBe('listing');
      expect(RESERVED_SECTION_SLUGS).toContain(word);
    }
  });
});
