/**
 * A reader page without Next's client runtime (decision 16): the HTML React rendered, with exactly the
 * elements that only serve the runtime taken out, and nothing else touched.
 *
 * Taken out, each recognised by its whole element:
 *   - `<script src="/_next/…">`: the framework's and the bundler's chunks (and the legacy polyfill);
 *   - Next's inline scripts, recognised by their whole text: the bundler's bootstrap
 *     `(globalThis["TURBOPACK"] || …).push(<JSON>);` (a JSON object listing chunk files and module ids),
 *     `(self.__next_f=self.__next_f||[]).push([0])`, and the React flight data
 *     `self.__next_f.push(<JSON>)` (a JSON array of a number and at most one string): the page a second
 *     time, for hydration. The JSON is parsed: a script that only looks like them stays (and, not being
 *     the site's, gets no hash and does not run: server/inline-script-hashes.ts);
 *   - `<link rel="preload" as="script">` and `<link rel="modulepreload">`.
 * Kept: everything else, the stylesheet `<link>` to /_next/static included, JSON-LD, the site's own scripts,
 * React's `<!--$-->` markers. React escapes `<` and `>` in text and attribute values, so a tag can only start
 * where React wrote one; raw text (inline script and style bodies) is matched whole.
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

/** Whether an inline script's text is one of Next's: its bundler bootstrap or the flight data. */
export function isNextInlineScript(text: string): boolean {
  if (text === FLIGHT_START) return true;
  if (text.startsWith(FLIGHT_PREFIX)) return isFlightChunk(jsonBetween(text, FLIGHT_PREFIX, ')'));
  if (text.startsWith(BUNDLER_PREFIX)) return isBundlerBootstrap(jsonBetween(text, BUNDLER_PREFIX, ');'));
  return false;
}

const attribute = (attributes: string, name: string) =>
  new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`, 'i').exec(attributes)?.slice(1).find((value) => value !== undefined);

const isRuntimeScript = (attributes: string, text: string) => {
  const src = attribute(attributes, 'src');
  if (src !== undefined) return src.startsWith('/_next/') && text.trim() === '';
  const type = attribute(attributes, 'type');
  return (type === undefined || type === '') && isNextInlineScript(text);
};

const isScriptPreload = (attributes: string) => {
  const rel = (attribute(attributes, 'rel') ?? '').toLowerCase().split(/\s+/);
  return rel.includes('modulepreload') || (rel.includes('preload') && (attribute(attributes, 'as') ?? '').toLowerCase() === 'script');
};

// A whole script element (its raw text up to the first `</script`), a link, or a style element (skipped whole).
const ELEMENT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>|<link\b([^>]*)>|<style\b[^>]*>[\s\S]*?<\/style\s*>/gi;

/** `html` without the elements of Next's client runtime. */
export function withoutClientRuntime(html: string): string {
  return html.replace(ELEMENT, (element, scriptAttributes: string | undefined, text: string | undefined, linkAttributes: string | undefined) => {
    if (scriptAttributes !== undefined) return isRuntimeScript(scriptAttributes, text ?? '') ? '' : element;
    if (linkAttributes !== undefined) return isScriptPreload(linkAttributes) ? '' : element;
    return element;
  });
}
