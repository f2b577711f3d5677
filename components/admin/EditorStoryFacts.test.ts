import { describe, expect, it } from 'vitest';
import { readingMinutes, wordCount } from './EditorStoryFacts.client';

describe('word count and reading time of a body', () => {
  it('counts the words a reader reads, not Markdown marks, link addresses or block directives', () => {
    const body = [
      '## A heading here',
      'Some **bold** and *italic* words, with [a link](https://example.com/long/address) in 2026.',
      '::image{id=12 caption="Not counted as story text"}',
      ':::pullquote{cite="A person"}',
      'Quoted words count.',
      ':::',
      '| Region | Votes |',
      '|---|---:|',
      '- one item',
    ].join('\n\n');
    // heading 3, sentence 10, quote 3, table header 2, list 2
    expect(wordCount(body)).toBe(20);
  });
  it('reads at 230 words a minute, one minute at least', () => {
    expect(readingMinutes(0)).toBe(1);
    expect(readingMinutes(230 * 4)).toBe(4);
    expect(readingMinutes(1_000)).toBe(4);
  });
});
