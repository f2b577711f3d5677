import type http from 'node:http';
import zlib from 'node:zlib';
import { siteInlineScriptHashes } from './inline-script-hashes';
import { embedFrameOrigins } from '@/lib/story-blocks/embeds';
import { withoutClientRuntime } from './runtime-free-html';
import { takeCacheTagMarks } from '@/lib/cache/surrogate-keys';

/**
 * What a reader gets of an HTML page (decisions 12 and 16): the page Next rendered without its client runtime
 * (server/runtime-free-html.ts), under a policy that allows exactly the site's own inline scripts by hash.
 *
 * The response is held until its body is complete, then the page is cut and the policy worked out, once per
 * version of the page: both are remembered by Next's ETag (and the encoding), so a cached page costs a lookup.
 * A page is compressed here too, once per version, not by Next on every request: Next is not told the
 * encodings the reader accepts for an address that names a page (no file extension, not /_next or /api).
 * The bytes sent differ from Next's, so they go out under their own ETag, Next's with a suffix; a conditional
 * request naming it is handed to Next with Next's own, which answers the 304 as before.
 *
 * Requests only Next's client runtime makes (RSC payloads, prefetches) get the page like any other: their
 * headers are dropped before Next sees them, and the Vary that named them goes, so a cache keeps one copy.
 * Any other response (images, feeds) passes through as it comes.
 */

/** Names the cutting: a change to what is cut changes every reader ETag with it. */
const ETAG_SUFFIX = '-r1';
const RUNTIME_REQUEST_HEADERS = ['rsc', 'next-router-prefetch', 'next-router-segment-prefetch', 'next-router-state-tree', 'next-url', 'next-hmr-refresh'];
const RUNTIME_VARY = /^(?:rsc|next-router-[\w-]+|next-url)$/i;

interface Version {
  body: Buffer;
  encoding: string;
  policy: string;
  /** The cache tags the page's marks named (cut out of the body: lib/cache/surrogate-keys.ts). */
  tags: string[];
}
const remembered = new Map<string, Version>();
const REMEMBERED_MAX = 5_000;
// Per process, so per worker (decision 21): 16 MB is about 1,500 gzipped article versions.
const REMEMBERED_MAX_BYTES = 16 * 1024 * 1024;
let rememberedBytes = 0;

function remember(key: string, version: Version): void {
  const old = remembered.get(key);
  if (old) rememberedBytes -= old.body.length;
  remembered.delete(key);
  remembered.set(key, version);
  rememberedBytes += version.body.length;
  while (remembered.size > REMEMBERED_MAX || rememberedBytes > REMEMBERED_MAX_BYTES) {
    const [oldestKey, oldest] = remembered.entries().next().value as [string, Version];
    remembered.delete(oldestKey);
    rememberedBytes -= oldest.body.length;
  }
}

function recall(key: string): Version | undefined {
  const version = remembered.get(key);
  // Most recently used last: the oldest entry is the one dropped.
  if (version) remember(key, version);
  return version;
}

type Callback = (error?: Error | null) => void;
type WriteArgs = [chunk?: unknown, encoding?: BufferEncoding | Callback, callback?: Callback];

function decoded(body: Buffer, encoding: string): string {
  if (encoding === 'gzip' || encoding === 'x-gzip') return zlib.gunzipSync(body).toString('utf8');
  if (encoding === 'br') return zlib.brotliDecompressSync(body).toString('utf8');
  if (encoding === 'deflate') return zlib.inflateSync(body).toString('utf8');
  return body.toString('utf8');
}

function encoded(text: string, encoding: string): Buffer {
  if (encoding === 'gzip' || encoding === 'x-gzip') return zlib.gzipSync(text);
  if (encoding === 'br') return zlib.brotliCompressSync(text);
  if (encoding === 'deflate') return zlib.deflateSync(text);
  return Buffer.from(text, 'utf8');
}

/** Whether an Accept-Encoding header allows gzip (named or `*`, with a weight above 0). */
export function acceptsGzip(header: string | undefined): boolean {
  return (header ?? '').split(',').some((part) => {
    const [name = '', ...parameters] = part.split(';').map((piece) => piece.trim());
    const weight = parameters.find((parameter) => /^q=/i.test(parameter));
    return ['gzip', 'x-gzip', '*'].includes(name.toLowerCase()) && (weight === undefined || Number(weight.slice(2)) > 0);
  });
}

/** An address that names a page rather than a file (a feed, an image, a script) or an API. */
const isPageAddress = (pathname: string) => !/^\/(?:_next|api)\//.test(pathname) && !/\.[A-Za-z0-9]+$/.test(pathname);

const ETAG = /^(W\/)?"([^"]*)"$/;

