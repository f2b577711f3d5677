/**
 * The story blocks' directive syntax (docs: /work/notes/blocks-format.md, decision 18): attribute lists
 * read and written in their canonical form, and which link providers become embeds. Pure: the visual
 * editor (browser) and its round-trip tests (node) share it.
 */

export type ImageSize = 'column' | 'wide' | 'inset';
export const IMAGE_SIZES: readonly ImageSize[] = ['column', 'wide', 'inset'];

export interface StoryImageAttrs {
  id: number;
  size: ImageSize;
  alt: string;
  caption: string;
  credit: string;
}

/** Each directive's attributes, in the order they are written. */
export const DIRECTIVE_ATTRIBUTES = {
  image: ['id', 'size', 'alt', 'caption', 'credit'],
  embed: ['url', 'title'],
  gallery: [],
  pullquote: ['cite'],
  factbox: ['title'],
  table: ['caption'],
} as const;
export type DirectiveName = keyof typeof DIRECTIVE_ATTRIBUTES;
export const isDirectiveName = (name: string): name is DirectiveName => Object.hasOwn(DIRECTIVE_ATTRIBUTES, name);

const ATTRIBUTE = /([a-z]+)=(?:"((?:[^"\\\n]|\\["\\])*)"|([0-9]+))/y;

/**
 * `{id=12 size="wide" alt="A \"quoted\" word"}` without its braces, as name → value; null when it does
 * not parse (a stray character, a name twice, an unknown escape). Single spaces between pairs, as written
 * canonically; extra spaces are tolerated.
 */
export function parseAttributes(text: string): Map<string, string> | null {
  const found = new Map<string, string>();
  let at = 0;
  while (at < text.length) {
    if (text[at] === ' ') {
      at += 1;
      continue;
    }
    ATTRIBUTE.lastIndex = at;
    const match = ATTRIBUTE.exec(text);
    if (!match) return null;
    const [all, name = '', quoted, digits = ''] = match;
    if (found.has(name)) return null;
    found.set(name, quoted !== undefined ? quoted.replace(/\\(["\\])/g, '$1') : digits);
    at += all.length;
    if (at < text.length && text[at] !== ' ') return null;
  }
  return found;
}

const quote = (value: string) => `"${value.replace(/[\r\n]+/g, ' ').replace(/[\\"]/g, (c) => `\\${c}`)}"`;

/** The canonical attribute list, braces included ('' when every value is empty): order as declared, empty values and size="column" left out. */
export function writeAttributes(name: DirectiveName, values: Record<string, string | number | null | undefined>): string {
  const parts: string[] = [];
  for (const attribute of DIRECTIVE_ATTRIBUTES[name] as readonly string[]) {
    const value = values[attribute];
    if (value === undefined || value === null || value === '') continue;
    if (attribute === 'size' && value === 'column') continue;
    parts.push(attribute === 'id' ? `id=${Number(value)}` : `${attribute}=${quote(String(value))}`);
  }
  return parts.length ? `{${parts.join(' ')}}` : '';
}

/** An image directive's attributes, or the reason they are not one. */
export function readImageAttributes(attributes: Map<string, string>): StoryImageAttrs | string {
  for (const name of attributes.keys()) {
    if (!(DIRECTIVE_ATTRIBUTES.image as readonly string[]).includes(name)) return `unknown attribute "${name}"`;
  }
  const id = attributes.get('id');
  if (!id || !/^[1-9][0-9]{0,9}$/.test(id)) return 'an image needs the id of a library image';
  const size = attributes.get('size') ?? 'column';
  if (!(IMAGE_SIZES as readonly string[]).includes(size)) return `unknown size "${size}"`;
  return { id: Number(id), size: size as ImageSize, alt: attributes.get('alt') ?? '', caption: attributes.get('caption') ?? '', credit: attributes.get('credit') ?? '' };
}

export const imageDirective = (image: StoryImageAttrs) => `::image${writeAttributes('image', { ...image })}`;

/** The providers whose links become embeds, recognised by the shape of the URL. */
const PROVIDERS: readonly { name: string; host: RegExp; path?: RegExp }[] = [
  { name: 'YouTube', host: /^(?:www\.|m\.)?youtube\.com$/, path: /^\/(?:watch|shorts\/|embed\/|live\/)/ },
  { name: 'YouTube', host: /^youtu\.be$/, path: /^\/[\w-]{6,}/ },
  { name: 'Vimeo', host: /^(?:www\.|player\.)?vimeo\.com$/, path: /^\/(?:video\/)?\d+/ },
  { name: 'X', host: /^(?:www\.|mobile\.)?(?:x|twitter)\.com$/, path: /^\/\w+\/status\/\d+/ },
  { name: 'Bluesky', host: /^bsky\.app$/, path: /^\/profile\/[^/]+\/post\/\w+/ },
  { name: 'Instagram', host: /^(?:www\.)?instagram\.com$/, path: /^\/(?:p|reel|tv)\/[\w-]+/ },
  { name: 'TikTok', host: /^(?:www\.)?tiktok\.com$/, path: /^\/@[\w.-]+\/video\/\d+/ },
  // Mastodon runs on many hosts: any https URL shaped like a post (/@user/123…).
  { name: 'Mastodon', host: /^[a-z0-9.-]+\.[a-z]{2,}$/, path: /^\/@\w+(?:@[\w.-]+)?\/\d{6,}$/ },
];

/** The provider of an embeddable link ('YouTube', 'Bluesky'…), or null for any other link. */
export function embedProvider(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  const found = PROVIDERS.find((p) => p.host.test(parsed.hostname) && (!p.path || p.path.test(parsed.pathname)));
  return found?.name ?? null;
}
