import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VIEW_BEACON_SCRIPT } from '@/components/site/ViewBeacon';
import { scriptHash } from './inline-script-hashes';
import { acceptsGzip, nextIfNoneMatch, readerEtag, serveReaderHtml } from './reader-html';

const RUNTIME = '<script src="/_next/static/chunks/a.js" async=""></script><script>self.__next_f.push([1,"data"])</script>';
const BEACON = `<script data-article="1">${VIEW_BEACON_SCRIPT}</script>`;
const PAGE = `<!doctype html><html><head>${RUNTIME}</head><body><h1>Story</h1>${BEACON}<script>alert(1)</script></body></html>`;
const SENT = `<!doctype html><html><head></head><body><h1>Story</h1>${BEACON}<script>alert(1)</script></body></html>`;
const POLICY = `script-src ${scriptHash(VIEW_BEACON_SCRIPT)}`;
// A page with two facades (lib/story-blocks/render.ts) and one frame address no renderer wrote.
const EMBED_PAGE =
  '<!doctype html><html><body><figure class="embed" data-embed="https://player.vimeo.com/video/1?dnt=1"></figure>' +
  '<figure class="embed" data-embed="https://platform.twitter.com/embed/Tweet.html?id=2&amp;dnt=true"></figure>' +
  '<figure data-embed="https://evil.example/frame"></figure></body></html>';

// What each handler saw of the request: the headers Next gets.
const seen: http.IncomingHttpHeaders[] = [];

// Each path answers the way Next answers some response, behind the same wrappers server/main.ts puts in place.
const handlers: Record<string, (request: http.IncomingMessage, response: http.ServerResponse) => void> = {
  '/page': (_request, response) => {
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    response.setHeader('Vary', 'rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch, Accept-Encoding');
    response.write(PAGE.slice(0, 40));
    response.end(PAGE.slice(40));
  },
  // Like Next's cached pages: an ETag, a length, and a 304 when the request names the ETag.
  '/explicit-head': (request, response) => {
    response.setHeader('ETag', '"e1"');
    if (request.headers['if-none-match']?.includes('"e1"')) {
      response.statusCode = 304;
      response.end();
      return;
    }
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(PAGE) });
    response.end(request.method === 'HEAD' ? null : PAGE);
  },
  '/gzip': (_request, response) => {
    response.setHeader('Content-Type', 'text/html');
    response.setHeader('Content-Encoding', 'gzip');
    response.setHeader('ETag', '"g1"');
    response.end(zlib.gzipSync(PAGE));
  },
  '/image': (_request, response) => {
    response.setHeader('Content-Type', 'image/png');
    response.setHeader('ETag', '"i1"');
    response.write(Buffer.from([1, 2, 3]));
    response.end();
  },
  '/embeds': (_request, response) => {
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    response.end(EMBED_PAGE);
  },
  '/not-modified': (_request, response) => {
    response.writeHead(304, { 'Content-Type': 'text/html' });
    response.end();
  },
};

let server: http.Server;
let base = '';

