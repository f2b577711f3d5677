import { describe, expect, it } from 'vitest';
import { isStopWord, MAX_QUERY_TERMS, searchTerms, toMatchExpression } from './search-query';

describe('toMatchExpression', () => {
  it('quotes every word and adds a prefix star to the last one', () => {
    expect(toMatchExpression('budget neg')).toBe('"budget" "neg"*');
    expect(toMatchExpression('  Zelenskyy  ')).toBe('"Zelenskyy"*');
  });

  it('matches a short last word whole: a one- or two-letter prefix would read most of the index', () => {
    expect(toMatchExpression('vote on')).toBe('"vote" "on"');
    expect(toMatchExpression('é')).toBe('"é"');
  });

  it('keeps balanced quotes as phrases, without a prefix star, and ignores an unmatched quote', () => {
    expect(toMatchExpression('"trade deal" tariffs')).toBe('"trade deal" "tariffs"*');
    expect(toMatchExpression('tariffs "trade   deal"')).toBe('"tariffs" "trade deal"');
    expect(toMatchExpression('"trade deal')).toBe('"trade" "deal"*');
    expect(toMatchExpression('a "b c" "d')).toBe('"a" "b c" "d"');
    expect(toMatchExpression('“trade deal” talks')).toBe('"trade deal" "talks"*');
  });

  it('never matches a very common word as a prefix: "the" must not find or mark "their"', () => {
    expect(toMatchExpression('the')).toBe('"the"');
    expect(toMatchExpression('budget THE')).toBe('"budget" "THE"');
    expect(toMatchExpression('talks with')).toBe('"talks" "with"');
    expect(toMatchExpression('Thé')).toBe('"Thé"');
    // A word that only starts like one still does.
    expect(toMatchExpression('theat')).toBe('"theat"*');
    expect(isStopWord('and')).toBe(true);
    expect(isStopWord('andes')).toBe(false);
  });

  it('searches a repeated word once: each term costs a read of its whole word list for the ranking', () => {
    expect(toMatchExpression('the the THE the')).toBe('"the"');
    expect(toMatchExpression('vote "the deal" the vote "the deal"')).toBe('"vote" "the deal" "the"');
    expect(searchTerms(Array.from({ length: 30 }, (_, i) => (i % 2 ? 'the' : 'of')).join(' '))).toHaveLength(2);
  });

  it('turns FTS5 operators and syntax into plain text inside strings', () => {
    expect(toMatchExpression('NEAR(a b)')).toBe('"NEAR(a" "b)"');
    expect(toMatchExpression('headline:x ^start -not OR AND')).toBe('"headline:x" "^start" "-not" "OR" "AND"');
    expect(toMatchExpression('neg*')).toBe('"neg*"*');
  });

  it('gives null when nothing is searchable: empty, blank, punctuation, control characters', () => {
    for (const text of ['', '   ', '\t\n', '"', '""', '***', '()', '-', ':', '\u0000', '\u0007\u001b', '" "']) {
      expect(toMatchExpression(text), JSON.stringify(text)).toBeNull();
    }
  });

  it('drops control characters (NUL would end the expression inside FTS5)', () => {
    expect(toMatchExpression('bud\u0000get')).toBe('"bud" "get"*');
  });

  it('bounds the length and the number of terms', () => {
    expect(searchTerms(Array.from({ length: 2_000 }, (_, i) => `w${i}`).join(' '))).toHaveLength(MAX_QUERY_TERMS);
    expect(toMatchExpression('x'.repeat(10_000))?.length).toBeLessThan(210);
  });
});
