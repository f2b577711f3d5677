import { createHash } from 'node:crypto';
import { VIEW_BEACON_SCRIPT } from '@/components/site/ViewBeacon';

/**
 * Reader pages allow exactly the inline scripts the site itself writes, by hash (decision 12): a cached page
 * is the same bytes for everyone, so the hashes of its scripts can travel with it, where a nonce could not.
 *
 * A page's inline scripts are Next's (its bundler's bootstrap, and the React flight data, which differs on
 * every page) and our view beacon. They are recognised by their whole text, never by where they stand:
 *   - the view beacon: exactly VIEW_BEACON_SCRIPT;
 *   - `(self.__next_f=self.__next_f||[]).push([0])`: exactly that;
 *   - `self.__next_f.push(<JSON>)`: data only, a JSON array of a number and at most one string;
 *   - `(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push(<JSON>);`: a JSON object listing
 *     chunk files and module ids.
 * The JSON in the last two is parsed: nothing but data can hide in it. Any other inline script, such as
 * one injected into the markup, gets no hash and does not run. JSON-LD blocks are data, which a policy
 * does not govern.
 */

const FLIGHT_START = '(self.__next_f=self.__next_f||[]).push([0])';
const FLIGHT_PREFIX = 'self.__next_f.push(';
const BUNDLER_PREFIX = '(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push(';

const isFlightChunk = (value: unknown) =>
  Array.isArray(value) &&
  value.length >= 1 &&
  value.length <= 2 &&
  typeof value[0] === 'number' &&
  (value.length === 1 || typeof value[1] === 'string');

const isBundlerBootstrap = (value: unknown) => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.entries(value).every(([key, entry]) => {
    if (!Array.isArray(entry)) return false;
    if (key === 'otherChunks') return entry.every((file) => typeof file === 'string' && /^static\/[\w./-]+\.js$/.test(file) && !file.includes('..'));
    if (key === 'runtimeModuleIds') return entry.every((id) => typeof id === 'number');
    return false;
  });
};

function jsonBetween(text: string, prefix: string, suffix: string): unknown {
  if (!text.startsWith(prefix) || !text.endsWith(suffix)) return undefined;
  try {
    return JSON.parse(text.slice(prefix.length, text.length - suffix.length)) as unknown;
  } catch {
    return undefined;
  }
}

/** Whether an inline script's text is one the site writes. */
export function isSiteInlineScript(text: string): boolean {
  if (text === VIEW_BEACON_SCRIPT || text === FLIGHT_START) return true;
  if (text.startsWith(FLIGHT_PREFIX)) return isFlightChunk(jsonBetween(text, FLIGHT_PREFIX, ')'));
  if (text.startsWith(BUNDLER_PREFIX)) return isBundlerBootstrap(jsonBetween(text, BUNDLER_PREFIX, ');'));
  return false;
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
