import { Parser } from 'htmlparser2';
import type { KeyPoint } from '@/db/articles/model';
import type { ImageRef } from '@/db/types';

/**
 * An article's story as feed readers show it (decision 6, amended): the HTML its page shows (rendered and
 * sanitised when it was saved, lib/markdown.ts and lib/story-blocks/) rewritten for an app that shows it
 * away from the site, without its styles, scripts or relative addresses:
 * - every image a plain `<img>` with an absolute address of its 960-pixel file (or its widest, if narrower),
 *   its alt text, width and height, in a `<figure>` with its caption and credit; the hero first;
 * - an embed (the page's facade) a plain link to the provider's address, named by the provider and title;
 * - pull quotes, fact boxes and tables as `<blockquote>`, `<aside>` and `<table>` with their titles and captions;
 * - links absolute; no class, style, role, data or event attribute, no frame, script or form.
 * Whatever the stored HTML holds, only the elements and attributes listed here come out, and all text is
 * escaped again, so hostile text stays text. One pass of a streaming parser over each body: linear in its size.
 */

export interface FeedStoryInput {
  /** The article's absolute address: relative links in its body are read against it. */
  url: string;
  image: ImageRef | null;
  bodyHtml: string;
  keyPointsTitle: string;
  keyPoints: readonly KeyPoint[];
  whyItMattersHtml: string;
  contextNote: string;
}

export interface FeedStoryOutput {
  /** For RSS `content:encoded`, Atom `content type="html"` and JSON Feed `content_html`. */
  html: string;
  /** The same story as plain text (JSON Feed `content_text`): paragraphs separated by blank lines. */
  text: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const escapeHtml = (text: string) => (/[&<>]/.test(text) ? text.replace(/[&<>]/g, (c) => ESCAPES[c]!) : text);
const escapeAttribute = (text: string) => (/[&<>"]/.test(text) ? text.replace(/[&<>"]/g, (c) => ESCAPES[c]!) : text);

/** Elements kept, with the only attributes each may keep (links and images are written by their own rules). */
const KEPT: Record<string, readonly string[]> = {
  p: [], h2: [], h3: [], h4: [], ul: [], ol: [], li: [], blockquote: [], em: [], strong: [], code: [], pre: [], hr: [], br: [],
  del: [], sup: [], sub: [], small: [], figure: [], figcaption: [], aside: [],
  table: [], caption: [], thead: [], tbody: [], tr: [], th: ['scope'], td: [],
};
/** Elements dropped with everything in them (the stored HTML has none of them; a last line of defence). */
const DROPPED = new Set(['script', 'style', 'iframe', 'frame', 'object', 'embed', 'noscript', 'template', 'svg', 'math', 'textarea', 'select', 'button', 'form', 'input', 'source', 'head', 'title']);
/** Where plain text starts a new paragraph. */
const BLOCKS = new Set(['p', 'h2', 'h3', 'h4', 'li', 'blockquote', 'pre', 'figure', 'figcaption', 'aside', 'table', 'caption', 'tr', 'hr', 'br', 'div']);
/** The width of the file a feed reader gets: as sharp as a reading pane needs, a third of the widest's bytes. */
const FEED_IMAGE_WIDTH = 960;