/** The ETag of the page as sent, from Next's ETag of the page it rendered. */
export function readerEtag(nextEtag: string): string {
  const match = ETAG.exec(nextEtag.trim());
  return match ? `${match[1] ?? ''}"${match[2]}${ETAG_SUFFIX}"` : nextEtag;
}

/** An If-None-Match header with each reader ETag turned back into Next's; undefined if it named none. */
export function nextIfNoneMatch(header: string): string | undefined {
  let named = false;
  const tags = header.split(',').map((tag) => {
    const match = ETAG.exec(tag.trim());
    if (!match?.[2]?.endsWith(ETAG_SUFFIX)) return tag.trim();
    named = true;
    return `${match[1] ?? ''}"${match[2].slice(0, -ETAG_SUFFIX.length)}"`;
  });
  return named ? tags.join(', ') : undefined;
}

function varyWith(vary: number | string | string[] | undefined, name: string): string {
  const names = vary === undefined ? [] : String(vary).split(',').map((entry) => entry.trim()).filter(Boolean);
  return names.some((entry) => entry.toLowerCase() === name.toLowerCase()) ? names.join(', ') : [...names, name].join(', ');
}

function withoutRuntimeVary(response: http.ServerResponse): void {
  const vary = response.getHeader('vary');
  if (vary === undefined) return;
  const kept = String(vary)
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name && !RUNTIME_VARY.test(name));
  if (kept.length > 0) response.setHeader('Vary', kept.join(', '));
  else response.removeHeader('Vary');
}

/**
 * Called once, just before a reader response's head is sent, with the cache tags its page's marks named
 * (none for anything but a page): the last say on its headers (server/main.ts: the surrogate keys).
 */
export type BeforeHead = (response: http.ServerResponse, markedTags: string[]) => void;

/**
 * Serves a reader response: `policyFor(hashes)` is the Content-Security-Policy for a page whose own inline
 * scripts have these hashes. Installed before Next handles the request (server/main.ts).
 */
