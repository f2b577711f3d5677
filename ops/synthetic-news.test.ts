import { expect, it } from 'vitest';
import { isValidSlug } from '@/lib/paths';
import { createArticleGenerator, readershipWeight, TAG_POOL } from './synthetic-news';

const now = Date.UTC(2026, 10, 28, 12);
const generate = (count: number, seed?: string) => {
  const next = createArticleGenerator({ count, sectionSlugs: ['politics', 'world', 'unknown'], authorSlugs: ['a', 'b', 'c'], now, seed });
  return Array.from({ length: count }, next);
};

it('is deterministic for a seed and a clock, and differs between seeds', () => {
  expect(generate(50)).toEqual(generate(50));
  expect(generate(50, 'other').map((a) => a.slug)).not.toEqual(generate(50).map((a) => a.slug));
});

it('gives unique valid slugs, never one already taken', () => {
  const next = createArticleGenerator({ count: 3000, sectionSlugs: ['politics'], authorSlugs: ['a'], now, takenSlugs: generate(1).map((a) => a.slug) });
  const slugs = Array.from({ length: 3000 }, next).map((a) => a.slug);
  expect(new Set(slugs).size).toBe(slugs.length);
  expect(slugs).not.toContain(generate(1)[0]!.slug);
  expect(slugs.every(isValidSlug)).toBe(true);
});

it('fills every field a structured article has, over two years, with ~3% not public', () => {
  const articles = generate(5000);
  for (const a of articles) {
    expect(a.keyPoints).toHaveLength(3);
    expect(new Set(a.keyPoints.map((k) => k.label)).size).toBe(3);
    expect(a.body.split('\n\n').length).toBeGreaterThanOrEqual(4);
    expect(a.tagNames.length).toBeGreaterThanOrEqual(1);
    expect(a.tagNames.every((t) => TAG_POOL.includes(t))).toBe(true);
    expect(a.authorSlugs.length).toBeGreaterThanOrEqual(1);
    if (a.status === 'published') expect(a.publishedAt).toBeLessThan(now);
    if (a.status === 'scheduled') expect(a.publishedAt).toBeGreaterThan(now);
    if (a.status === 'draft') expect(a.publishedAt).toBeNull();
  }
  const published = articles.filter((a) => a.status === 'published');
  expect(published.length / articles.length).toBeGreaterThan(0.95);
  expect(published.length / articles.length).toBeLessThan(0.99);
  expect(Math.min(...published.map((a) => a.publishedAt ?? now))).toBeLessThan(now - 700 * 86_400_000);
  expect(articles.filter((a) => a.corrections?.length).length).toBeGreaterThan(150);
  expect(articles.filter((a) => a.contextNote).length).toBeGreaterThan(400);
});

it('picks related articles among earlier published ones of the same section', () => {
  const articles = generate(2000);
  const withPicks = articles.filter((a) => a.relatedIndexes.length > 0);
  expect(withPicks.length).toBeGreaterThan(100);
  articles.forEach((a, index) => {
    for (const pick of a.relatedIndexes) {
      expect(pick).toBeLessThan(index);
      expect(articles[pick]).toMatchObject({ sectionSlug: a.sectionSlug, status: 'published' });
    }
  });
});

it('weights readership by popularity and age, and not before publication', () => {
  const story = { publishedHour: 100, popularity: 10, evergreen: false };
  expect(readershipWeight(story, 99)).toBe(0);
  expect(readershipWeight(story, 100)).toBeGreaterThan(readershipWeight(story, 124));
  expect(readershipWeight({ ...story, evergreen: true }, 1000)).toBeGreaterThan(readershipWeight(story, 1000) * 10);
});
