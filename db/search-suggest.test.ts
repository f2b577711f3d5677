import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from './client';
import { editDistance, MAX_WORD_LETTERS, oneEditAway, suggestSpelling } from './search-suggest';
import { addTestArticle, withTestDatabase } from '@/test/support/database';

const database = withTestDatabase();
let db: Db;
beforeEach(() => {
  db = database();
});

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and swapped neighbours as one edit each', () => {
    expect(editDistance('zelensky', 'zelensky', 2)).toBe(0);
    expect(editDistance('zelenksy', 'zelensky', 2)).toBe(1);
    expect(editDistance('zelenksy', 'zelenskyy', 2)).toBe(2);
    expect(editDistance('budget', 'budgte', 2)).toBe(1);
    expect(editDistance('budget', 'fudge', 2)).toBe(2);
    expect(editDistance('vote', 'votes', 1)).toBe(1);
  });

  it('stops as soon as the distance must exceed the limit', () => {
    expect(editDistance('zelenksy', 'parliament', 2)).toBe(3);
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3);
    const started = performance.now();
    for (let i = 0; i < 20_000; i++) editDistance('negotiations', 'negotiators', 2);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe('oneEditAway', () => {
  it('lists each word one deletion, swap, change or addition away, once, and bounds their number', () => {
    const { swapsAndDeletions, all } = oneEditAway('vote');
    expect(swapsAndDeletions.sort()).toEqual(['ote', 'vte', 'voe', 'vot', 'ovte', 'vtoe', 'voet'].sort());
    expect(all).toContain('votes');
    expect(all).toContain('note');
    expect(all).toContain('voet');
    expect(all).not.toContain('vote');
    expect(new Set(all).size).toBe(all.length);
    expect(oneEditAway('x'.repeat(MAX_WORD_LETTERS)).all.length).toBeLessThan(54 * MAX_WORD_LETTERS + 30);
  });
});

describe('suggestSpelling', () => {
  beforeEach(() => {
    addTestArticle(db, { headline: 'Zelenskyy signals readiness for peace talks', body: 'Ukraine and its partners met in Geneva.' });
    addTestArticle(db, { headline: 'Budget vote passes', body: 'Parliament approved the budget.' });
  });

  it('replaces a misspelt word by the closest word of the index: "zelenksy" → "zelenskyy"', () => {
    expect(suggestSpelling('zelenksy', db)).toBe('zelenskyy');
    expect(suggestSpelling('Zelenksy peace', db)).toBe('zelenskyy peace');
    expect(suggestSpelling('budegt vote', db)).toBe('budget vote');
  });

  it('suggests nothing when every word is known, or a last word is one being typed', () => {
    expect(suggestSpelling('zelenskyy', db)).toBeNull();
    expect(suggestSpelling('budget parl', db)).toBeNull();
    expect(suggestSpelling('Genève', db)).toBe('geneva');
  });

  it('suggests nothing for a word far from every known one, a short word, or a phrase', () => {
    expect(suggestSpelling('xylophone', db)).toBeNull();
    expect(suggestSpelling('zq', db)).toBeNull();
    expect(suggestSpelling('zelenksyzelenksyzelenksy', db)).toBeNull();
    expect(suggestSpelling('"zelenksy talks"', db)).toBeNull();
  });

  it('never suggests a word found only in an unpublished article', () => {
    addTestArticle(db, { headline: 'Secret codename marmalade', status: 'draft', publishedAt: null });
    expect(suggestSpelling('marmelade', db)).toBeNull();
    addTestArticle(db, { headline: 'Marmalade exports rise' });
    expect(suggestSpelling('marmelade', db)).toBe('marmalade');
  });
});
