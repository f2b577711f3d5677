import { cacheTags } from './tags';

/**
 * Surrogate keys (decision 0022): a reader response names the cache tags of what it shows (./tags.ts) in a
 * header that a tag-aware cache in front of the site indexes it by, so that a change purges exactly the
 * pages it touched there too (./purge.ts). The header's name and format depend on that cache; its size is
 * bounded by what the cache accepts.
 *
 * How the tags reach the front door: a route handler (feeds, sitemaps) names them in the internal
 * CACHE_TAGS_HEADER of its response; a page, which cannot set headers, carries them in its HTML as marks
 * (`<template data-cache-tags>`, components/site/CacheTagsMark.tsx) that the server cuts out again
 * (server/reader-html.ts). Both are stored with the page in Next's cache, so a cached page keeps them.
 */

/** The header a route handler names its tags in, space-separated; the server turns it into the configured one. */
export const CACHE_TAGS_HEADER = 'x-cache-tags';

/** The attribute of a page's tag mark (its value: the tags, space-separated). */
export const CACHE_TAGS_ATTRIBUTE = 'data-cache-tags';

/** Every 404, 410 and 301 carries it: a change that can move an address (a publish, a slug or section change) purges them all. */
export const ADDRESSES_KEY = 'addresses';

export interface SurrogateKeyStyle {
  /** The response header's name. */
  header: string;
  /** Between two keys. */
  separator: ' ' | ',';
  /** The most bytes the header's value may have. */
  maxBytes: number;
  /** The most bytes one key may have. */
  maxKeyBytes: number;
}

/**
 * The header each cache reads, by SURROGATE_KEY_HEADER (case-insensitive), with its limits:
 * - `Surrogate-Key` (Fastly): space-separated; 16,384 bytes in all, 1,024 a key (Fastly's documented limits);
 * - `Cache-Tag` (Cloudflare): comma-separated; 16 KB in all (Cloudflare's limit for the header), 1,024 a tag;
 * - `xkey` (Varnish with varnish-modules' xkey): space-separated; Varnish refuses a backend response whose
 *   header is longer than http_resp_hdr_len (8 KB by default) with a 503, so 8,000 bytes.
 */
export const SURROGATE_KEY_STYLES: Readonly<Record<string, SurrogateKeyStyle>> = {
  'surrogate-key': { header: 'Surrogate-Key', separator: ' ', maxBytes: 16_384, maxKeyBytes: 1_024 },
  'cache-tag': { header: 'Cache-Tag', separator: ',', maxBytes: 16_384, maxKeyBytes: 1_024 },
  xkey: { header: 'xkey', separator: ' ', maxBytes: 8_000, maxKeyBytes: 1_024 },
};

/** The configured style (SURROGATE_KEY_HEADER), or null: no keys are sent. Throws on a name it does not know. */
export function surrogateKeyStyle(name: string | undefined = process.env.SURROGATE_KEY_HEADER): SurrogateKeyStyle | null {
  if (!name?.trim()) return null;
  const style = SURROGATE_KEY_STYLES[name.trim().toLowerCase()];
  if (!style) throw new Error(`SURROGATE_KEY_HEADER must be one of Surrogate-Key, Cache-Tag or xkey, not "${name}"`);
  return style;
}

/** A key as tags are named (./tags.ts: letters, digits, `-`, `:`, `_`, `.`); anything else is never sent. */
const KEY = /^[A-Za-z0-9:_.-]+$/;

/**
 * The header's value for `keys` (deduplicated, sorted), or null when they do not fit the style's limits:
 * a page whose keys are cut short could not be purged by the ones left out, so it goes without keys and
 * a cache holds it only as long as its Cache-Control says (deploy/varnish.vcl holds keyed pages for hours).
 */
export function surrogateKeyValue(keys: Iterable<string>, style: SurrogateKeyStyle): string | null {
  const unique = [...new Set(keys)].filter((key) => KEY.test(key)).sort();
  if (unique.length === 0) return null;
  if (unique.some((key) => Buffer.byteLength(key) > style.maxKeyBytes)) return null;
  const value = unique.join(style.separator);
  return Buffer.byteLength(value) <= style.maxBytes ? value : null;
}

/** Splits a space- or comma-separated list of tags. */
export const splitTags = (value: string | undefined | null): string[] => (value ?? '').split(/[\s,]+/).filter(Boolean);

const MARK = new RegExp(`<template ${CACHE_TAGS_ATTRIBUTE}="([^"<>]*)"></template>`, 'g');

/** A page's HTML without its tag marks, and the tags they named (none: the page carries no marks). */
export function takeCacheTagMarks(html: string): { html: string; tags: string[] } {
  const tags = new Set<string>();
  const without = html.replace(MARK, (_mark, names: string) => {
    for (const tag of splitTags(names)) tags.add(tag);
    return '';
  });
  return { html: without, tags: [...tags].sort() };
}

/** The tags of what the reader site's layout shows on every page (lib/reader/pages.ts: the sections' navigation, the banner). */
const LAYOUT_TAGS = [cacheTags.sections, cacheTags.breakingNews];

/**
 * The keys of a reader response: a page's marked tags with its layout's, a route handler's named tags, and
 * for an answer about an address itself (missing, removed: a page with the layout; moved) the key every such
 * answer shares. Others (a search, a refusal, an error) get none: a cache holds them only as long as their
 * Cache-Control says.
 */
export function responseKeys({ status, markedTags, namedTags }: { status: number; markedTags: readonly string[]; namedTags: readonly string[] }): string[] {
  let keys: string[];
  if (status === 301 || status === 308) keys = [ADDRESSES_KEY];
  else if (status === 404 || status === 410) keys = [ADDRESSES_KEY, ...LAYOUT_TAGS, ...markedTags, ...namedTags];
  else if (status === 200 || status === 304) keys = [...namedTags, ...markedTags, ...(markedTags.length > 0 ? LAYOUT_TAGS : [])];
  else keys = [];
  return [...new Set(keys)].sort();
}
