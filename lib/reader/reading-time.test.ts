import { describe, expect, it } from 'vitest';
import { readingMinutes, readingTimeLabel, readingTimeDuration, wordCount, WORDS_PER_MINUTE } from './reading-time';

describe('wordCount', () => {
  it('counts words, not Markdown marks, link targets or punctuation', () => {
    expect(wordCount('')).toBe(0);
    expect(wordCount('## A heading\n\nOne **bold** word, and [a link](https://example.com/a-b-c).')).toBe(8);
    expect(wordCount("Zelenskyý's 2,000-strong team — don't split")).toBe(5);
    expect(wordCount('> quoted\n- listed\n* starred')).toBe(3);
  });
});

describe('readingMinutes', () => {
  it('is at least a minute, and rounds up at the reading speed', () => {
    expect(readingMinutes('')).toBe(1);
    expect(readingMinutes('word '.repeat(WORDS_PER_MINUTE))).toBe(1);
    expect(readingMinutes('word '.repeat(WORDS_PER_MINUTE + 1))).toBe(2);
    expect(readingMinutes('word '.repeat(WORDS_PER_MINUTE * 7))).toBe(7);
  });

  it('reads a huge body in time linear in its length', () => {
    // Compared, not timed: ten times the text may take at most 30 times as long (linear is 10, and
    // anything quadratic 100), the best of three runs each, so a busy machine slows both alike.
    const bestMs = (text: string) => {
      let best = Infinity;
      for (let run = 0; run < 3; run++) {
        const started = performance.now();
        readingMinutes(text);
        best = Math.min(best, performance.now() - started);
      }
      return best;
    };
    expect(readingMinutes('a '.repeat(500_000))).toBe(Math.ceil(500_000 / WORDS_PER_MINUTE));
    const small = bestMs('a '.repeat(50_000));
    const large = bestMs('a '.repeat(500_000));
    expect(large / small, `50,000 words: ${small.toFixed(2)} ms; 500,000 words: ${large.toFixed(2)} ms`).toBeLessThan(30);
  });
});

describe('labels', () => {
  it('says "N min read" and gives an ISO 8601 duration for JSON-LD', () => {
    expect(readingTimeLabel(1)).toBe('1 min read');
    expect(readingTimeLabel(12)).toBe('12 min read');
    expect(readingTimeDuration(4)).toBe('PT4M');
  });
});
