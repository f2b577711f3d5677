import { getSchema } from '@tiptap/core';
import { describe, expect, it } from 'vitest';
import { findUrls, isAllowedHref } from './story-link';
import { storyMarkdown, storyParser } from './story-markdown';
import { storyExtensions } from './story-schema';

describe('the link mark of our own', () => {
  it('takes http(s), mailto and the site’s own paths, and nothing that runs script', () => {
    for (const href of ['https://example.com/a?b=1#c', 'http://example.com', 'mailto:desk@example.com', '/politics/a-story', '#notes', 'HTTPS://EXAMPLE.COM'])
      expect(isAllowedHref(href), href).toBe(true);
    for (const href of ['javascript:alert(1)', 'JavaScript:alert(1)', ' java\tscript:alert(1)', 'java\u0000script:alert(1)', 'data:text/html,<b>x</b>', 'vbscript:x', ''])
      expect(isAllowedHref(href), JSON.stringify(href)).toBe(false);
  });

  it('finds the URLs in pasted text, without a sentence’s closing punctuation', () => {
    expect(findUrls('See https://example.com/report?id=4. And (http://a.org/x), then https://b.net/y!')).toEqual([
      { index: 4, text: 'https://example.com/report?id=4', data: { href: 'https://example.com/report?id=4' } },
      { index: 42, text: 'http://a.org/x', data: { href: 'http://a.org/x' } },
      { index: 64, text: 'https://b.net/y', data: { href: 'https://b.net/y' } },
    ]);
    expect(findUrls('no links here, example.com neither')).toEqual([]);
  });

  it('reads and writes links as the starter kit’s link did', () => {
    const parser = storyParser(getSchema(storyExtensions()));
    for (const text of ['A [link](https://example.com "Title") and <https://example.com/auto>.', '[mail](mailto:desk@example.com) and [home](/)']) {
      expect(storyMarkdown(parser.parse(text))).toBe(text);
    }
  });
});
