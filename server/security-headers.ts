import { randomBytes } from 'node:crypto';
import { isNewsroomPath } from '@/lib/paths';

/**
 * The security headers every response carries (server/main.ts applies them).
 *
 * Reader pages are cached whole and served to everyone, so they cannot carry a per-request nonce: each
 * HTML page's policy lists the hashes of the inline scripts the site itself wrote into it (the view beacon:
 * server/inline-script-hashes.ts, set by server/reader-html.ts once the page is complete), and no other
 * script runs; every other reader response allows no script at all (decisions 12 and 16). Nothing from
 * another origin, no plugins, no <base>, no framing. The newsroom is rendered per request, so its scripts need the nonce Next stamps on them (Next reads it from the request's
 * Content-Security-Policy header) and no inline script without it runs there.
 */

function policy(scriptSource: string, frameSources: readonly string[] = []): string {
  return [
    "default-src 'self'",
    `script-src ${scriptSource}`,
    // Only a page with embeds allows frames, and only its embeds' providers' (lib/story-blocks/embeds.ts).
    ...(frameSources.length > 0 ? [`frame-src ${frameSources.join(' ')}`] : []),
    // React writes style attributes (and the editor's preview does); styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join('; ');
}

export interface SecurityHeaders {
  /** Set on the response. */
  response: Record<string, string>;
  /** Set on the request before Next handles it: how Next learns the nonce for its scripts. */
  request: Record<string, string>;
}

/**
 * A reader response's policy: only the inline scripts with these hashes, and no script file at all. Reader pages
 * carry none of Next's scripts (decision 16), so a `<script src>` injected into one, even of a file of the
 * site's own, does not run.
 */
export function readerPolicy(scriptHashes: readonly string[] = [], frameOrigins: readonly string[] = []): string {
  return policy(scriptHashes.length > 0 ? scriptHashes.join(' ') : "'none'", frameOrigins);
}

const READER_POLICY = readerPolicy();

/** The headers for a response to `pathname`; a nonce is made only for the newsroom, the one place that uses it. */
export function securityHeadersFor(pathname: string, { https, nonce }: { https: boolean; nonce?: string }): SecurityHeaders {
  const newsroom = isNewsroomPath(pathname);
  const contentSecurityPolicy = newsroom
    ? policy(`'self' 'nonce-${nonce ?? randomBytes(16).toString('base64')}' 'strict-dynamic'`)
    : READER_POLICY;
  return {
    response: {
      'Content-Security-Policy': contentSecurityPolicy,
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
      'Referrer-Policy': 'strict-origin-when-cross-origin',
      'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()',
      'Cross-Origin-Opener-Policy': 'same-origin',
      ...(https ? { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' } : {}),
    },
    request: newsroom ? { 'content-security-policy': contentSecurityPolicy } : {},
  };
}
