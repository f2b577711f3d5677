import type { BrowserContext, Page, Request } from '@playwright/test';
import { XSS_CONSOLE_MARKER, XSS_ELEMENT_ID, XSS_GLOBAL, XSS_HOST } from './xss-payloads';

/**
 * How e2e/xss-corpus.spec.ts sees a payload at work in Chromium: what ran (dialogs, the console
 * marker, the `__xss` global, requests for payload addresses) and what markup stands in a page that
 * the site never writes itself (elements, event-handler attributes, script addresses), and whether
 * each field shows the characters typed.
 */

// What the site's pages load: Next's files, library images and icons. Anything else is a payload's.
const SITE_FILES = /^\/(?:_next\/static\/|media\/|icon\.png|apple-icon\.png|favicon\.ico)/;
// Requests a page's own script makes: React Server Component fetches, server actions, the view beacon.
const SCRIPT_REQUESTS = new Set(['fetch', 'xhr', 'ping']);

function requestProblem(request: Request, origin: string): string | null {
  const url = new URL(request.url());
  const from = request.frame().page().url();
  if (url.origin !== origin) return `${from} requested ${url.href}`;
  const type = request.resourceType();
  if (type === 'document') return request.frame().parentFrame() ? `${from} framed ${url.href}` : null;
  if (SCRIPT_REQUESTS.has(type) || SITE_FILES.test(url.pathname)) return null;
  return `${from} loaded a ${type} from ${url.href}`;
}

/**
 * Collects, for every page of `context`, what only a payload would do: a dialog, the console marker,
 * an uncaught error, a request for anything but the site's own files. Check the list after the visits.
 */
export function watchForPayloads(context: BrowserContext, origin: string): string[] {
  const findings: string[] = [];
  context.on('dialog', (dialog) => {
    findings.push(`${dialog.page()?.url()}: a dialog (${dialog.type()}) said "${dialog.message()}"`);
    void dialog.dismiss();
  });
  context.on('console', (message) => {
    // A page opened for its 404 logs its own status: that is the only error a page may log.
    const ownStatus = message.location().url === message.page()?.url() && message.text().startsWith('Failed to load resource');
    if (message.text().includes(XSS_CONSOLE_MARKER) || (message.type() === 'error' && !ownStatus)) {
      findings.push(`${message.page()?.url()}: console ${message.type()} "${message.text()}"`);
    }
  });
  context.on('weberror', (error) => findings.push(`${error.page()?.url()}: uncaught ${error.error().message}`));
  context.on('request', (request) => {
    const problem = requestProblem(request, origin);
    if (problem) findings.push(problem);
  });
  return findings;
}

/** Where a field's value is read in a page: an element's text, a form control's value or selected option, an attribute, or the strings of the JSON-LD. */
export type Read = 'text' | 'value' | 'selected' | 'jsonld' | `attr:${string}`;

export interface Shown {
  /** What is checked, for the report. */
  what: string;
  selector: string;
  read: Read;
  expected: string;
  /**
   * all: one element at least matches and each reads `expected`; eachOf: each element matched reads it,
   * if there is any; any: one does; contains: one reads something containing it.
   */
  match: 'all' | 'eachOf' | 'any' | 'contains';
}

export const shown = (what: string, selector: string, expected: string, read: Read = 'text', match: Shown['match'] = 'all'): Shown => ({
  what,
  selector,
  read,
  expected,
  match,
});

interface PageCheck {
  global: string;
  elementId: string;
  host: string;
  expectations: Shown[];
}

