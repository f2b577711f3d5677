import { gzipSync } from 'node:zlib';

export interface AssetWeight {
  files: number;
  bytes: number;
  gzipBytes: number;
}

/** What a reader's browser downloads for one page: its HTML, and the scripts and stylesheets it names. */
export interface PageWeight {
  html: AssetWeight;
  js: AssetWeight;
  legacyJs: AssetWeight;
  css: AssetWeight;
}

/** The body of a GET that must answer 2xx (30 s at most). */
export async function fetchOk(url: string): Promise<Buffer> {
  const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  const body = Buffer.from(await response.arrayBuffer());
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  return body;
}

/** Attribute values of every `<tagName ...>` opening tag (enough for Next's generated markup). */
function tagAttributes(html: string, tagName: string): Array<Map<string, string>> {
  const tags = html.matchAll(new RegExp(`<${tagName}\\b[^>]*>`, 'gi'));
  return [...tags].map(([tag]) => {
    const attributes = new Map<string, string>();
    for (const [, name, ...values] of tag.matchAll(/([^\s"'=<>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)) {
      if (name) attributes.set(name.toLowerCase(), (values.find((v) => v !== undefined) ?? '').replaceAll('&amp;', '&'));
    }
    return attributes;
  });
}

/** What the browser must download before the page runs: every external script / stylesheet, gzipped as a server would. */
async function assetWeight(pageUrl: string, references: string[]): Promise<AssetWeight> {
  const urls = [...new Set(references.map((reference) => new URL(reference, pageUrl).href))];
  const bodies = await Promise.all(urls.map(fetchOk));
  return {
    files: urls.length,
    bytes: bodies.reduce((sum, body) => sum + body.length, 0),
    gzipBytes: bodies.reduce((sum, body) => sum + gzipSync(body).length, 0),
  };
}

/** The weight of the page at `pageUrl`, whose HTML is `html`. */
export async function pageWeight(pageUrl: string, html: Buffer): Promise<PageWeight> {
  const text = html.toString('utf8');
  const scripts = tagAttributes(text, 'script').filter((a) => a.has('src'));
  // Current browsers skip `nomodule` scripts (Next's legacy polyfills): reported apart, not counted as first-load.
  const sources = (legacy: boolean) => scripts.filter((a) => a.has('nomodule') === legacy).flatMap((a) => a.get('src') ?? []);
  const styles = tagAttributes(text, 'link')
    .filter((a) => (a.get('rel') ?? '').split(/\s+/).includes('stylesheet'))
    .flatMap((a) => a.get('href') ?? []);
  return {
    html: { files: 1, bytes: html.length, gzipBytes: gzipSync(html).length },
    js: await assetWeight(pageUrl, sources(false)),
    legacyJs: await assetWeight(pageUrl, sources(true)),
    css: await assetWeight(pageUrl, styles),
  };
}
