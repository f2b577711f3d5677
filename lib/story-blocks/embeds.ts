/**
 * Embeds recognised by the shape of their address (docs/decisions/0017). The page shows a facade (the
 * provider, the title, the link) and loads nothing from the provider until the reader asks; then the
 * provider's own player or post frame (`frame`) replaces it. A post whose frame address cannot be built
 * offline (a Bluesky post named by handle rather than by DID) stays a link.
 */

export type EmbedKind = 'video' | 'post';

export interface Embed {
  provider: string;
  kind: EmbedKind;
  /** The address readers follow without JavaScript (the URL as written, normalised to https). */
  url: string;
  /** The provider's player or embed frame, loaded on a click; null when it stays a link. */
  frame: string | null;
}

interface Provider {
  name: string;
  kind: EmbedKind;
  hosts: RegExp;
  /** From the address's path and query to the frame's address, or null when the path is not one of the provider's. */
  frame: (url: URL) => string | null | undefined;
}

const YOUTUBE_ID = /^[\w-]{11}$/;
const match = (re: RegExp, text: string) => re.exec(text)?.slice(1) ?? null;

const PROVIDERS: readonly Provider[] = [
  {
    name: 'YouTube',
    kind: 'video',
    hosts: /^(?:www\.|m\.)?(?:youtube\.com|youtu\.be|youtube-nocookie\.com)$/,
    frame: (url) => {
      const id =
        url.hostname.endsWith('youtu.be') ? url.pathname.slice(1) : url.pathname === '/watch' ? url.searchParams.get('v') : match(/^\/(?:shorts|embed|live)\/([\w-]+)\/?$/, url.pathname)?.[0];
      return id && YOUTUBE_ID.test(id) ? `https://www.youtube-nocookie.com/embed/${id}` : undefined;
    },
  },
  {
    name: 'Vimeo',
    kind: 'video',
    hosts: /^(?:www\.|player\.)?vimeo\.com$/,
    frame: (url) => {
      const id = match(/^\/(?:video\/)?([0-9]{1,12})\/?$/, url.pathname)?.[0];
      return id ? `https://player.vimeo.com/video/${id}?dnt=1` : undefined;
    },
  },
  {
    name: 'X',
    kind: 'post',
    hosts: /^(?:www\.|mobile\.)?(?:x\.com|twitter\.com)$/,
    frame: (url) => {
      const id = match(/^\/\w{1,15}\/status\/([0-9]{1,20})\/?$/, url.pathname)?.[0];
      return id ? `https://platform.twitter.com/embed/Tweet.html?id=${id}&dnt=true` : undefined;
    },
  },
  {
    name: 'Bluesky',
    kind: 'post',
    hosts: /^bsky\.app$/,
    frame: (url) => {
      const parts = match(/^\/profile\/([\w.:-]{1,253})\/post\/([a-z0-9]{1,20})\/?$/, url.pathname);
      if (!parts) return undefined;
      const [who, rkey] = parts;
      // The embed frame names the account by its DID; a handle would need a look-up at Bluesky.
      return who!.startsWith('did:') && /^did:(?:plc|web):[\w.:-]+$/.test(who!) ? `https://embed.bsky.app/embed/${who}/app.bsky.feed.post/${rkey}` : null;
    },
  },
  {
    name: 'Instagram',
    kind: 'post',
    hosts: /^(?:www\.)?instagram\.com$/,
    frame: (url) => {
      const [type, code] = match(/^\/(p|reel)\/([\w-]{1,40})\/?$/, url.pathname) ?? [];
      return type && code ? `https://www.instagram.com/${type}/${code}/embed` : undefined;
    },
  },
  {
    name: 'TikTok',
    kind: 'video',
    hosts: /^(?:www\.)?tiktok\.com$/,
    frame: (url) => {
      const id = match(/^\/@[\w.-]{1,40}\/video\/([0-9]{1,25})\/?$/, url.pathname)?.[0];
      return id ? `https://www.tiktok.com/embed/v2/${id}` : undefined;
    },
  },
];

// Mastodon runs on any host: a post's address is https://<instance>/@<account>/<digits>.
const MASTODON_POST = /^\/@(\w{1,30})\/([0-9]{1,20})\/?$/;
const HOST = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** The embed an address names, or null for an address the site shows as a plain link. */
export function recogniseEmbed(address: string): Embed | null {
  let url: URL;
  try {
    url = new URL(address.trim());
  } catch {
    return null;
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password || url.port || !HOST.test(url.hostname)) return null;
  url.protocol = 'https:';
  const href = url.href;
  for (const provider of PROVIDERS) {
    if (!provider.hosts.test(url.hostname)) continue;
    const frame = provider.frame(url);
    return frame === undefined ? null : { provider: provider.name, kind: provider.kind, url: href, frame };
  }
  const post = MASTODON_POST.exec(url.pathname);
  if (post && !url.search) return { provider: 'Mastodon', kind: 'post', url: href, frame: `https://${url.hostname}/@${post[1]}/${post[2]}/embed` };
  return null;
}

/**
 * Whether `frame` is a frame address the site itself builds (above): what the sanitiser keeps in a
 * facade's data-embed, what the reader page's script loads, and what the page's policy allows.
 */
export const EMBED_FRAME =
  /^https:\/\/(?:www\.youtube-nocookie\.com\/embed\/[\w-]{11}|player\.vimeo\.com\/video\/[0-9]{1,12}\?dnt=1|platform\.twitter\.com\/embed\/Tweet\.html\?id=[0-9]{1,20}&dnt=true|embed\.bsky\.app\/embed\/did:(?:plc|web):[\w.:-]+\/app\.bsky\.feed\.post\/[a-z0-9]{1,20}|www\.instagram\.com\/(?:p|reel)\/[\w-]{1,40}\/embed|www\.tiktok\.com\/embed\/v2\/[0-9]{1,25}|(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}\/@\w{1,30}\/[0-9]{1,20}\/embed)$/;

export const isEmbedFrame = (frame: string) => frame.length <= 400 && EMBED_FRAME.test(frame);

const FACADE_FRAME = /\bdata-embed="([^"]{1,400})"/g;

/**
 * The origins of the frames a page's facades would load (for its Content-Security-Policy's frame-src),
 * read from the page's HTML: only addresses the site builds count.
 */
export function embedFrameOrigins(html: string): string[] {
  const origins = new Set<string>();
  for (const [, frame = ''] of html.matchAll(FACADE_FRAME)) {
    const address = frame.replace(/&amp;/g, '&');
    if (isEmbedFrame(address)) origins.add(new URL(address).origin);
  }
  return [...origins].sort();
}
