import { describe, expect, it } from 'vitest';
import { parseArticleBlocks, type ArticleTextBlocks } from './article-text';

describe('parseArticleBlocks: the plain-text format', () => {
  const blocks = (text: string): ArticleTextBlocks => {
    const result = parseArticleBlocks(text);
    if (!result.ok) throw new Error(result.error);
    return result.blocks;
  };

  it('refuses an empty text, a lone headline and a text that does not start with a headline', () => {
    expect(parseArticleBlocks('')).toEqual({ ok: false, error: 'The text is empty.' });
    expect(parseArticleBlocks('\uFEFF \r\n\t\u00a0\r\n')).toEqual({ ok: false, error: 'The text is empty.' });
    expect(parseArticleBlocks('x')).toEqual({ ok: false, error: 'The text has a headline but nothing under it.' });
    expect(parseArticleBlocks('Politics\nMarkets Rally\nMarkets Rally\nRelated Articles\nOther Story')).toEqual({
      ok: false,
      error: 'The text has a headline but nothing under it.',
    });
    const paragraph = 'This line is a long paragraph rather than a headline. '.repeat(5).trim();
    expect(parseArticleBlocks(`${paragraph}\n\nAnother paragraph.`)).toEqual({
      ok: false,
      error: `The text does not start with a headline: line 1 has ${paragraph.length} characters (a headline has at most 200).`,
    });
  });

  it('finds a short headline by its repeat, or by the sentence after it', () => {
    expect(blocks('The Daily Ledger\nBusiness\nMarkets Rally\nmarkets rally\nStocks rose.')).toMatchObject({
      header: ['The Daily Ledger', 'Business'],
      headline: 'Markets Rally',
      lead: 'Stocks rose.',
    });
    expect(blocks('Business\nMarkets Rally\nStocks rose on Tuesday.')).toMatchObject({
      header: ['Business'],
      headline: 'Markets Rally',
    });
    // A headline ending in an abbreviation is not a sentence.
    expect(blocks('World\nTalks Resume In The U.S.\nNegotiators met again.')).toMatchObject({
      header: ['World'],
      headline: 'Talks Resume In The U.S.',
    });
  });

});
