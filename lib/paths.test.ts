import { expect, it } from 'vitest';
import { articlePath, isValidSlug, sectionPath, slugify, tagPath } from './paths';

it('builds listing paths with a page query only past the first page', () => {
  expect(sectionPath('politics')).toBe('/politics');
  expect(sectionPath({ slug: 'politics' }, 2)).toBe('/politics?page=2');
  expect(tagPath('ukraine', 1)).toBe('/tags/ukraine');
  expect(articlePath({ slug: 'a-story', section: { slug: 'world', name: 'World' } })).toBe('/world/a-story');
  expect(articlePath({ slug: 'a-story', section: 'world' })).toBe('/world/a-story');
});

it.each(['politics', 'a-1-b', 'x'])('accepts the slug %s', (slug) => expect(isValidSlug(slug)).toBe(true));

it.each(['', 'Politics', 'a--b', '-a', 'a-', 'a_b', 'a b', '%2e%2e', 'ü', 'a/b', 'a'.repeat(121)])(
  'rejects the slug %j',
  (slug) => expect(isValidSlug(slug)).toBe(false),
);

it('slugifies headlines to ASCII words', () => {
  expect(slugify('Zelenskyy Signals Readiness: NATO & “Guarantees”')).toBe('zelenskyy-signals-readiness-nato-guarantees');
  expect(slugify('Inês Duarte über Café')).toBe('ines-duarte-uber-cafe');
  expect(slugify('a'.repeat(100)).length).toBe(80);
});