// A path on the site as the stored HTML writes them (the media library's files, links to its pages): no parsing needed.
const SITE_PATH = /^\/(?![/\\])[\w\-./~%!$&'()*+,;=:@?#]*$/;

/** An address read against `base`, absolute, if it is a web or mail address; null for anything else (javascript:, data:…). */
function absoluteUrl(address: string, base: string, schemes: readonly string[] = ['http:', 'https:', 'mailto:']): string | null {
  if (SITE_PATH.test(address)) return new URL(base).origin + address;
  try {
    const url = new URL(address.trim(), base);
    return schemes.includes(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

type Candidate = { src: string; width: number };

/** The file to show of an image's `srcset` candidates: the first at least FEED_IMAGE_WIDTH wide, else the widest. */
function feedCandidate(candidates: readonly Candidate[]): Candidate | undefined {
  const sorted = [...candidates].sort((a, b) => a.width - b.width);
  return sorted.find((c) => c.width >= FEED_IMAGE_WIDTH) ?? sorted.at(-1);
}

const SRCSET_CANDIDATE = /([^\s,]+)\s+([0-9]{1,5})w/g;
const parseSrcset = (srcset: string): Candidate[] => Array.from(srcset.matchAll(SRCSET_CANDIDATE), ([, src = '', width]) => ({ src, width: Number(width) }));

/** Writes the feed's HTML and text of one story. */
class StoryWriter {
  private readonly html: string[] = [];
  private readonly text: string[] = [];
  /** `withText`: write the plain text too (JSON Feed's content_text; RSS and Atom need only the HTML). */
  constructor(
    private readonly siteUrl: string,
    private readonly withText: boolean,
  ) {}

  raw(html: string, text = ''): void {
    this.html.push(html);
    if (text && this.withText) this.text.push(text);
  }
  words(text: string): void {
    this.html.push(escapeHtml(text));
    // HTML's own white space, as a browser shows it (not \s, which would also take U+2028, U+FEFF…).
    if (this.withText) this.text.push(text.replace(/[ \t\n\f\r]+/g, ' '));
  }
  paragraphBreak(): void {
    if (this.withText) this.text.push('\n\n');
  }

  /** `<img>` with an absolute address of the chosen file, its alt text and that file's size; nothing for an address that is not the web's. */
  image(candidates: readonly Candidate[], fallback: string, alt: string, widest: { width: number; height: number } | null): void {
    const chosen = feedCandidate(candidates);
    const address = chosen?.src ?? fallback;
    // An image without a file is no image (an empty address would name the site's front page).
    const src = address.trim() ? absoluteUrl(address, `${this.siteUrl}/`, ['http:', 'https:']) : null;
    if (!src) return;
    let size = '';
    if (widest && widest.width > 0 && widest.height > 0) {
      const width = chosen?.width ?? widest.width;
      size = ` width="${width}" height="${Math.max(1, Math.round((widest.height * width) / widest.width))}"`;
    }
    this.html.push(`<img src="${escapeAttribute(src)}" alt="${escapeAttribute(alt)}"${size}>`);
  }

  /** A library image (the hero) as a figure with its caption and credit. */
  figure(image: ImageRef): void {
    this.raw('<figure>');
    this.image(image.variants, image.src, image.alt, image);
    if (image.caption || image.credit) {
      this.raw('<figcaption>');
      this.paragraphBreak();
      this.words(image.caption);
      if (image.credit) {
        this.raw(image.caption ? ' <small>' : '<small>', ' ');
        this.words(image.credit);
        this.raw('</small>');
      }
      this.raw('</figcaption>');
    }
    this.raw('</figure>\n');
    this.paragraphBreak();
  }

  /** HTML the site stored (a body, why it matters), rewritten for feed readers. */
  stored(html: string, pageUrl: string): void {
    // What is open, innermost last: the closing tag written for each (null: none), and its class.
    const open: { name: string; className: string; close: string | null }[] = [];
    let dropping = 0;
    // An embed facade being read: its provider line, its title and its link, written as one link when it closes.
    let embed: { depth: number; provider: string; title: string; href: string | null } | null = null;
    const embedPart = () => {
      for (let i = open.length - 1; embed && i > embed.depth; i--) {
        const { name, className } = open[i]!;
        if (className.includes('embed__provider')) return 'provider';
        if (className.includes('embed__text')) return 'title';
        if (name === 'a') return 'link';
      }
      return null;
    };
    const parser = new Parser(
      {
        onopentag: (name, attributes) => {
          const className = attributes.class ?? '';
          if (dropping > 0 || DROPPED.has(name)) {
            dropping++;
            open.push({ name, className, close: null });
            return;
          }
          if (embed) {
            if (name === 'a' && embed.href === null) embed.href = attributes.href ?? null;
            open.push({ name, className, close: null });
            return;
          }
          if (name === 'figure' && /\bembed\b/.test(className)) {
            embed = { depth: open.length, provider: '', title: '', href: null };
            open.push({ name, className, close: null });
            return;
          }
          let close: string | null = null;
          if (name === 'img') {
            const width = Number(attributes.width);
            const height = Number(attributes.height);
            this.image(parseSrcset(attributes.srcset ?? ''), attributes.src ?? '', attributes.alt ?? '', width > 0 && height > 0 ? { width, height } : null);
          } else if (name === 'a') {
            const href = attributes.href ? absoluteUrl(attributes.href, pageUrl) : null;
            const title = attributes.title ? ` title="${escapeAttribute(attributes.title)}"` : '';
            // A link to nowhere a feed reader can go keeps its text.
            if (href) {
              this.raw(`<a href="${escapeAttribute(href)}"${title}>`);
              close = '</a>';
            }
          } else if (name === 'span' && /\bcredit\b/.test(className)) {
            this.raw('<small>');
            close = '</small>';
          } else if (Object.hasOwn(KEPT, name)) {
            const kept = KEPT[name]!.filter((a) => attributes[a] !== undefined && /^[a-z]{1,20}$/.test(attributes[a]!));
            this.raw(`<${name}${kept.map((a) => ` ${a}="${escapeAttribute(attributes[a]!)}"`).join('')}>`);
            close = name === 'hr' || name === 'br' ? '' : `</${name}>`;
          }
          // Anything else (picture, the gallery's and table's wrappers, spans) is unwrapped: its content stays.
          if (BLOCKS.has(name)) this.paragraphBreak();
          open.push({ name, className, close });
        },
        ontext: (text) => {
          if (dropping > 0) return;
          if (embed) {
            const part = embedPart();
            if (part === 'provider') embed.provider += text;
            else if (part === 'title') embed.title += text;
            return;
          }
          this.words(text);
        },
        onclosetag: (name) => {
          const element = open.pop();
          if (!element) return;
          if (dropping > 0) {
            dropping--;
            return;
          }
          if (embed && open.length === embed.depth) {
            this.embedLink(embed, pageUrl);
            embed = null;
            return;
          }
          if (embed) return;
          if (element.close) this.raw(element.close);
          if (BLOCKS.has(name)) this.paragraphBreak();
        },
      },
      { decodeEntities: true },
    );
    parser.write(html);
    parser.end();
  }

  /** An embed as readers of a feed can follow it: "YouTube video: The launch", linked to the provider's page. */
  private embedLink({ provider, title, href }: { provider: string; title: string; href: string | null }, pageUrl: string): void {
    const name = [provider.trim(), title.trim()].filter(Boolean).join(': ');
    const url = href === null ? null : absoluteUrl(href, pageUrl, ['http:', 'https:']);
    this.paragraphBreak();
    if (url) {
      this.raw(`<p><a href="${escapeAttribute(url)}">`);
      this.words(name || url);
      this.raw('</a></p>\n', ` (${url})`);
    } else if (name) {
      this.raw('<p>');
      this.words(name);
      this.raw('</p>\n');
    }
    this.paragraphBreak();
  }

  done(): FeedStoryOutput {
    const text = this.text
      .join('')
      .replace(/[ \t]*\n[ \t]*/g, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
    return { html: this.html.join(''), text };
  }
}

/**
 * The story of one feed item: hero, body, key points, why it matters and the context note, as its page has
 * them. `withText`: its plain text too (else `text` is empty).
 */
export function feedStory(story: FeedStoryInput, siteUrl: string, withText = false): FeedStoryOutput {
  const writer = new StoryWriter(siteUrl, withText);
  if (story.image) writer.figure(story.image);
  writer.stored(story.bodyHtml, story.url);
  if (story.keyPoints.length > 0) {
    writer.raw('<h2>');
    writer.paragraphBreak();
    writer.words(story.keyPointsTitle);
    writer.raw('</h2>\n<ul>');
    writer.paragraphBreak();
    for (const point of story.keyPoints) {
      writer.raw('<li><strong>');
      writer.words(`${point.label}:`);
      writer.raw('</strong> ', ' ');
      writer.words(point.text);
      writer.raw('</li>', '\n');
    }
    writer.raw('</ul>\n');
    writer.paragraphBreak();
  }
  if (story.whyItMattersHtml.trim()) {
    writer.raw('<h2>Why This Matters</h2>\n', '\n\nWhy This Matters\n\n');
    writer.stored(story.whyItMattersHtml, story.url);
  }
  if (story.contextNote.trim()) {
    writer.raw('<aside><p>');
    writer.paragraphBreak();
    writer.words(story.contextNote);
    writer.raw('</p></aside>\n');
  }
  return writer.done();
}
