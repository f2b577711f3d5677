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

  it('reads a huge body in bounded time', () => {
    const started = performance.now();
    expect(readingMinutes('a '.repeat(500_000))).toBe(Math.ceil(500_000 / WORDS_PER_MINUTE));
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe('labels', () => {
  it('says "N min read" and gives an ISO 8601 duration for JSON-LD', () => {
    expect(readingTimeLabel(1)).toBe('1 min read');
    expect(readingTimeLabel(12)).toBe('12 min read');
    expect(readingTimeDuration(4)).toBe('PT4M');
  });
});