beforeAll(async () => {
  server = http.createServer((request, response) => {
    response.setHeader('Content-Security-Policy', 'static');
    serveReaderHtml(request, response, (hashes, frames = []) => `script-src ${hashes.join(' ') || "'none'"}${frames.length ? `; frame-src ${frames.join(' ')}` : ''}`);
    seen.push({ ...request.headers });
    // Like server/main.ts's finishHeadWith: a writeHead wrapper installed afterwards must still run.
    const writeHead = response.writeHead.bind(response) as (code: number, ...rest: unknown[]) => http.ServerResponse;
    response.writeHead = ((code: number, ...rest: unknown[]) => {
      response.setHeader('Cache-Control', 'decided-by-the-server');
      return writeHead(code, ...rest);
    }) as typeof response.writeHead;
    handlers[(request.url ?? '').split('?')[0] ?? '']?.(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('serveReaderHtml', () => {
  it('sends an HTML page whole, without Next’s runtime, with the hashes of the site’s own inline scripts only', async () => {
    for (const path of ['/page', '/explicit-head', '/gzip', '/gzip']) {
      const response = await fetch(`${base}${path}`);
      expect(await response.text(), path).toBe(SENT);
      expect(response.headers.get('content-security-policy'), path).toBe(POLICY);
      expect(response.headers.get('cache-control'), path).toBe('decided-by-the-server');
    }
  });

  it('allows a page the frames of its own embeds’ providers, and no others', async () => {
    const response = await fetch(`${base}/embeds`);
    expect(response.headers.get('content-security-policy')).toBe("script-src 'none'; frame-src https://platform.twitter.com https://player.vimeo.com");
    expect((await fetch(`${base}/page`)).headers.get('content-security-policy')).toBe(POLICY);
  });

  it('compresses a page itself, in the encoding the reader accepts, and tells Next none', async () => {
    const get = async (path: string, headers: Record<string, string>) => {
      const raw = await new Promise<http.IncomingMessage>((resolve) => http.get(`${base}${path}`, { headers }, resolve));
      const body: Buffer[] = [];
      for await (const chunk of raw) body.push(chunk as Buffer);
      return { headers: raw.headers, body: Buffer.concat(body) };
    };
    for (const path of ['/page', '/gzip']) {
      seen.length = 0;
      const gzip = await get(path, { 'Accept-Encoding': 'br;q=1, gzip;q=0.5' });
      expect(seen[0]?.['accept-encoding'], path).toBeUndefined();
      expect(gzip.headers['content-encoding'], path).toBe('gzip');
      expect(gzip.headers.vary, path).toMatch(/Accept-Encoding/);
      expect(Number(gzip.headers['content-length']), path).toBe(gzip.body.length);
      expect(zlib.gunzipSync(gzip.body).toString(), path).toBe(SENT);
      for (const refusing of [{}, { 'Accept-Encoding': 'gzip;q=0, identity' }] as Record<string, string>[]) {
        const plain = await get(path, refusing);
        expect(plain.headers['content-encoding'], path).toBeUndefined();
        expect(plain.body.toString(), path).toBe(SENT);
      }
    }
  });

  it('sends the page under its own ETag, and a conditional request naming it gets Next’s 304 with that ETag', async () => {
    const page = await fetch(`${base}/explicit-head`);
    expect(page.headers.get('etag')).toBe(readerEtag('"e1"'));
    expect(Number(page.headers.get('content-length'))).toBe(zlib.gzipSync(SENT).length);
    const again = await fetch(`${base}/explicit-head`, { headers: { 'If-None-Match': readerEtag('"e1"') } });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(readerEtag('"e1"'));
    expect(again.headers.get('content-security-policy')).toBeNull();
    // Next's own ETag names the page with the runtime: not what is sent any more.
    expect((await fetch(`${base}/explicit-head`, { headers: { 'If-None-Match': 'W/"x", "other"' } })).status).toBe(200);
  });

  it('answers requests only the runtime makes like any other, and drops the Vary that named them', async () => {
    seen.length = 0;
    const response = await fetch(`${base}/page?_rsc=1a2b3`, { headers: { RSC: '1', 'Next-Router-Prefetch': '1', 'Next-Router-State-Tree': '%5B%5D' } });
    expect(seen[0]?.rsc).toBeUndefined();
    expect(seen[0]?.['next-router-prefetch']).toBeUndefined();
    expect(seen[0]?.['next-router-state-tree']).toBeUndefined();
    expect(response.headers.get('vary')).toBe('Accept-Encoding');
  });

  it('passes other responses through as they come, and sends no policy with a 304', async () => {
    const image = await fetch(`${base}/image`);
    expect(Buffer.from(await image.arrayBuffer())).toEqual(Buffer.from([1, 2, 3]));
    expect(image.headers.get('content-security-policy')).toBe('static');
    expect(image.headers.get('etag')).toBe('"i1"');
    expect(image.headers.get('cache-control')).toBe('decided-by-the-server');
    const notModified = await fetch(`${base}/not-modified`);
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get('content-security-policy')).toBeNull();
  });

  it('answers a HEAD request with the page’s ETag, without remembering an empty page', async () => {
    const head = await fetch(`${base}/explicit-head`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('etag')).toBe(readerEtag('"e1"'));
    const get = await fetch(`${base}/explicit-head`);
    expect(await get.text()).toBe(SENT);
    expect(get.headers.get('content-security-policy')).toBe(POLICY);
  });
});

describe('acceptsGzip', () => {
  it('reads Accept-Encoding as browsers and proxies write it', () => {
    for (const header of ['gzip', 'gzip, deflate, br, zstd', 'br;q=1.0, GZIP;q=0.5', '*']) expect(acceptsGzip(header), header).toBe(true);
    for (const header of [undefined, '', 'identity', 'br', 'gzip;q=0', 'gzip; q=0.000, br', 'xgzip']) expect(acceptsGzip(header), String(header)).toBe(false);
  });
});

describe('reader ETags', () => {
  it('are Next’s with a suffix, and turn back into Next’s in a conditional request', () => {
    expect(readerEtag('"abc"')).toBe('"abc-r1"');
    expect(readerEtag('W/"abc"')).toBe('W/"abc-r1"');
    expect(nextIfNoneMatch('"abc-r1"')).toBe('"abc"');
    expect(nextIfNoneMatch('W/"x", "abc-r1"')).toBe('W/"x", "abc"');
    expect(nextIfNoneMatch('"abc", *')).toBeUndefined();
  });
});
