import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown';

describe('renderMarkdown', () => {
  it('renders paragraphs, emphasis, lists, quotes and subheadings', () => {
    const html = renderMarkdown('First *para*.\n\n## Sub\n\n- one\n- two\n\n> quoted');
    expect(html).toContain('<p>First <em>para</em>.</p>');
    expect(html).toContain('<h2>Sub</h2>');
    expect(html).toContain('<li>one</li>');
    expect(html).toContain('<blockquote>');
  });

  it('turns a level-one heading into h2, because the headline is the page h1', () => {
    expect(renderMarkdown('# Big')).toBe('<h2>Big</h2>\n');
  });

  it.each([
    ['<script>alert(1)</script>', /<script|alert/],
    ['<img src=x onerror="alert(1)">', /<img|onerror/],
    ['<iframe src="https://evil.example"></iframe>', /<iframe|evil/],
    ['<p onclick="alert(1)" style="color:red">hi</p>', /onclick|style/],
    ['[x](javascript:alert(1))', /javascript:/],
    ['<a href="data:text/html,<script>alert(1)</script>">x</a>', /data:|<script/],
    ['<svg><script>alert(1)</script></svg>', /<svg|<script/],
    ['<style>body{display:none}</style>', /<style|display/],
  ])('removes dangerous markup: %s', (markdown, forbidden) => {
    expect(renderMarkdown(markdown)).not.toMatch(forbidden);
  });

  it('keeps web links and marks external ones noopener', () => {
    const html = renderMarkdown('[site](https://example.org/a) and [local](/politics)');
    expect(html).toContain('<a href="https://example.org/a" rel="noopener noreferrer">site</a>');
    expect(html).toContain('<a href="/politics">local</a>');
  });

  it('keeps the text of dropped tags readable', () => {
    expect(renderMarkdown('<div>inside a div</div>')).toContain('inside a div');
  });
});
