import { beforeAll, describe, expect, it } from 'vitest';
import { readSeedContent, DEMO_CONTENT_DIR } from '@/ops/seed-content';
import { bestCpuMs, proseRenderMs, renderUncached } from '@/test/support/cpu-ratio';
import { MARKDOWN_MAX_DEPTH, MARKDOWN_MAX_STEPS, markdownProblem, previewHtml, renderMarkdown, renderMarkdownChecked } from './markdown';

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
    ['[x](javascript:alert(1))', /href="?javascript:|<a[^>]*>x</],
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

/** A small deterministic generator, so a failing soup can be reproduced from its seed. */
function random(seed: number) {
  return () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}
function soup(alphabet: readonly string[], length: number, next: () => number): string {
  let text = '';
  while (text.length < length) text += alphabet[Math.floor(next() * alphabet.length)];
  return text.slice(0, length);
}

// Every Markdown text up to the body limit must render in time linear in its length, or be refused with
// a reason: marked took 12.6 s on '_a' x 30,000 and overflowed the stack on 2,000 nested '>'. The work
// limit (MARKDOWN_MAX_STEPS) is the guarantee and is asserted exactly; time is compared with ordinary
// prose (test/support/cpu-ratio.ts). Hostile texts cost 0.1-2x that prose today.
const MAX_RATIO_TO_PROSE = 10;
const BODY_LIMIT = 100_000;
let proseMs = 0;
beforeAll(() => {
  proseMs = proseRenderMs(BODY_LIMIT);
});
function expectFastOrRefused(markdown: string) {
  const result = renderUncached(markdown);
  const ms = bestCpuMs(() => renderUncached(markdown));
  const ratio = ms / proseMs;
  expect(ratio, `${markdown.length} characters took ${ms.toFixed(1)} ms, ${ratio.toFixed(1)}x the prose (${result.steps} steps)`).toBeLessThan(
    MAX_RATIO_TO_PROSE,
  );
  expect(result.steps).toBeLessThanOrEqual(MARKDOWN_MAX_STEPS + 1);
  if (!result.ok) {
    expect(markdownProblem(markdown)).toMatch(/nest at most|too many formatting marks/);
    expect(result.html).not.toMatch(/<(?!\/?p>)/);
  }
  return result;
}

describe('renderMarkdown on hostile input', () => {
  it.each([
    ["'_a' x 50,000", '_a'.repeat(50_000)],
    ["'*a' x 50,000", '*a'.repeat(50_000)],
    ["'**a' x 33,333", '**a'.repeat(33_333)],
    ["'~~a' x 33,333", '~~a'.repeat(33_333)],
    ["'[' x 100,000", '['.repeat(BODY_LIMIT)],
    ["'![' x 50,000", '!['.repeat(50_000)],
    ["'[a](' x 25,000", '[a]('.repeat(25_000)],
    ["'`a' x 50,000", '`a'.repeat(50_000)],
    ["'<a' x 50,000", '<a'.repeat(50_000)],
    ["2,000 nested '>'", '> '.repeat(2_000) + 'deep'],
    ["3,000 nested '- '", '- '.repeat(3_000) + 'deep'],
    ['2,000 indented list levels', Array.from({ length: 2_000 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n')],
    ['a 1,000-row table', ('| a '.repeat(40) + '|\n').repeat(1_000)],
  ])('%s renders in time linear in its length, or is refused with a reason', (_name, markdown) => {
    expectFastOrRefused(markdown.slice(0, BODY_LIMIT));
  });

  it('renders random soups of delimiters up to the body limit each in linear time, or refuses them', () => {
    const alphabets = [
      ['*', '_', '[', ']', '(', ')', '`', '<', '>', '!', '~', '\\', ' ', '\n', '-', '#', '|', 'a'],
      ['*', '_', '[', ']', '`', 'a', ' '],
      ['> ', '- ', '1. ', '  ', '\n', 'a', '*'],
      ['[', '](', ')', '<', 'http://', 'www.', '.', '@', 'a'],
    ];
    const next = random(2026);
    for (let round = 0; round < 24; round++) {
      const length = round < 4 ? BODY_LIMIT : Math.floor(1_000 + next() * (BODY_LIMIT - 1_000));
      expectFastOrRefused(soup(alphabets[round % alphabets.length]!, length, next));
    }
  });

  it('refuses quotes and lists nested deeper than the limit, and renders them up to it', () => {
    const quotes = (depth: number) => '> '.repeat(depth) + 'deep';
    const lists = (depth: number) => Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}- level ${i + 1}`).join('\n');
    expect(renderMarkdownChecked(quotes(MARKDOWN_MAX_DEPTH)).ok).toBe(true);
    expect(renderMarkdownChecked(lists(MARKDOWN_MAX_DEPTH)).ok).toBe(true);
    expect(renderMarkdownChecked(quotes(MARKDOWN_MAX_DEPTH + 1))).toMatchObject({ ok: false, problem: 'too-deep' });
    expect(renderMarkdownChecked(lists(MARKDOWN_MAX_DEPTH + 1))).toMatchObject({ ok: false, problem: 'too-deep' });
    expect(markdownProblem(quotes(2_000))).toBe(
      'Quotes and lists can nest at most 20 levels deep: remove some of the > or - at the start of the deepest lines.',
    );
  });

  it('lays out ordinary articles well within the work limit', () => {
    const article = Array.from(
      { length: 40 },
      (_, i) => `## Part ${i}\n\nA paragraph with *emphasis*, **strength**, a [link](https://example.org/${i}) and \`code\`.\n\n- one\n- two\n\n> A quote.`,
    ).join('\n\n');
    const result = renderMarkdownChecked(article);
    expect(result.ok).toBe(true);
    expect(result.steps).toBeLessThan(MARKDOWN_MAX_STEPS / 2);
  });

  it('lays out every demo article, with its headings, lists and quotes, far within the limits', () => {
    const content = readSeedContent(DEMO_CONTENT_DIR);
    const texts = content.sections.flatMap((file) => file.articles.flatMap((article) => [article.body, article.whyItMatters]));
    expect(texts.length).toBeGreaterThan(90);
    const html = texts.map((text) => {
      const result = renderMarkdownChecked(text);
      expect(result.ok, text.slice(0, 80)).toBe(true);
      expect(result.steps).toBeLessThan(MARKDOWN_MAX_STEPS / 10);
      return result.html;
    });
    const all = html.join('');
    for (const element of ['<h2>', '<ul>', '<li>', '<blockquote>']) expect(all).toContain(element);
  });

  it('gives up at its time budget and shows the text as escaped plain paragraphs instead', () => {
    const markdown = '<script>x</script> _a'.repeat(5_000) + '\n\nsecond';
    // 'too-slow' says the clock stopped it, before the work limit would have ('too-complex'); no wall-clock
    // assertion here, the machine may be busy.
    const result = renderMarkdownChecked(markdown, { budgetMs: 1 });
    expect(result).toMatchObject({ ok: false, problem: 'too-slow' });
    expect(result.html.startsWith('<p>&lt;script&gt;x&lt;/script&gt; _a')).toBe(true);
    expect(result.html.endsWith('<p>second</p>\n')).toBe(true);
    expect(result.html).not.toContain('<script');
  });

  it('never times out a small text, however busy the machine (only work the text causes is timed)', () => {
    expect(renderMarkdownChecked('A **strong** claim.\n\n## A subheading', { budgetMs: -1 })).toMatchObject({ ok: true });
  });

  it('previews refused text as plain text under the reason saving would give', () => {
    const html = previewHtml('> '.repeat(30) + '<b>deep</b>');
    expect(html).toMatch(/^<p><strong>Quotes and lists can nest at most 20 levels deep/);
    expect(html).toContain('&gt; &gt; &gt;');
    expect(html).toContain('&lt;b&gt;deep&lt;/b&gt;');
  });
});
