import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import type { ImageRef } from '@/db/types';
import { NARROW_SCREEN, storyImageSizes } from './media/responsive-images';
import { isEmbedFrame } from './story-blocks/embeds';
import { findBlockProblems, describeBlockProblems, imageIdsIn } from './story-blocks/problems';
import { imageIdsOf, renderStoryBlocks, type BlockRenderEnv } from './story-blocks/render';
import { storyBlocks } from './story-blocks/syntax';

/**
 * Article Markdown to safe HTML, built for hostile input (decision 11):
 * - markdown-it parses in linear time (it keeps a flat token stream: no recursion on inline markup);
 * - quotes and lists may nest at most MARKDOWN_MAX_DEPTH deep: validation refuses deeper text, and the
 *   renderer shows it as plain text rather than dropping what lies deeper;
 * - every render has a work limit (MARKDOWN_MAX_STEPS), counted inside the parser and the sanitiser as
 *   they go: text that reaches it is refused by validation, and shown as escaped plain paragraphs by
 *   any other render, so no text can hold the thread;
 * - the editor's live preview also has a time budget (MARKDOWN_BUDGET_MS), checked at the same points;
 * - readers never wait for any of it: the HTML is rendered when an article is saved and stored with it.
 */

/** How deep quotes and lists may nest (a quote in a list in a list counts 3). */
export const MARKDOWN_MAX_DEPTH = 20;
/** How long the editor's preview may take to render before it shows the text as plain paragraphs. */
export const MARKDOWN_BUDGET_MS = 80;

/**
 * How much work one render may do, counted in parser and sanitiser steps (one per inline token tried,
 * block line, tag and piece of text). Deterministic, unlike time: the same text is always accepted or
 * always refused. The 49 demo articles together (100,000 characters) take 2,240 steps; hostile text
 * reaches the limit in a few tens of milliseconds of CPU (decision 11 has the figures).
 */
export const MARKDOWN_MAX_STEPS = 10_000;

class OverBudget extends Error {}

// The parser's own guard on nesting; above MARKDOWN_MAX_DEPTH (each list level is two tokens deep) so
// any text it would cut short has already been found too deep.
const MAX_TOKEN_NESTING = 2 * MARKDOWN_MAX_DEPTH + 10;

// GFM pipe tables are in markdown-it's default preset; story blocks (decision 17) are added here.
const md = new MarkdownIt('default', { html: true, linkify: false, typographer: false, breaks: false, maxNesting: MAX_TOKEN_NESTING });
md.use(storyBlocks);
renderStoryBlocks(md);

// The render in progress (renders are synchronous, so one at a time per thread).
let deadline = Infinity;
let steps = 0;
let timedOut = false;
// Below this much work a render has used a few milliseconds of CPU at most: if the clock says it ran
// over, the machine was busy, not the text hard, and stopping it would only fail ordinary previews.
const STEPS_BEFORE_TIMING = 1_000;
function checkDeadline(): void {
  if (steps >= STEPS_BEFORE_TIMING && performance.now() > deadline) {
    timedOut = true;
    throw new OverBudget();
  }
}
function step(): void {
  if (++steps > MARKDOWN_MAX_STEPS) throw new OverBudget();
  if ((steps & 31) === 0) checkDeadline();
}
// Checkpoints inside the parser: before each block rule pass (per line), before each inline token
// (also inside link-label scans, which re-enter the inline rules), before each pass that pairs
// * _ ~ delimiters, and between the core stages.
md.block.ruler.before('table', 'budget', () => {
  step();
  return false;
});
md.inline.ruler.before('text', 'budget', () => {
  step();
  return false;
});
for (const pass of ['balance_pairs', 'strikethrough', 'emphasis', 'fragments_join']) {
  md.inline.ruler2.before(pass, `budget_${pass}`, checkDeadline);
}
for (const stage of ['block', 'inline']) {
  md.core.ruler.after(stage, `budget_${stage}`, checkDeadline);
}

/**
 * What an article body may contain once rendered: Markdown's own markup and exactly what story blocks
 * write (lib/story-blocks/render.ts), each attribute with the values they give it. Raw HTML in the
 * Markdown is not trusted: anything outside this list is dropped, and h1 becomes h2 because the headline
 * is the page's only h1. Images come only from the site's media library, frames only as a facade's
 * address from the embeddable providers (loaded by the reader page's script on a click).
 */
const DIGITS = /^[0-9]{1,5}$/;
const MEDIA_FILE = /^\/media\/[\w.-]{1,200}$/;
const mediaSrcset = (srcset: string | undefined) =>
  srcset !== undefined && srcset.split(',').every((candidate) => /^\/media\/[\w.-]{1,200} [0-9]{1,5}w$/.test(candidate.trim()));
const IMAGE_SIZES_WRITTEN = Object.values(storyImageSizes);

