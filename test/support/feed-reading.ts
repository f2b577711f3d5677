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

function elements(xml: string, name: string): { attributes: Record<string, string>; text: string }[] {
  const pattern = new RegExp(`<${name}((?:\\s+[\\w:]+="[^"]*")*)\\s*(?:/>|>([\\s\\S]*?)</${name}>)`, 'g');
  return [...xml.matchAll(pattern)].map((match) => ({
    attributes: Object.fromEntries([...(match[1] ?? '').matchAll(/([\w:]+)="([^"]*)"/g)].map((a) => [a[1] ?? '', decode(a[2] ?? '')])),
    text: decode(match[2] ?? ''),
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
  pubDate?: string;
  creators: string[];
  categories: { domain?: string; name: string }[];
}

export function readRssItems(xml: string): RssItem[] {
  return elements(xml, 'item').map(({ text: item }) => ({
    title: text(item, 'title'),
    link: text(item, 'link'),
    guid: text(item, 'guid'),
    guidIsPermaLink: elements(item, 'guid')[0]?.attributes.isPermaLink,
    description: text(item, 'description'),
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
  authors: { name?: string; uri?: string }[];
  categories: { term?: string; label?: string }[];
}

export function readAtomEntries(xml: string): AtomEntry[] {
  return elements(xml, 'entry').map(({ text: entry }) => ({
    title: text(entry, 'title'),
    id: text(entry, 'id'),
    link: elements(entry, 'link').find((l) => l.attributes.rel === 'alternate')?.attributes.href,
    published: text(entry, 'published'),
    updated: text(entry, 'updated'),
    summary: text(entry, 'summary'),
    authors: texts(entry, 'author').map((author) => ({ name: text(author, 'name'), uri: text(author, 'uri') })),
    categories: elements(entry, 'category').map((c) => ({ term: c.attributes.term, label: c.attributes.label })),
  }));
}

/** The `loc` of every `<url>` or `<sitemap>` entry of a sitemap or sitemap index. */
export const readSitemapLocations = (xml: string) => texts(xml, 'loc');
