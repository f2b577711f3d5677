import { Parser } from 'htmlparser2';
import { beforeAll, describe, expect, it } from 'vitest';
import { bestCpuMs, proseRenderMs } from '@/test/support/cpu-ratio';
import type { ImageRef } from '@/db/types';
import { DEMO_CONTENT_DIR, readSeedContent } from '@/ops/seed-content';
import { renderMarkdown, renderMarkdownChecked, storyBlockProblems } from '@/lib/markdown';
import { embedFrameOrigins, findBlockProblems, isEmbedFrame, parseAttributes, quoteAttribute, recogniseEmbed, renumberImages } from '.';

const image = (id: number, alt = `Library alt ${id}`): ImageRef => ({
  src: `/media/img${id}-1600.webp`,
  width: 1600,
  height: 900,
  alt,
  caption: `Library caption ${id}`,
  credit: `Library credit ${id}`,
  variants: [480, 960, 1600].map((width) => ({ src: `/media/img${id}-${width}.webp`, width })),
});
const library = new Map([1, 2, 3].map((id) => [id, image(id)]));
let lookups: number[][] = [];
const lookup = (ids: readonly number[]) => {
  lookups.push([...ids]);
  return new Map(ids.flatMap((id) => (library.has(id) ? [[id, library.get(id)!] as const] : [])));
};
const render = (markdown: string) => renderMarkdown(markdown, lookup);

describe('block attributes', () => {
  it('reads digits, quoted text and the \\" and \\\\ escapes', () => {
    const text = 'id=12 alt="A \\"big\\" crowd \\\\ here" size="wide"';
    expect(parseAttributes(text)).toEqual({
      ok: true,
      attributes: { id: '12', alt: 'A "big" crowd \\ here', size: 'wide' },
      // Where each value is written, quotes left out: what a rewrite of one value replaces.
      spans: { id: [3, 5], alt: [11, 34], size: [42, 46] },
    });
    expect(text.slice(3, 5)).toBe('12');
    expect(text.slice(42, 46)).toBe('wide');
  });
  it.each([
    ['id=12 alt="open', /no closing quote/],
    ['id=abc', /double quotes/],
    ['id=1 id=2', /given twice/],
    ['="x"', /attribute name/],
    ['alt="a"size="b"', /space after/],
    ['alt', /needs = and a value/],
  ])('refuses %s with a reason', (text, reason) => {
    const result = parseAttributes(text);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(reason);
  });
  it('keeps line and paragraph separators, control characters and a BOM inside a value', () => {
    const value = 'a\u2028b\u2029c\uFEFF\u0001d';
    expect(render(`:::factbox{title=${quoteAttribute(value)}}\nx\n:::`)).toContain(`<h2>${value}</h2>`);
    expect(findBlockProblems(`::image{id=1 caption=${quoteAttribute(value)}}`)).toEqual([]);
  });

  it('writes values back in the canonical form', () => {
    const value = 'say "hi" \\ bye';
    expect(parseAttributes(`alt=${quoteAttribute(value)}`)).toMatchObject({ ok: true, attributes: { alt: value } });
  });
});

