import { Parser } from 'htmlparser2';

/**
 * For tests: reads the items of our RSS and Atom documents into plain objects, so a test can check
 * every field of every item (a feed reader would quietly accept a broken one). It understands the
 * documents lib/syndication/feeds.ts writes (after xmllint has found them well-formed), not XML in general.
 */

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (text: string) =>
  text.replace(/&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-f]+);/gi, (_, name: string) =>
    name.startsWith('#') ? String.fromCodePoint(Number(name.replace(/^#x/i, '0x').replace(/^#/, ''))) : (ENTITIES[name] ?? ''),
  );

/** The elements of that name: attributes and text decoded, `xml` their content as written (to look inside it, decoded once only). */
function elements(xml: string, name: string): { attributes: Record<string, string>; text: string; xml: string }[] {
  const pattern = new RegExp(`<${name}((?:\\s+[\\w:]+="[^"]*")*)\\s*(?:/>|>([\\s\\S]*?)</${name}>)`, 'g');
  return [...xml.matchAll(pattern)].map((match) => ({
    attributes: Object.fromEntries([...(match[1] ?? '').matchAll(/([\w:]+)="([^"]*)"/g)].map((a) => [a[1] ?? '', decode(a[2] ?? '')])),
    text: decode(match[2] ?? ''),
    xml: match[2] ?? '',
  }));
}
const texts = (xml: string, name: string) => elements(xml, name).map((e) => e.text);
const text = (xml: string, name: string) => texts(xml, name)[0];

export interface RssItem {
  title?: string;
  link?: string;
  guid?: string;
  guidIsPermaLink?: string;
  description?: string;
  /** `content:encoded`: the story's HTML, unescaped once (as a feed reader reads it). */
  content?: string;
  pubDate?: string;
  creators: string[];
  categories: { domain?: string; name: string }[];
}

export function readRssItems(xml: string): RssItem[] {
  return elements(xml, 'item').map(({ xml: item }) => ({
    title: text(item, 'title'),
    link: text(item, 'link'),
    guid: text(item, 'guid'),
    guidIsPermaLink: elements(item, 'guid')[0]?.attributes.isPermaLink,
    description: text(item, 'description'),
    content: text(item, 'content:encoded'),
    pubDate: text(item, 'pubDate'),
    creators: texts(item, 'dc:creator'),
    categories: elements(item, 'category').map((c) => ({ domain: c.attributes.domain, name: c.text })),
  }));
}

export interface AtomEntry {
  title?: string;
  id?: string;
  link?: string;
  published?: string;
  updated?: string;
  summary?: string;
  /** `content type="html"`: the story's HTML, unescaped once. */
  content?: string;
  contentType?: string;
  authors: { name?: string; uri?: string }[];
  categories: { term?: string; label?: string }[];
}

export function readAtomEntries(xml: string): AtomEntry[] {
  return elements(xml, 'entry').map(({ xml: entry }) => ({
    title: text(entry, 'title'),
    id: text(entry, 'id'),
    link: elements(entry, 'link').find((l) => l.attributes.rel === 'alternate')?.attributes.href,
    published: text(entry, 'published'),
    updated: text(entry, 'updated'),
    summary: text(entry, 'summary'),
    content: text(entry, 'content'),
    contentType: elements(entry, 'content')[0]?.attributes.type,
    authors: elements(entry, 'author').map(({ xml: author }) => ({ name: text(author, 'name'), uri: text(author, 'uri') })),
    categories: elements(entry, 'category').map((c) => ({ term: c.attributes.term, label: c.attributes.label })),
  }));
}

/** The `loc` of every `<url>` or `<sitemap>` entry of a sitemap or sitemap index. */
export const readSitemapLocations = (xml: string) => texts(xml, 'loc');

/** Every element of an HTML fragment (a feed item's story) with its attributes, and its text, as an HTML parser reads them. */
export function parseFeedHtml(html: string): { elements: { name: string; attributes: Record<string, string> }[]; text: string } {
  const elements: { name: string; attributes: Record<string, string> }[] = [];
  let text = '';
  const parser = new Parser({ onopentag: (name, attributes) => elements.push({ name, attributes }), ontext: (t) => (text += t) });
  parser.write(html);
  parser.end();
  return { elements, text };
}

/** What a feed item's story may hold (lib/syndication/feed-html.ts): these elements, with these attributes only. */
const FEED_HTML_ATTRIBUTES: Record<string, readonly string[]> = {
  ...Object.fromEntries(
    ['p', 'h2', 'h3', 'h4', 'ul', 'ol', 'li', 'blockquote', 'em', 'strong', 'code', 'pre', 'hr', 'br', 'del', 'sup', 'sub', 'small']
      .concat(['figure', 'figcaption', 'aside', 'table', 'caption', 'thead', 'tbody', 'tr', 'td'])
      .map((name) => [name, []]),
  ),
  th: ['scope'],
  a: ['href', 'title'],
  img: ['src', 'alt', 'width', 'height'],
};

/**
 * What in a feed item's story a feed reader should not get: any other element (iframe, script, button,
 * picture, div…) or attribute (class, style, srcset, data-*, on*), an image not at an absolute address
 * under `mediaBase`, or a link that is not absolute. Empty when the story is as feeds should carry it.
 */
export function feedHtmlProblems(html: string, mediaBase: string): string[] {
  return parseFeedHtml(html).elements.flatMap(({ name, attributes }) => {
    const allowed = FEED_HTML_ATTRIBUTES[name];
    if (!allowed) return [`<${name}>`];
    const problems = Object.keys(attributes)
      .filter((a) => !allowed.includes(a))
      .map((a) => `<${name} ${a}>`);
    if (name === 'img' && !(attributes.src ?? '').startsWith(`${mediaBase}/media/`)) problems.push(`<img src="${attributes.src}">`);
    if (name === 'img' && !attributes.alt) problems.push('<img> without alt text');
    if (name === 'a' && !/^(?:https?:\/\/|mailto:)/.test(attributes.href ?? '')) problems.push(`<a href="${attributes.href}">`);
    return problems;
  });
}