const policy: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'h2', 'h3', 'h4', 'ul', 'ol', 'li', 'blockquote', 'em', 'strong', 'a', 'code', 'pre', 'hr', 'br', 'del', 'sup', 'sub',
    'figure', 'figcaption', 'picture', 'source', 'img', 'div', 'aside', 'span',
    'table', 'caption', 'thead', 'tbody', 'tr', 'th', 'td',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    figure: ['class', 'data-embed'],
    div: ['class', { name: 'role', values: ['region'] }, { name: 'tabindex', values: ['0'] }, 'aria-label'],
    aside: ['class', 'aria-label'],
    p: ['class'],
    blockquote: ['class'],
    span: ['class'],
    img: ['src', 'srcset', { name: 'sizes', values: IMAGE_SIZES_WRITTEN }, 'alt', 'width', 'height', { name: 'loading', values: ['lazy'] }, { name: 'decoding', values: ['async'] }],
    source: [{ name: 'media', values: [NARROW_SCREEN] }, 'srcset', { name: 'sizes', values: IMAGE_SIZES_WRITTEN }],
    th: [{ name: 'scope', values: ['col'] }, 'style'],
    td: ['style'],
  },
  allowedClasses: {
    figure: ['story-image', 'story-image--column', 'story-image--wide', 'story-image--inset', 'pullquote', 'embed', 'embed--video', 'embed--post'],
    div: ['gallery', 'table-wrap'],
    aside: ['factbox'],
    p: ['embed__provider'],
    blockquote: ['embed__text'],
    span: ['credit'],
  },
  allowedStyles: { th: { 'text-align': [/^(?:left|right|center)$/] }, td: { 'text-align': [/^(?:left|right|center)$/] } },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  selfClosing: [...sanitizeHtml.defaults.selfClosing, 'source'],
  // An image from anywhere but the media library, or without its file, is dropped whole.
  exclusiveFilter: (frame) => frame.tag === 'img' && !MEDIA_FILE.test(frame.attribs.src ?? ''),
  // The sanitiser's own checkpoints: it walks every tag and every piece of text (entities included).
  onOpenTag: step,
  textFilter: (text) => {
    step();
    return text;
  },
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed', 'svg', 'math', 'template'],
  transformTags: {
    h1: 'h2',
    h5: 'h4',
    h6: 'h4',
    s: 'del',
    a: (tagName, attribs) => {
      const external = /^https?:/i.test(attribs.href ?? '');
      return { tagName, attribs: external ? { ...attribs, rel: 'noopener noreferrer' } : attribs };
    },
    img: (tagName, attribs) => ({ tagName, attribs: withoutBadImageAttributes(attribs) }),
    source: (tagName, attribs) => ({ tagName, attribs: withoutBadImageAttributes(attribs) }),
    // A facade keeps its frame address only if it is one the site builds for a provider.
    figure: (tagName, { 'data-embed': frame, ...attribs }) => ({ tagName, attribs: frame !== undefined && isEmbedFrame(frame) ? { ...attribs, 'data-embed': frame } : attribs }),
  },
};

function withoutBadImageAttributes(attribs: sanitizeHtml.Attributes): sanitizeHtml.Attributes {
  const kept = { ...attribs };
  if (kept.srcset !== undefined && !mediaSrcset(kept.srcset)) delete kept.srcset;
  if (kept.width !== undefined && !DIGITS.test(kept.width)) delete kept.width;
  if (kept.height !== undefined && !DIGITS.test(kept.height)) delete kept.height;
  return kept;
}

export type MarkdownProblem = 'too-deep' | 'too-complex' | 'too-slow';
export type MarkdownResult = ({ ok: true } | { ok: false; problem: MarkdownProblem }) & {
  html: string;
  /** The work the render did (or had done when it stopped), in steps: see MARKDOWN_MAX_STEPS. */
  steps: number;
};

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The text as it was typed, in paragraphs, with nothing interpreted: what a render that failed shows. */
export function plainTextHtml(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map((paragraph) => `<p>${escapeHtml(paragraph)}</p>\n`)
    .join('');
}

/** How deep quotes and lists nest in a parsed token stream. */
function containerDepth(tokens: readonly { type: string; nesting: number; level: number }[]): number {
  let depth = 0;
  let deepest = 0;
  for (const token of tokens) {
    // The parser stops nesting at its guard: text that reached it is too deep whatever was counted.
    if (token.level >= MAX_TOKEN_NESTING - 1) return Infinity;
    if (token.type === 'blockquote_open' || token.type === 'bullet_list_open' || token.type === 'ordered_list_open') {
      deepest = Math.max(deepest, ++depth);
    } else if (token.type === 'blockquote_close' || token.type === 'bullet_list_close' || token.type === 'ordered_list_close') {
      depth--;
    }
  }
  return deepest;
}

/** Looks up the media library's images a body names, all in one go (db/media.ts getImagesByIds). */
export type ImageLookup = (ids: readonly number[]) => ReadonlyMap<number, ImageRef>;

