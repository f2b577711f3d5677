import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { getSchema } from '@tiptap/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { embedProvider, parseAttributes, writeAttributes } from './directives';
import { storyMarkdown, storyParser } from './story-markdown';
import { storyExtensions } from './story-schema';

const schema = getSchema(storyExtensions());
const parser = storyParser(schema);
const roundTrip = (markdown: string) => storyMarkdown(parser.parse(markdown));

const seedBodies = readdirSync('ops/seed-content')
  .filter((f) => f.endsWith('.json'))
  .flatMap((f) => {
    const content = JSON.parse(readFileSync(path.join('ops/seed-content', f), 'utf8')) as { articles?: { headline: string; body?: string }[] };
    return (content.articles ?? []).filter((a) => a.body).map((a) => [a.headline, a.body!] as const);
  });

describe('the visual editor writes back what it read', () => {
  it('finds the demo articles', () => expect(seedBodies.length).toBeGreaterThan(40));

  it.each(seedBodies)('demo article: %s', (_headline, body) => {
    expect(roundTrip(body)).toBe(body.replace(/\s+$/, ''));
  });

  const blocks = [
    '::image{id=12 size="wide" alt="A crowd outside parliament" caption="Protesters on Tuesday" credit="Jane Doe/Agency"}',
    '::image{id=3}',
    '::image{id=7 size="inset" alt="He said \\"no\\" \\\\ twice"}',
    '::embed{url="https://www.youtube.com/watch?v=dQw4w9WgXcQ" title="Optional title or post text"}',
    ':::gallery\n::image{id=12 caption="One"}\n::image{id=13}\n:::',
    ':::pullquote{cite="Name, role"}\nThe quoted words, *plain* text with **inline** Markdown.\n:::',
    ':::factbox{title="What we know"}\nA paragraph.\n\n- one\n- two\n:::',
    ':::table{caption="Results by region"}\n| Region | Votes |\n|---|---:|\n| North | 1,204 |\n| *South* | 3 \\| 4 |\n:::',
    '| Bare | Table |\n|:---|:---:|\n| a | b |',
    '---',
    '## A subheading',
    '### A smaller one',
    '> A quote\n> over two lines',
    '1. first\n\n2. second\n\n   with a second paragraph',
    '- tight\n- list\n  - nested',
    'A [link](https://example.com "title") and <https://example.com/auto> and `code`.',
    'Line one\nline two, a soft break kept as written.',
    'A hard\\\nbreak.',
  ];
  it.each(blocks)('block: %s', (markdown) => {
    expect(roundTrip(markdown)).toBe(markdown);
  });

  it('reads every block as its own node', () => {
    const names: string[] = [];
    parser.parse(blocks.slice(0, 10).join('\n\n')).forEach((node) => names.push(node.type.name));
    expect(names).toEqual(['storyImage', 'storyImage', 'storyImage', 'storyEmbed', 'storyGallery', 'pullQuote', 'factBox', 'storyTable', 'storyTable', 'horizontalRule']);
  });

  const unsupported = [
    ['::video{id=1}', 'unknown block'],
    ['::image{size="wide"}', 'needs the id'],
    ['::image{id=4 colour="red"}', 'unknown attribute'],
    ['::image{id=4 size="huge"}', 'unknown size'],
    ['::image{id=4 alt=unquoted}', 'do not parse'],
    [':::factbox{title="Never closed"}', 'never closed'],
    [':::sidebar\ntext\n:::', 'unknown block'],
    [':::gallery\nnot an image\n:::', 'only ::image'],
    [':::pullquote\none\n\ntwo\n:::', 'one paragraph'],
    ['<div class="x">raw <b>HTML</b></div>', 'raw HTML'],
  ] as const;
  it.each(unsupported)('keeps %s verbatim, with the reason', (markdown, reason) => {
    const doc = parser.parse(`Before.\n\n${markdown}\n\nAfter.`);
    const raw: string[] = [];
    doc.descendants((node) => {
      if (node.type.name === 'rawBlock') raw.push(String(node.attrs.reason));
    });
    expect(raw.join(' ')).toContain(reason);
    expect(storyMarkdown(doc)).toBe(`Before.\n\n${markdown}\n\nAfter.`);
  });

  it('writes no empty paragraphs (the line after a block that the cursor waits on)', () => {
    const doc = schema.nodeFromJSON({
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'One.' }] }, { type: 'paragraph' }, { type: 'horizontalRule' }, { type: 'paragraph' }],
    });
    expect(storyMarkdown(doc)).toBe('One.\n\n---');
  });

  it('keeps inline HTML, entities and Markdown images as written', () => {
    const markdown = 'An <abbr>EU</abbr> &amp; a ![chart](/c.png "Chart") here.';
    expect(roundTrip(markdown)).toBe(markdown);
  });

  // A generated corpus in canonical form: any mix of the blocks, with text that needs escaping.
  const word = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9,.'"()?!&%$#@:;+=-]{0,11}$/);
  const words = fc.array(word, { minLength: 1, maxLength: 8 }).map((w) => w.join(' '));
  const attr = fc.string({ maxLength: 20 }).map((s) => s.replace(/[\r\n]/g, ' ').trim());
  const inline = fc
    .array(
      fc.oneof(
        words,
        words.map((w) => `**${w}**`),
        words.map((w) => `*${w}*`),
        fc.tuple(words, fc.webUrl()).map(([w, u]) => `[${w}](${u.replace(/[()\s]/g, '')})`),
      ),
      { minLength: 1, maxLength: 4 },
    )
    .map((parts) => parts.join(' '));
  const image = fc
    .record({ id: fc.integer({ min: 1, max: 99_999 }), size: fc.constantFrom('column', 'wide', 'inset'), alt: attr, caption: attr, credit: attr })
    .map((a) => `::image${writeAttributes('image', a)}`);
  const blockArb = fc.oneof(
    inline,
    inline.map((t) => `## ${t}`),
    inline.map((t) => `### ${t}`),
    inline.map((t) => `> ${t}`),
    fc.array(inline, { minLength: 1, maxLength: 4 }).map((items) => items.map((t) => `- ${t}`).join('\n')),
    fc.array(inline, { minLength: 1, maxLength: 4 }).map((items) => items.map((t, i) => `${i + 1}. ${t}`).join('\n')),
    fc.constant('---'),
    image,
    fc.array(image, { minLength: 1, maxLength: 5 }).map((images) => `:::gallery\n${images.join('\n')}\n:::`),
    fc.tuple(attr, inline).map(([cite, t]) => `:::pullquote${writeAttributes('pullquote', { cite })}\n${t}\n:::`),
    fc.tuple(attr, inline, inline).map(([title, a, b]) => `:::factbox${writeAttributes('factbox', { title })}\n${a}\n\n- ${b}\n:::`),
    fc.tuple(attr, fc.array(words, { minLength: 2, maxLength: 2 }), fc.array(fc.array(words, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 3 })).map(([caption, header, rows]) => {
      const table = [`| ${header.join(' | ')} |`, '|---|---:|', ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
      return caption ? `:::table${writeAttributes('table', { caption })}\n${table}\n:::` : table;
    }),
    fc.tuple(fc.constantFrom('https://www.youtube.com/watch?v=abcdefghijk', 'https://bsky.app/profile/a.bsky.social/post/3kxyz'), attr).map(([url, title]) => `::embed${writeAttributes('embed', { url, title })}`),
  );

  // Three runs of 100 bodies each (split so that none takes long on a busy machine).
  it.each([16, 17, 18])('writes back every generated body (canonical form) unchanged (seed %i)', (seed) => {
    fc.assert(
      fc.property(fc.array(blockArb, { minLength: 1, maxLength: 8 }), (parts) => {
        const markdown = parts.join('\n\n');
        // Text that is not canonical (a word that escapes differently) must at least settle after one pass.
        const once = roundTrip(markdown);
        expect(roundTrip(once)).toBe(once);
        // Blocks are exactly as written.
        const directives = (text: string) => text.split('\n').filter((line) => line.startsWith('::') || line.startsWith('|'));
        expect(directives(once)).toEqual(directives(markdown));
      }),
      { numRuns: 100, seed },
    );
  });
});