/** Runs in the page: what is wrong with it (nothing: an empty list). Self-contained, as page.evaluate needs. */
function problemsInPage({ global, elementId, host, expectations }: PageCheck): string[] {
  const problems: string[] = [];
  const describe = (element: Element) => element.outerHTML.slice(0, 160);
  if (global in window) problems.push(`window.${global} is ${String((window as unknown as Record<string, unknown>)[global])}`);
  if (document.getElementById(elementId)) problems.push(`an element has the id ${elementId}`);

  // Elements the site never writes (its only SVG is the newsroom's chart, hidden from assistive technology;
  // its only <source> is a responsive image's narrow-screen files, in a <picture>).
  const foreign = [
    'xss, iframe, frame, frameset, object, embed, applet, base, marquee, video, audio, math, foreignObject, [srcdoc]',
    'source:not(picture > source[srcset^="/media/"]:not([srcset*=":"]))',
    'meta[http-equiv], svg:not([aria-hidden="true"]), svg script, script[src]:not([src^="/_next/static/"])',
    'link[rel~="stylesheet"]:not([href^="/_next/static/"]), img:not([src^="/media/"])',
  ].join(', ');
  for (const element of document.querySelectorAll(foreign)) problems.push(`foreign element ${describe(element)}`);

  const addresses = new Set(['href', 'src', 'action', 'formaction', 'data', 'poster', 'background', 'ping', 'cite', 'xlink:href', 'codebase']);
  // React writes this on every form whose action is a function, so that a stray form.submit() throws.
  const reactFormGuard = "javascript:throw new Error('A React form was unexpectedly submitted.";
  for (const element of document.querySelectorAll('*')) {
    for (const { name, value } of Array.from(element.attributes)) {
      const attribute = name.toLowerCase();
      if (attribute.startsWith('on')) problems.push(`event handler ${name} on ${describe(element)}`);
      else if (attribute === 'style' && /url\(|expression|javascript|behavior/i.test(value)) problems.push(`style ${describe(element)}`);
      else if (addresses.has(attribute) && !value.startsWith(reactFormGuard)) {
        // The address as the browser reads it (it drops spaces around it and tabs and newlines in it).
        let address: URL | null = null;
        try {
          address = new URL(value, document.baseURI);
        } catch {
          // not an address a browser would follow
        }
        if (address && /^(?:javascript|vbscript|data):$/.test(address.protocol)) problems.push(`${address.protocol} ${name} in ${describe(element)}`);
        // A link may point anywhere (a Markdown link to any https site is fine); nothing else may load from a payload's host.
        else if (address?.hostname === host && element.localName !== 'a') problems.push(`${name} from ${host} in ${describe(element)}`);
      }
    }
  }
  // Rendered Markdown (body, why it matters) keeps the few elements and link attributes lib/markdown.ts allows.
  // Story blocks (lib/story-blocks/render.ts) add figures, images, asides and tables with exactly these attributes,
  // and the embed loader (components/site/EmbedScript.ts) a button in each facade.
  const markdownTags = new Set(['p', 'h2', 'h3', 'h4', 'ul', 'ol', 'li', 'blockquote', 'em', 'strong', 'a', 'code', 'pre', 'hr', 'br', 'del', 'sup', 'sub']);
  const blockAttributes: Record<string, string[]> = {
    a: ['href', 'title', 'rel'],
    figure: ['class', 'data-embed'],
    figcaption: [],
    picture: [],
    source: ['media', 'srcset', 'sizes'],
    img: ['src', 'srcset', 'sizes', 'alt', 'width', 'height', 'loading', 'decoding'],
    div: ['class', 'role', 'tabindex', 'aria-label'],
    aside: ['class', 'aria-label'],
    p: ['class'],
    blockquote: ['class'],
    span: ['class'],
    table: [],
    caption: [],
    thead: [],
    tbody: [],
    tr: [],
    th: ['scope', 'style'],
    td: ['style'],
  };
  for (const element of document.querySelectorAll('.prose *')) {
    if (element.matches('figure.embed > button.embed__load')) continue;
    const allowed = blockAttributes[element.localName] ?? [];
    if ((!markdownTags.has(element.localName) && !(element.localName in blockAttributes)) || Array.from(element.attributes).some((a) => !allowed.includes(a.name))) {
      problems.push(`Markdown rendered as ${describe(element)}`);
    }
  }
  for (const script of document.querySelectorAll('script:not([src])')) {
    const text = script.textContent ?? '';
    if (script.getAttribute('type') === 'application/ld+json') {
      // Every < and > is written as \u003c and \u003e (lib/reader/structured-data.ts): no text can end the element.
      if (/[<>]/.test(text)) problems.push(`JSON-LD with a raw < or >: ${text.slice(0, 160)}`);
      try {
        JSON.parse(text);
      } catch {
        problems.push(`JSON-LD that does not parse: ${text.slice(0, 160)}`);
      }
    } else if (!/^\(?self\.__next_f/.test(text) && /xss|alert\(/i.test(text)) {
      problems.push(`inline script ${describe(script)}`);
    }
  }
  for (const style of document.querySelectorAll('style')) {
    if (/xss|javascript|expression/i.test(style.textContent ?? '')) problems.push(`style element ${describe(style)}`);
  }

  const jsonLdStrings = () => {
    const strings: string[] = [];
    const collect = (value: unknown): void => {
      if (typeof value === 'string') strings.push(value);
      else if (value && typeof value === 'object') Object.values(value).forEach(collect);
    };
    for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
      try {
        collect(JSON.parse(script.textContent ?? ''));
      } catch {
        // reported above
      }
    }
    return strings;
  };
  for (const { what, selector, read, expected, match } of expectations) {
    const values =
      read === 'jsonld'
        ? jsonLdStrings()
        : Array.from(document.querySelectorAll(selector), (element) => {
            if (read === 'text') return element.textContent ?? '';
            if (read === 'value') return (element as HTMLInputElement).value;
            if (read === 'selected') return Array.from((element as HTMLSelectElement).selectedOptions, (o) => o.textContent).join('|');
            return element.getAttribute(read.slice('attr:'.length)) ?? '';
          });
    const ok =
      match === 'all' || match === 'eachOf'
        ? (match === 'eachOf' || values.length > 0) && values.every((v) => v === expected)
        : match === 'any'
          ? values.includes(expected)
          : values.some((v) => v.includes(expected));
    if (!ok) problems.push(`${what} (${selector}) should read ${JSON.stringify(expected)} (${match}), reads ${JSON.stringify(values.slice(0, 5))}`);
  }
  return problems;
}

/** Opens `path` and lists what is wrong: a status other than `status`, a payload at work, a field not shown as typed. */
export async function checkPage(page: Page, path: string, expectations: Shown[], status = 200): Promise<string[]> {
  const response = await page.goto(path, { waitUntil: 'load' });
  const problems = response?.status() === status ? [] : [`answered ${response?.status()}, not ${status}`];
  try {
    problems.push(...(await page.evaluate(problemsInPage, { global: XSS_GLOBAL, elementId: XSS_ELEMENT_ID, host: XSS_HOST, expectations })));
  } catch (error) {
    // A payload that ran may have sent the page elsewhere (a refresh, a form) before it could be read.
    problems.push(`could not be read: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
  return problems.map((problem) => `${path}: ${problem}`);
}
