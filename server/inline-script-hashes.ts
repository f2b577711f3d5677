import { createHash } from 'node:crypto';
import { EMBED_SCRIPT } from '@/components/site/EmbedScript';
import { LIVE_BLOG_SCRIPT } from '@/components/site/LiveBlogScript';
import { SHARE_COPY_SCRIPT } from '@/components/site/ShareLinks';
import { VIEW_BEACON_SCRIPT } from '@/components/site/ViewBeacon';

/**
 * Reader pages allow exactly the inline scripts the site itself writes, by hash (decisions 12 and 16): a cached
 * page is the same bytes for everyone, so the hashes of its scripts can travel with it, where a nonce could not.
 *
 * Reader pages carry none of Next's scripts (server/runtime-free-html.ts takes them out), so the site's own
 * scripts are the only ones: the view beacon, the share links' copy button, the live blog's poll and the embed loader, recognised by its whole text, never by where it stands. Any
 * other inline script, such as one injected into the markup, gets no hash and does not run. JSON-LD blocks
 * are data, which a policy does not govern.
 */

/** The text of every inline script the site writes into reader pages. Each stays under 2 KB compressed. */
export const SITE_INLINE_SCRIPTS: readonly string[] = [VIEW_BEACON_SCRIPT, SHARE_COPY_SCRIPT, LIVE_BLOG_SCRIPT, EMBED_SCRIPT];

/** Whether an inline script's text is one the site writes. */
export function isSiteInlineScript(text: string): boolean {
  return SITE_INLINE_SCRIPTS.includes(text);
}

export const scriptHash = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

// <script> with no src and a type a browser runs as script (none, or a JavaScript one); its text up to </script>.
const INLINE_SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
const EXECUTABLE_TYPE = /^(?:|text\/javascript|application\/javascript|module)$/i;

/** The CSP hash sources of the site's own inline scripts in `html`, each once, in page order. */
export function siteInlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const [, attributes = '', text = ''] of html.matchAll(INLINE_SCRIPT)) {
    if (/\bsrc\s*=/i.test(attributes)) continue;
    const type = /\btype\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(attributes);
    if (type && !EXECUTABLE_TYPE.test((type[1] ?? type[2] ?? type[3] ?? '').trim())) continue;
    if (isSiteInlineScript(text)) hashes.add(scriptHash(text));
  }
  return [...hashes];
}
