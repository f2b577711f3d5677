import { expect, it } from 'vitest';
import { readSeedContent, DEMO_CONTENT_DIR } from './seed-content';

const content = readSeedContent(DEMO_CONTENT_DIR);
const articles = content.sections.flatMap((s) => s.articles);

it('ships a demo newsroom of at least 6 sections and 40 articles, with several authors', () => {
  expect(content.sections.length).toBeGreaterThanOrEqual(6);
  expect(articles.length).toBeGreaterThanOrEqual(40);
  expect(content.authors.length).toBeGreaterThanOrEqual(3);
});

it('has unique slugs, and every related pick and author exists', () => {
  const slugs = articles.map((a) => a.slug);
  expect(new Set(slugs).size).toBe(slugs.length);
  const authorSlugs = new Set(content.authors.map((a) => a.slug));
  for (const article of articles) {
    for (const related of article.related) expect(slugs, article.slug).toContain(related);
    for (const author of article.authors) expect(authorSlugs.has(author), `${article.slug}: ${author}`).toBe(true);
  }
});

it('includes corrections, related picks, hero images and context notes somewhere', () => {
  expect(articles.some((a) => a.corrections.length > 0)).toBe(true);
  expect(articles.some((a) => a.related.length > 0)).toBe(true);
  expect(articles.some((a) => a.hero)).toBe(true);
  expect(articles.some((a) => a.contextNote)).toBe(true);
  expect(new Set(articles.map((a) => a.keyPointsTitle)).size).toBeGreaterThan(3);
});

it('arranges the front page with a lead that is not the newest story, and one section front, from existing articles', () => {
  const fronts = content.fronts ?? [];
  const newest = [...articles].sort((a, b) => a.hoursAgo - b.hoursAgo)[0];
  const home = fronts.find((f) => f.front === 'home');
  const lead = home?.slots.find((s) => s.position === 0);
  expect(lead).toBeDefined();
  expect(lead?.article).not.toBe(newest?.slug);
  const sectionFronts = fronts.filter((f) => f.front !== 'home');
  expect(sectionFronts.length).toBeGreaterThanOrEqual(1);
  for (const front of sectionFronts) {
    const file = content.sections.find((s) => s.section.slug === front.front);
    expect(file, front.front).toBeDefined();
    const sectionNewest = [...(file?.articles ?? [])].sort((a, b) => a.hoursAgo - b.hoursAgo)[0];
    expect(front.slots.find((s) => s.position === 0)?.article).not.toBe(sectionNewest?.slug);
  }
  const slugs = new Set(articles.map((a) => a.slug));
  for (const slot of fronts.flatMap((f) => f.slots)) expect(slugs.has(slot.article), slot.article).toBe(true);
});
