import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scriptHash } from './inline-script-hashes';
import { setPolicyFromScriptHashes } from './script-hash-policy';

const FLIGHT = 'self.__next_f.push([1,"data"])';
const PAGE = `<!doctype html><html><body><h1>Story</h1><script>${FLIGHT}</script><script>alert(1)</script></body></html>`;

// Each path answers the way Next answers some response, behind the same wrappers server/main.ts puts in place.
const handlers: Record<string, (response: http.ServerResponse) => void> = {
  '/page': (response) => {
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    response.write(PAGE.slice(0, 40));
    response.end(PAGE.slice(40));
  },
  '/explicit-head': (response) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', ETag: '"e1"' });
    response.end(PAGE);
  },
  '/gzip': (response) => {
    response.setHeader('Content-Type', 'text/html');
    response.setHeader('Content-Encoding', 'gzip');
    response.end(zlib.gzipSync(PAGE));
  },
  '/image': (response) => {
    response.setHeader('Content-Type', 'image/png');
    response.write(Buffer.from([1, 2, 3]));
    response.end();
  },
  '/not-modified': (response) => {
    response.writeHead(304, { 'Content-Type': 'text/html' });
    response.end();
  },
};

let server: http.Server;
let base = '';

beforeAll(async () => {
  server = http.createServer((request, response) => {
    response.setHeader('Content-Security-Policy', 'static');
    setPolicyFromScriptHashes(response, (hashes) => `script-src 'self' ${hashes.join(' ')}`.trim());
    // Like server/main.ts's finishHeadWith: a writeHead wrapper installed afterwards must still run.
    const writeHead = response.writeHead.bind(response) as (code: number, ...rest: unknown[]) => http.ServerResponse;
    response.writeHead = ((code: number, ...rest: unknown[]) => {
      response.setHeader('Cache-Control', 'decided-by-the-server');
      return writeHead(code, ...rest);
    }) as typeof response.writeHead;
    handlers[request.url ?? '']?.(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('setPolicyFromScriptHashes', () => {
  it('sends an HTML page whole, with the hashes of its own inline scripts only', async () => {
    for (const path of ['/page', '/explicit-head', '/gzip']) {
      const response = await fetch(`${base}${path}`);
      expect(await response.text(), path).toBe(PAGE);
      expect(response.headers.get('content-security-policy'), path).toBe(`script-src 'self' ${scriptHash(FLIGHT)}`);
      expect(response.headers.get('cache-control'), path).toBe('decided-by-the-server');
    }
  });

  it('passes other responses through as they come, and sends no policy with a 304', async () => {
    const image = await fetch(`${base}/image`);
    expect(Buffer.from(await image.arrayBuffer())).toEqual(Buffer.from([1, 2, 3]));
    expect(image.headers.get('content-security-policy')).toBe('static');
    expect(image.headers.get('cache-control')).toBe('decided-by-the-server');
    const notModified = await fetch(`${base}/not-modified`);
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get('content-security-policy')).toBeNull();
  });

  it('answers a HEAD request without remembering an empty list for the page', async () => {
    const head = await fetch(`${base}/explicit-head`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    const get = await fetch(`${base}/explicit-head`);
    expect(get.headers.get('content-security-policy')).toBe(`script-src 'self' ${scriptHash(FLIGHT)}`);
  });
});
