import type http from 'node:http';
import zlib from 'node:zlib';
import { siteInlineScriptHashes } from './inline-script-hashes';

/**
 * Holds an HTML response until its body is complete, then sets the policy that allows exactly its own
 * inline scripts (server/inline-script-hashes.ts) and sends it. The hashes go out with the page, so a copy
 * cached by the proxy or a CDN carries them too. Any other response (images, feeds, a 304) passes through
 * as it comes. A page's scripts only change when the page does: the policy is remembered by ETag.
 */

const remembered = new Map<string, string>();
const REMEMBERED_MAX = 5_000;

type Callback = (error?: Error | null) => void;
type WriteArgs = [chunk?: unknown, encoding?: BufferEncoding | Callback, callback?: Callback];

function decoded(body: Buffer, encoding: string): string {
  if (encoding === 'gzip' || encoding === 'x-gzip') return zlib.gunzipSync(body).toString('utf8');
  if (encoding === 'br') return zlib.brotliDecompressSync(body).toString('utf8');
  if (encoding === 'deflate') return zlib.inflateSync(body).toString('utf8');
  return body.toString('utf8');
}

/** `policyFor(hashes)` is the Content-Security-Policy for a page whose own inline scripts have these hashes. */
export function setPolicyFromScriptHashes(response: http.ServerResponse, policyFor: (hashes: string[]) => string): void {
  // The methods as they are now; wrappers installed later (server/main.ts's writeHead) call through these.
  const original = { writeHead: response.writeHead, write: response.write, end: response.end, flushHeaders: response.flushHeaders };
  let mode: 'undecided' | 'hold' | 'pass' = 'undecided';
  // While holding: the status an explicit writeHead gave, sent when the body is complete.
  let heldStatus: number | undefined;
  let sending = false;
  const chunks: Buffer[] = [];

  const decide = () => {
    if (mode !== 'undecided') return;
    const html = /^text\/html\b/i.test(String(response.getHeader('content-type') ?? ''));
    mode = html && response.statusCode !== 304 ? 'hold' : 'pass';
    // A 304 updates the browser's stored copy with its headers: it must not replace the page's hashes.
    if (mode === 'pass' && response.statusCode === 304) response.removeHeader('Content-Security-Policy');
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
    chunks.push(toBuffer(chunk, typeof encoding === 'string' ? encoding : undefined));
    const done = typeof encoding === 'function' ? encoding : callback;
    if (done) process.nextTick(done);
    return true;
  } as typeof response.write;

  response.end = function heldEnd(this: http.ServerResponse, ...[chunk, encoding, callback]: WriteArgs) {
    decide();
    if (mode === 'pass' || sending) return (original.end as (...args: WriteArgs) => http.ServerResponse).call(response, chunk, encoding, callback);
    const done = typeof chunk === 'function' ? (chunk as Callback) : typeof encoding === 'function' ? encoding : callback;
    if (chunk !== undefined && chunk !== null && typeof chunk !== 'function') chunks.push(toBuffer(chunk, typeof encoding === 'string' ? encoding : undefined));
    const body = Buffer.concat(chunks);
    response.setHeader('Content-Security-Policy', policyOf(response, body, policyFor));
    sending = true;
    if (heldStatus !== undefined) original.writeHead.call(response, heldStatus);
    return (original.end as (...args: WriteArgs) => http.ServerResponse).call(response, body, done);
  } as typeof response.end;
}

function policyOf(response: http.ServerResponse, body: Buffer, policyFor: (hashes: string[]) => string): string {
  const encoding = String(response.getHeader('content-encoding') ?? '').toLowerCase();
  const etag = response.getHeader('etag');
  const key = etag ? `${encoding} ${String(etag)}` : undefined;
  const known = key && remembered.get(key);
  if (known) return known;
  let hashes: string[] = [];
  try {
    hashes = siteInlineScriptHashes(decoded(body, encoding));
  } catch {
    // A body that does not decode runs no inline script at all.
  }
  const policy = policyFor(hashes);
  // A HEAD request's empty body says nothing about the page's scripts.
  if (key && body.length > 0) {
    if (remembered.size >= REMEMBERED_MAX) remembered.delete(remembered.keys().next().value as string);
    remembered.set(key, policy);
  }
  return policy;
}