describe('directive attributes', () => {
  it('reads and writes quotes and backslashes', () => {
    const written = writeAttributes('image', { id: 5, size: 'column', alt: 'a "b" \\ c', caption: '', credit: 'X' });
    expect(written).toBe('{id=5 alt="a \\"b\\" \\\\ c" credit="X"}');
    expect(Object.fromEntries(parseAttributes(written.slice(1, -1))!)).toEqual({ id: '5', alt: 'a "b" \\ c', credit: 'X' });
  });
  it('refuses what does not parse', () => {
    expect(parseAttributes('id=5 alt="x')).toBeNull();
    expect(parseAttributes('id=5 id=6')).toBeNull();
    expect(parseAttributes('id=5alt="x"')).toBeNull();
  });
  it('recognises the embed providers by the shape of the link', () => {
    expect(embedProvider('https://www.youtube.com/watch?v=dQw4w9WgXcQ')).toBe('YouTube');
    expect(embedProvider('https://youtu.be/dQw4w9WgXcQ')).toBe('YouTube');
    expect(embedProvider('https://vimeo.com/76979871')).toBe('Vimeo');
    expect(embedProvider('https://x.com/user/status/123456')).toBe('X');
    expect(embedProvider('https://bsky.app/profile/a.bsky.social/post/3kxyz')).toBe('Bluesky');
    expect(embedProvider('https://mastodon.social/@Gargron/109283837283')).toBe('Mastodon');
    expect(embedProvider('https://www.instagram.com/p/Cabc123/')).toBe('Instagram');
    expect(embedProvider('https://www.tiktok.com/@user/video/7123456789')).toBe('TikTok');
    expect(embedProvider('https://example.com/page')).toBeNull();
    expect(embedProvider('javascript:alert(1)')).toBeNull();
  });
});