function render(markdown: string, budgetMs: number, images?: ImageLookup): MarkdownResult {
  const fallback = (problem: MarkdownProblem): MarkdownResult => ({ ok: false, problem, html: plainTextHtml(markdown), steps });
  deadline = performance.now() + budgetMs;
  steps = 0;
  timedOut = false;
  try {
    const tokens = md.parse(markdown, {});
    if (containerDepth(tokens) > MARKDOWN_MAX_DEPTH) return fallback('too-deep');
    checkDeadline();
    const ids = images ? imageIdsOf(tokens) : [];
    const env: BlockRenderEnv = {
      images: ids.length > 0 && images ? images(ids) : undefined,
      work: (n) => {
        steps += n - 1;
        step();
      },
    };
    const html = sanitizeHtml(md.renderer.render(tokens, md.options, env), policy);
    return { ok: true, html, steps };
  } catch (error) {
    if (error instanceof OverBudget) return fallback(timedOut ? 'too-slow' : 'too-complex');
    // The parser's recursion is bounded by its nesting guard; this is a last line of defence.
    if (error instanceof RangeError) return fallback('too-deep');
    throw error;
  } finally {
    deadline = Infinity;
  }
}

// A save renders the text twice (validation, then the write) and a preview may ask again for the same
// text: the last few results are kept, so the same text costs one render.
const recent = new Map<string, MarkdownResult>();
const RECENT_KEPT = 8;

/**
 * Renders Markdown within the work limit and, if given, a time budget. When the text nests too deep or
 * the render runs over either, `ok` is false and `html` is the text as escaped plain paragraphs.
 * Without a time budget the outcome depends on the text alone (what saves and validation use).
 */
export function renderMarkdownChecked(
  markdown: string,
  { budgetMs = Infinity, images }: { budgetMs?: number; images?: ImageLookup } = {},
): MarkdownResult {
  // With images the HTML depends on the library too: rendered every time (once per save).
  if (images) return render(markdown, budgetMs, images);
  const known = recent.get(markdown);
  if (known) return known;
  const result = render(markdown, budgetMs);
  if (result.ok || result.problem !== 'too-slow') {
    recent.set(markdown, result);
    if (recent.size > RECENT_KEPT) recent.delete(recent.keys().next().value!);
  }
  return result;
}

/** Markdown to sanitised HTML, safe to put into the page as is (plain paragraphs if it cannot be laid out). */
export function renderMarkdown(markdown: string, images?: ImageLookup): string {
  return renderMarkdownChecked(markdown, { images }).html;
}

const PROBLEMS: Record<MarkdownProblem, string> = {
  'too-deep': `Quotes and lists can nest at most ${MARKDOWN_MAX_DEPTH} levels deep: remove some of the > or - at the start of the deepest lines.`,
  'too-complex':
    'This text has too many formatting marks to lay out (long runs of *, _, [, ` or similar): remove some, or put them in a code block between ``` lines.',
  'too-slow': 'The preview took too long to lay out, so it shows the text as plain paragraphs; saving checks it again.',
};

/** Why a Markdown field cannot be saved as it is, in words for the form, or null when it renders. */
export function markdownProblem(markdown: string): string | null {
  const result = renderMarkdownChecked(markdown);
  return result.ok ? null : PROBLEMS[result.problem];
}

/**
 * The editor's live preview: the text as readers will see it or, when it cannot be laid out (or not
 * within MARKDOWN_BUDGET_MS), the reason above the text as plain paragraphs.
 */
export function previewHtml(markdown: string, images?: ImageLookup): string {
  const result = renderMarkdownChecked(markdown, { budgetMs: MARKDOWN_BUDGET_MS, images });
  if (!result.ok) return `<p><strong>${escapeHtml(PROBLEMS[result.problem])}</strong></p>\n${result.html}`;
  const problems = storyBlockProblems(markdown, images);
  return problems ? `<p><strong>${escapeHtml(problems)}</strong></p>\n${result.html}` : result.html;
}

/**
 * What readers would not get of the body's story blocks as written (lib/story-blocks/problems.ts), in
 * words for the field's message, or null. With `images`, unknown image ids and missing alt text count too.
 */
export function storyBlockProblems(markdown: string, images?: ImageLookup): string | null {
  const problems = findBlockProblems(markdown, images ? knownImages(markdown, images) : undefined);
  return problems.length > 0 ? describeBlockProblems(problems) : null;
}

/**
 * Whether readers get library image `id` in this Markdown: a story block the block parser reads (inline,
 * in a gallery, a quote or a list), not the number anywhere in the text.
 */
export const showsImage = (markdown: string, id: number): boolean => imageIdsIn(markdown).includes(id);

function knownImages(markdown: string, images: ImageLookup) {
  const ids = imageIdsIn(markdown);
  return ids.length > 0 ? images(ids) : new Map<number, ImageRef>();
}

// The first render in a process compiles the parser's code paths: do it now, not inside a budget.
render('# Warm\n\nA *short* [text](https://example.org) with `code`, <b>HTML</b>, ~~struck~~ and\n\n> - a quote\n\n| a |\n|---|\n| b |', Infinity);
