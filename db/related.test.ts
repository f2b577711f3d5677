import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { listRelatedArticles } from './articles/reads';
import type { Db } from './client';
import { distinctiveWords, MIN_SCORE, similarArticles } from './related';
import { readSeedContent, DEMO_CONTENT_DIR } from '@/ops/seed-content';
import { seedDemoSite } from '@/ops/seed';
import { addTestArticle, createTestDatabase, withTestDatabase } from '@/test/support/database';

describe('distinctiveWords', () => {
  it('folds case and accents, drops stop-words, short words and numbers, and keeps the first of each', () => {
    expect(distinctiveWords(['Zelenskyý Signals Readiness To Trade NATO Bid', 'The bid, in 2026: the NATO bid'])).toEqual([
      'zelenskyy',
      'signals',
      'readiness',
      'trade',
      'nato',
      'bid',
    ]);
    expect(distinctiveWords(['one two three four five six'], 3)).toEqual(['two', 'three', 'four']);
  });
});

describe('related stories in the demo newsroom', () => {
  let db: Db;
  let cleanup = () => {};
  const idOf = (slug: string) => db.$client.prepare('select id from articles where slug = ?').pluck().get(slug) as number;
  const UKRAINE = 'zelenskyy-signals-readiness-to-trade-nato-bid-for-security-guarantees';
  const LATVIA = 'latvias-parliament-backs-three-party-coalition-eight-weeks-after-election';
  const GEORGIA = 'georgian-mine-drama-takes-top-prize-at-valmere-film-festival';
  const GUARANTEES = 'european-ministers-sketch-security-guarantees-for-ukraine-ahead-of-peace-talks';

  beforeAll(async () => {
    const test = createTestDatabase();
    ({ db, cleanup } = test);
    await seedDemoSite(db, readSeedContent(DEMO_CONTENT_DIR), path.join(path.dirname(db.$client.name), 'media'), Date.UTC(2026, 10, 28, 12));
  }, 60_000);
  afterAll(() => cleanup());

  it('lists the Ukraine peace-talks story’s genuinely related story, not stories that only share “Europe” or “NATO”', () => {
    for (const slug of [UKRAINE, LATVIA, GEORGIA, GUARANTEES]) expect(idOf(slug), slug).toBeGreaterThan(0);
    const related = listRelatedArticles(idOf(UKRAINE), 4, db).map((article) => article.slug);
    expect(related).toHaveLength(4);
    expect(related[0]).toBe(GUARANTEES);
    expect(related).not.toContain(LATVIA);
    expect(related).not.toContain(GEORGIA);
  });

  it('was not so before: sharing the most tags put the Latvian coalition and the Georgian film festival in the list', () => {
    const byTags = listRelatedArticles(idOf(UKRAINE), 4, db, { method: 'shared-tags' }).map((article) => article.slug);
    expect(byTags).toContain(LATVIA);
    expect(byTags).toContain(GEORGIA);
  });

  it('works the other way round too', () => {
    expect(listRelatedArticles(idOf(GUARANTEES), 4, db)[0]?.slug).toBe(UKRAINE);
  });
});

describe('similarArticles', () => {
  const database = withTestDatabase();
  let db: Db;
  beforeEach(() => {
    db = database();
  });

  const story = (headline: string, tagNames: string[]) => addTestArticle(db, { headline, summary: '', body: '', tagNames });

  it('weighs a specific tag above a broad one, and words in common above both alone', () => {
    const filler = Array.from({ length: 8 }, (_, i) => story(`Filler story ${i}`, ['Broad']));
    const harbour = story('Harbour dredging plan approved', ['Broad', 'Harbours']);
    const sameTag = story('Council elections next month', ['Harbours']);
    const sameWords = story('Harbour dredging plan approved by council', ['Broad', 'Harbours']);
    const all = similarArticles(db, harbour, new Set(), 0);
    expect(all.map((s) => s.id).slice(0, 2)).toEqual([sameWords, sameTag]);
    expect(all.find((s) => s.id === filler[0])!.score).toBeLessThan(MIN_SCORE);
    // What counts as related: only stories with enough in common, and not far behind the best one.
    expect(similarArticles(db, harbour, new Set()).map((s) => s.id)).toEqual([sameWords, sameTag]);
  });

  it('offers nothing for a story that shares nothing', () => {
    story('Budget vote passes', ['Budget']);
    const alone = story('Glacier retreat measured', ['Glaciers']);
    expect(similarArticles(db, alone, new Set())).toEqual([]);
  });

  it('leaves out the excluded (the editors’ picks) and the article itself', () => {
    const harbour = story('Harbour dredging plan approved', ['Harbours']);
    const other = story('Harbour dredging plan delayed', ['Harbours']);
    expect(similarArticles(db, harbour, new Set()).map((s) => s.id)).toEqual([other]);
    expect(similarArticles(db, harbour, new Set([other]))).toEqual([]);
  });
});