describe('inline images', () => {
  it('render like the hero: WebP widths, srcset and sizes, width and height, lazy, alt, caption and credit from the library', () => {
    lookups = [];
    const html = render('Text.\n\n::image{id=1}\n\nMore.');
    expect(html).toContain('<figure class="story-image story-image--column">');
    expect(html).toContain('srcset="/media/img1-480.webp 480w, /media/img1-960.webp 960w, /media/img1-1600.webp 1600w"');
    expect(html).toMatch(/<img src="\/media\/img1-960.webp"[^>]* sizes="\(min-width: 67rem\) 42rem[^"]*" alt="Library alt 1" width="1600" height="900" loading="lazy" decoding="async"/);
    expect(html).toContain('<source media="(max-width: 30rem)" srcset="/media/img1-480.webp 480w, /media/img1-960.webp 960w"');
    expect(html).not.toContain('</source>');
    expect(html).toContain('<figcaption>Library caption 1<span class="credit"> Library credit 1</span></figcaption>');
    expect(lookups).toEqual([[1]]);
  });

  it('take alt, caption and credit from the block over the library, and the size', () => {
    const html = render('::image{id=2 size="inset" alt="Own alt" caption="Own caption" credit="Own credit"}');
    expect(html).toContain('class="story-image story-image--inset"');
    expect(html).toContain('alt="Own alt"');
    expect(html).toContain('Own caption<span class="credit"> Own credit</span>');
    expect(render('::image{id=2 size="wide"}')).toContain('story-image--wide');
  });

  it('look up every image of a body in one go, however many', () => {
    lookups = [];
    const body = Array.from({ length: 200 }, (_, i) => `::image{id=${(i % 3) + 1}}`).join('\n\n');
    const html = render(body);
    expect(html.match(/<figure/g)).toHaveLength(200);
    expect(lookups).toEqual([[1, 2, 3]]);
  });

  it('a body of 200 images and 50 embeds renders within the work limit', () => {
    const blocks = Array.from({ length: 250 }, (_, i) =>
      i % 5 === 4 ? `::embed{url="https://vimeo.com/${i}" title="Clip ${i}"}` : `Paragraph ${i}.\n\n::image{id=${(i % 3) + 1} caption="Picture ${i}"}`,
    );
    const result = renderMarkdownChecked(blocks.join('\n\n'), { images: lookup });
    expect(result.ok).toBe(true);
    expect(result.html.match(/<figure class="story-image/g)).toHaveLength(200);
    expect(result.html.match(/data-embed=/g)).toHaveLength(50);
  });

  it('render nothing for an unknown id, and say so', () => {
    expect(render('::image{id=99}')).toBe('');
    expect(findBlockProblems('a\n\n::image{id=99}', new Map())).toEqual([{ line: 3, message: expect.stringMatching(/no image 99/) }]);
  });

  it('report an image with no alt text here or in the library', () => {
    expect(findBlockProblems('::image{id=4}', new Map([[4, { alt: '' }]]))[0]?.message).toMatch(/no alt text/);
    expect(findBlockProblems('::image{id=4 alt="Said here"}', new Map([[4, { alt: '' }]]))).toEqual([]);
  });
});

describe('renumbering images (a site import)', () => {
  const map = new Map([
    [1, 7],
    [2, 1],
    [12, 345],
  ]);
  const renumber = (markdown: string) => renumberImages(markdown, (id) => map.get(id));

  it('changes only the digits of each image block’s id, inline, in a gallery, in a quote and a list', () => {
    // Each line as written, and as it must come back ('' when unchanged).
    const lines: [string, string?][] = [
      ['Text naming id=1 and ::image{id=1} in a sentence.'],
      [''],
      ['::image{id=1 size="wide" caption="Not id=2 \\"::image{id=2}\\""}', '::image{id=7 size="wide" caption="Not id=2 \\"::image{id=2}\\""}'],
      [''],
      [':::gallery'],
      ['::image{id=2}', '::image{id=1}'],
      ['::image{alt="first" id="12"}', '::image{alt="first" id="345"}'],
      [':::'],
      [''],
      ['> ::image{id=12}', '> ::image{id=345}'],
      [''],
      ['- ::image{id=2 credit="x"}', '- ::image{id=1 credit="x"}'],
      [''],
      ['```'],
      ['::image{id=1}'],
      ['```'],
      [''],
      // An id the map does not know stays; a block readers do not get for its size still names its image.
      ['::image{id=99}'],
      ['::image{id=1 size="huge"}', '::image{id=7 size="huge"}'],
    ];
    const body = lines.map(([line]) => line).join('\r\n');
    expect(renumber(body)).toBe(lines.map(([line, renumbered]) => renumbered ?? line).join('\r\n'));
  });

  it('gives back the very text when nothing changes', () => {
    const body = 'No blocks.\n\n::embed{url="https://example.org/id=1"}\n';
    expect(renumber(body)).toBe(body);
    expect(renumberImages('::image{id=5}', (id) => id)).toBe('::image{id=5}');
  });
});

describe('containers', () => {
  it('a gallery holds its images in a grid with captions', () => {
    const html = render(':::gallery\n::image{id=1 caption="One"}\n::image{id=2}\n:::');
    expect(html).toMatch(/^<div class="gallery">\n<figure class="story-image">/);
    expect(html).toContain('One<span class="credit">');
    expect(html).toContain('(min-width: 31.5rem) calc(50vw - 1.4rem)');
  });
  it('a pull quote is a figure with a blockquote and its attribution', () => {
    expect(render(':::pullquote{cite="Ana Díaz, mayor"}\nWe will *rebuild*.\n:::')).toBe(
      '<figure class="pullquote"><blockquote>\n<p>We will <em>rebuild</em>.</p>\n</blockquote><figcaption>Ana Díaz, mayor</figcaption></figure>\n',
    );
  });
  it('a fact box is an aside with a heading', () => {
    expect(render(':::factbox{title="What we know"}\n- one\n:::')).toBe(
      '<aside class="factbox" aria-label="What we know">\n<h2>What we know</h2>\n<ul>\n<li>one</li>\n</ul>\n</aside>\n',
    );
  });
  it('a table scrolls in its own region, with its caption and column headers', () => {
    const html = render(':::table{caption="Votes"}\n| Region | Votes |\n|---|---:|\n| North | 1,204 |\n:::');
    expect(html).toContain('<div class="table-wrap" role="region" tabindex="0" aria-label="Votes"><table>\n<caption>Votes</caption>');
    expect(html).toContain('<th style="text-align:right" scope="col">Votes</th>');
    expect(html).toContain('<td style="text-align:right">1,204</td>');
  });
  it('a bare pipe table is a table without a caption', () => {
    expect(render('| a |\n|---|\n| b |')).toContain('<div class="table-wrap" role="region" tabindex="0" aria-label="Table"><table>\n<thead>');
  });
  it('keeps sub-headings and rules', () => {
    expect(render('## Sub\n\n### Subsub\n\n---\n\nx')).toBe('<h2>Sub</h2>\n<h3>Subsub</h3>\n<hr />\n<p>x</p>\n');
  });
});

describe('embeds', () => {
  it.each([
    ['https://www.youtube.com/watch?v=dQw4w9WgXcQ', 'YouTube', 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ'],
    ['https://youtu.be/dQw4w9WgXcQ', 'YouTube', 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ'],
    ['https://vimeo.com/76979871', 'Vimeo', 'https://player.vimeo.com/video/76979871?dnt=1'],
    ['https://x.com/nasa/status/1234567890', 'X', 'https://platform.twitter.com/embed/Tweet.html?id=1234567890&dnt=true'],
    ['https://twitter.com/nasa/status/1234567890', 'X', 'https://platform.twitter.com/embed/Tweet.html?id=1234567890&dnt=true'],
    ['https://bsky.app/profile/did:plc:abc123/post/3kxyz', 'Bluesky', 'https://embed.bsky.app/embed/did:plc:abc123/app.bsky.feed.post/3kxyz'],
    ['https://bsky.app/profile/someone.bsky.social/post/3kxyz', 'Bluesky', null],
    ['https://mastodon.social/@Gargron/112233', 'Mastodon', 'https://mastodon.social/@Gargron/112233/embed'],
    ['https://www.instagram.com/p/C1a2b3/', 'Instagram', 'https://www.instagram.com/p/C1a2b3/embed'],
    ['https://www.tiktok.com/@scout/video/7012345678901234567', 'TikTok', 'https://www.tiktok.com/embed/v2/7012345678901234567'],
  ])('recognises %s', (url, provider, frame) => {
    expect(recogniseEmbed(url)).toMatchObject({ provider, frame });
    if (frame) expect(isEmbedFrame(frame)).toBe(true);
  });

  it.each(['https://example.org/watch?v=dQw4w9WgXcQ', 'javascript:alert(1)', 'https://www.youtube.com/watch?v=short', 'https://evil.example.com:8080/@a/1', 'ftp://x.com/a/status/1'])(
    'leaves %s a link',
    (url) => expect(recogniseEmbed(url)).toBeNull(),
  );

  it('render a facade that loads nothing: provider, title, the link; the frame address only as data', () => {
    const html = render('::embed{url="https://www.youtube.com/watch?v=dQw4w9WgXcQ" title="The launch"}');
    expect(html).toBe(
      '<figure class="embed embed--video" data-embed="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"><p class="embed__provider">YouTube video</p>' +
        '<blockquote class="embed__text"><p>The launch</p></blockquote><figcaption><a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ" rel="noopener noreferrer">Watch on YouTube</a></figcaption></figure>\n',
    );
    expect(html).not.toMatch(/<iframe|<script|src="https/);
  });

  it('a post without a frame address, and an unknown site, stay links', () => {
    expect(render('::embed{url="https://bsky.app/profile/a.bsky.social/post/3k"}')).not.toContain('data-embed');
    expect(render('::embed{url="https://example.org/story" title="Elsewhere"}')).toBe('<p><a href="https://example.org/story" rel="noopener noreferrer">Elsewhere</a></p>\n');
  });

  it('give a page the origins of its frames for its policy, and no others', () => {
    const html = render('::embed{url="https://vimeo.com/1"}\n\n::embed{url="https://youtu.be/dQw4w9WgXcQ"}') + '<figure data-embed="https://evil.example/x">';
    expect(embedFrameOrigins(html)).toEqual(['https://player.vimeo.com', 'https://www.youtube-nocookie.com']);
  });
});

describe('hostile attribute values and raw HTML', () => {
  const payload = '"><script>alert(1)</script><img src=x onerror=alert(2)>';
  const quoted = quoteAttribute(payload);
  it.each([
    ['image alt', `::image{id=1 alt=${quoted}}`],
    ['image caption', `::image{id=1 caption=${quoted}}`],
    ['image credit', `::image{id=1 credit=${quoted}}`],
    ['embed title', `::embed{url="https://youtu.be/dQw4w9WgXcQ" title=${quoted}}`],
    ['embed url', `::embed{url="https://youtu.be/dQw4w9WgXcQ${payload.replace(/"/g, '\\"')}"}`],
    ['pullquote cite', `:::pullquote{cite=${quoted}}\nq\n:::`],
    ['factbox title', `:::factbox{title=${quoted}}\nq\n:::`],
    ['table caption', `:::table{caption=${quoted}}\n| a |\n|---|\n| b |\n:::`],
  ])('%s stays text', (_name, markdown) => {
    const html = render(markdown);
    // Parsed as a browser would: no element or handler of the payload's.
    const elements: { name: string; attribs: Record<string, string> }[] = [];
    new Parser({ onopentag: (name, attribs) => elements.push({ name, attribs }) }).end(html);
    expect(elements.filter((e) => e.name === 'script' || Object.keys(e.attribs).some((a) => a.startsWith('on')) || e.attribs.src === 'x')).toEqual([]);
    // Shown as the text typed, or (an address with spaces is no address) not at all.
    if (html !== '') expect(html).toMatch(/&lt;script&gt;alert\(1\)|%3Cscript%3E/);
  });

  it.each([
    ['a javascript: embed address', '::embed{url="javascript:alert(1)" title="x"}', /javascript:/],
    ['an image from elsewhere', '<img src="https://evil.example/p.png" alt="x">', /evil|<img/],
    ['a library image with a handler', '<img src="/media/a-480.webp" onerror="alert(1)" alt="x">', /onerror/],
    ['a foreign srcset', '<img src="/media/a-480.webp" srcset="https://evil.example/p.png 480w" alt="x">', /evil/],
    ['a foreign frame address', '<figure class="embed" data-embed="https://evil.example/x">x</figure>', /evil/],
    ['an iframe', '<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"></iframe>', /<iframe/],
    ['a role and tabindex of its own', '<div role="button" tabindex="-1" class="gallery evil">x</div>', /button|-1|evil/],
    ['a source for print', '<picture><source media="print" sizes="100vw" srcset="/media/a-480.webp 480w"></picture>', /print|100vw/],
    ['a style beyond alignment', '<table><tr><td style="background:url(https://evil.example/t)">x</td></tr></table>', /evil|background/],
  ])('drops %s', (_name, markdown, forbidden) => {
    expect(render(markdown)).not.toMatch(forbidden);
  });
});

describe('problems, line by line, never silent', () => {
  it('lists unknown blocks and attributes, missing ids, bad values, tables without a table and strays in a gallery', () => {
    const body = [
      '::video{url="x"}', // 1
      '',
      '::image{size="wide"}', // 3
      '',
      '::image{id=1 colour="red"}', // 5
      '',
      '::image{id=1 size="huge"}', // 7
      '',
      ':::table{caption="x"}', // 9
      'no table here',
      ':::',
      '',
      ':::gallery', // 13
      '::embed{url="https://youtu.be/dQw4w9WgXcQ"}', // 14
      ':::',
      '',
      ':::sidebar', // 17
      'x',
      ':::',
    ].join('\n');
    const problems = findBlockProblems(body);
    expect(problems.map((p) => p.line)).toEqual([1, 3, 5, 7, 9, 14, 17]);
    expect(problems.map((p) => p.message).join('\n')).toMatch(/Unknown block “video”[\s\S]*needs id[\s\S]*colour[\s\S]*size must be[\s\S]*needs a table[\s\S]*::image lines only[\s\S]*Unknown block “sidebar”/);
  });

  it('shows nothing harmful of a broken block to readers', () => {
    expect(render('::video{url="https://evil.example"}')).toBe('');
    expect(render(':::sidebar\nKept text.\n:::')).toBe('<p>Kept text.</p>\n');
  });

  it('has nothing to say about a body without blocks, or with good ones', () => {
    expect(storyBlockProblems('Just *text*.\n\n## Heading', lookup)).toBeNull();
    expect(storyBlockProblems(':::gallery\n::image{id=1}\n::image{id=2}\n:::', lookup)).toBeNull();
    expect(storyBlockProblems('::image{id=42}', lookup)).toMatch(/^Story blocks: line 1: There is no image 42/);
  });
});

describe('hostile block syntax stays within the work limit', () => {
  const LIMIT = 100_000;
  // Compared with rendering as much ordinary prose (test/support/cpu-ratio.ts), not timed: these cost
  // 0.7-3.6x it today, and anything quadratic hundreds of times.
  const MAX_RATIO_TO_PROSE = 15;
  let proseMs = 0;
  beforeAll(() => {
    proseMs = proseRenderMs(LIMIT);
  });
  it.each([
    ['unclosed containers', ':::gallery\n'.repeat(10_000)],
    ['containers closing each other', ':::pullquote\n:::\n'.repeat(6_000)],
    ['a long quoted value', `::image{id=1 alt="${'\\"'.repeat(45_000)}"}`],
    ['unterminated attributes', '::image{alt="'.repeat(7_000)],
    ['leaf lines', '::image{id=1}\n'.repeat(7_000)],
    ['colons', ':'.repeat(LIMIT)],
    ['brace soup', '::a{'.repeat(25_000)],
  ])('%s: in time linear in its length, or refused', (_name, markdown) => {
    const text = markdown.slice(0, LIMIT);
    let result = renderMarkdownChecked('');
    let problems: unknown[] = [];
    const ms = bestCpuMs(() => {
      result = renderMarkdownChecked(text, { images: lookup });
      problems = findBlockProblems(text);
    });
    expect(ms / proseMs, `${ms.toFixed(1)} ms against ${proseMs.toFixed(1)} ms for as much prose`).toBeLessThan(MAX_RATIO_TO_PROSE);
    expect(result.ok || result.html.length > 0).toBe(true);
    expect(Array.isArray(problems)).toBe(true);
  });
});

describe('the demo newsroom', () => {
  const articles = readSeedContent(DEMO_CONTENT_DIR).sections.flatMap((file) => file.articles);
  const heroes = articles.filter((a) => a.hero).length;
  const demoLibrary = (ids: readonly number[]) => new Map(ids.filter((id) => id <= heroes).map((id) => [id, image(id)]));
  const count = (re: RegExp) => articles.filter((a) => re.test(a.body)).length;

  it('shows every kind of block: 10 stories with images (2 galleries), 5 pull quotes, 3 embeds of different sites, 2 tables, 3 fact boxes', () => {
    expect(count(/^::image\{/m)).toBeGreaterThanOrEqual(10);
    expect(count(/^:::gallery$/m)).toBeGreaterThanOrEqual(2);
    expect(count(/^:::pullquote\{/m)).toBeGreaterThanOrEqual(5);
    expect(count(/^:::table\{/m)).toBeGreaterThanOrEqual(2);
    expect(count(/^:::factbox\{/m)).toBeGreaterThanOrEqual(3);
    const providers = new Set(articles.flatMap((a) => [...a.body.matchAll(/^::embed\{url="([^"]+)"/gm)].map((m) => recogniseEmbed(m[1]!)?.provider)));
    expect(providers.size).toBeGreaterThanOrEqual(3);
    expect(providers.has(undefined)).toBe(false);
  });

  it('has no problem in any demo body (every image id is one of the demo library’s)', () => {
    for (const article of articles) expect(storyBlockProblems(article.body, demoLibrary), article.slug).toBeNull();
  });
});