export function serveReaderHtml(
  request: http.IncomingMessage,
  response: http.ServerResponse,
  policyFor: (hashes: string[], frameOrigins?: string[]) => string,
  beforeHead: BeforeHead = () => {},
): void {
  for (const name of RUNTIME_REQUEST_HEADERS) delete request.headers[name];
  const ifNoneMatch = request.headers['if-none-match'];
  const nextTags = ifNoneMatch === undefined ? undefined : nextIfNoneMatch(ifNoneMatch);
  if (nextTags !== undefined) request.headers['if-none-match'] = nextTags;
  // For a page, the encoding to send it in, chosen here; Next, not told what the reader accepts, sends it plain.
  const pathname = (request.url ?? '/').split('?', 1)[0] ?? '/';
  let encodeAs: string | undefined;
  if ((request.method === 'GET' || request.method === 'HEAD') && isPageAddress(pathname)) {
    encodeAs = acceptsGzip(request.headers['accept-encoding']) ? 'gzip' : '';
    delete request.headers['accept-encoding'];
  }

  // The methods as they are now; wrappers installed later (server/main.ts's writeHead) call through these.
  const original = { writeHead: response.writeHead, write: response.write, end: response.end, flushHeaders: response.flushHeaders };
  let mode: 'undecided' | 'hold' | 'pass' = 'undecided';
  // While holding: the status an explicit writeHead gave, sent when the body is complete.
  let heldStatus: number | undefined;
  let sending = false;
  const chunks: Buffer[] = [];
  // The reader version already made from this page version (same ETag, same encoding), looked up once the
  // headers are set: with one, Next's body is not collected at all. A cached page is most requests, and each
  // would otherwise copy its 100-200 KB into buffers twice only to be told the version is known.
  let known: Version | undefined;
  let lookedUp = false;
  const knownVersion = () => {
    if (!lookedUp) {
      lookedUp = true;
      const key = versionKey(response, encodeAs);
      known = key === undefined ? undefined : recall(key);
    }
    return known;
  };

  const decide = () => {
    if (mode !== 'undecided') return;
    const html = /^text\/html\b/i.test(String(response.getHeader('content-type') ?? ''));
    mode = html && response.statusCode !== 304 ? 'hold' : 'pass';
    withoutRuntimeVary(response);
    if (mode === 'pass') beforeHead(response, []);
    if (mode === 'pass' && response.statusCode === 304) {
      // A 304 updates the browser's stored copy with its headers: it must not replace the page's hashes.
      response.removeHeader('Content-Security-Policy');
      // Not modified since the reader ETag it was asked about: it answers with that ETag.
      const etag = response.getHeader('etag');
      if (nextTags !== undefined && etag !== undefined) response.setHeader('ETag', readerEtag(String(etag)));
    }
  };
  const toBuffer = (chunk: unknown, encoding?: BufferEncoding) =>
    Buffer.isBuffer(chunk) ? chunk : chunk instanceof Uint8Array ? Buffer.from(chunk) : Buffer.from(String(chunk), encoding);

  response.writeHead = function heldWriteHead(this: http.ServerResponse, code: number, ...rest: unknown[]) {
    response.statusCode = code;
    // Headers given here join those already set, as Node would merge them.
    const headers = rest.find((arg): arg is Record<string, string | number | string[]> => typeof arg === 'object' && arg !== null && !Array.isArray(arg));
    if (headers) for (const [name, value] of Object.entries(headers)) if (value !== undefined) response.setHeader(name, value);
    decide();
    if (mode === 'pass' || sending) return original.writeHead.call(response, code);
    heldStatus = code;
    return response;
  } as typeof response.writeHead;

  response.flushHeaders = function heldFlushHeaders() {
    decide();
    if (mode === 'pass') original.flushHeaders.call(response);
  };

  response.write = function heldWrite(this: http.ServerResponse, ...[chunk, encoding, callback]: WriteArgs) {
    decide();
    if (mode === 'pass') return (original.write as (...args: WriteArgs) => boolean).call(response, chunk, encoding, callback);
    if (!knownVersion()) chunks.push(toBuffer(chunk, typeof encoding === 'string' ? encoding : undefined));
    const done = typeof encoding === 'function' ? encoding : callback;
    if (done) process.nextTick(done);
    return true;
  } as typeof response.write;

  response.end = function heldEnd(this: http.ServerResponse, ...[chunk, encoding, callback]: WriteArgs) {
    decide();
    if (mode === 'pass' || sending) return (original.end as (...args: WriteArgs) => http.ServerResponse).call(response, chunk, encoding, callback);
    const done = typeof chunk === 'function' ? (chunk as Callback) : typeof encoding === 'function' ? encoding : callback;
    let version = knownVersion();
    if (!version) {
      if (chunk !== undefined && chunk !== null && typeof chunk !== 'function') chunks.push(toBuffer(chunk, typeof encoding === 'string' ? encoding : undefined));
      const [only] = chunks;
      version = readerVersion(response, chunks.length === 1 && only ? only : Buffer.concat(chunks), policyFor, encodeAs);
    }
    response.setHeader('Content-Security-Policy', version.policy);
    if (version.encoding) response.setHeader('Content-Encoding', version.encoding);
    else response.removeHeader('Content-Encoding');
    if (encodeAs !== undefined) response.setHeader('Vary', varyWith(response.getHeader('vary'), 'Accept-Encoding'));
    const etag = response.getHeader('etag');
    if (etag !== undefined) response.setHeader('ETag', readerEtag(String(etag)));
    // A HEAD request has no body to cut: its length is the remembered page's, or left unsaid.
    if (request.method !== 'HEAD') response.setHeader('Content-Length', version.body.length);
    else if (version.body.length > 0) response.setHeader('Content-Length', version.body.length);
    else response.removeHeader('Content-Length');
    beforeHead(response, version.tags);
    sending = true;
    if (heldStatus !== undefined) original.writeHead.call(response, heldStatus);
    return (original.end as (...args: WriteArgs) => http.ServerResponse).call(response, request.method === 'HEAD' ? undefined : version.body, done);
  } as typeof response.end;
}

/** What a reader version is remembered under: the encoding it is sent in and the ETag of Next's page. */
function versionKey(response: http.ServerResponse, encodeAs: string | undefined): string | undefined {
  const etag = response.getHeader('etag');
  if (!etag) return undefined;
  const encoding = encodeAs ?? String(response.getHeader('content-encoding') ?? '').toLowerCase();
  return `${encoding} ${String(etag)}`;
}

/**
 * The page as sent, its encoding and its policy, from the body Next sent: worked out once per version and
 * encoding. `encodeAs` is the encoding chosen for the reader, if not Next's.
 */
function readerVersion(response: http.ServerResponse, body: Buffer, policyFor: (hashes: string[], frameOrigins?: string[]) => string, encodeAs: string | undefined): Version {
  const sentEncoding = String(response.getHeader('content-encoding') ?? '').toLowerCase();
  const encoding = encodeAs ?? sentEncoding;
  // Called only when no version is remembered under this key (knownVersion above asked).
  const key = versionKey(response, encodeAs);
  // A HEAD request's empty body says nothing about the page: nothing to cut, no script to allow.
  if (body.length === 0) return { body, encoding: sentEncoding, policy: policyFor([]), tags: [] };
  let version: Version;
  try {
    const { html, tags } = takeCacheTagMarks(withoutClientRuntime(decoded(body, sentEncoding)));
    version = { body: encoded(html, encoding), encoding, policy: policyFor(siteInlineScriptHashes(html), embedFrameOrigins(html)), tags };
  } catch {
    // A body that does not decode is sent as it came, and runs no inline script at all.
    return { body, encoding: sentEncoding, policy: policyFor([]), tags: [] };
  }
  if (key) remember(key, version);
  return version;
}
