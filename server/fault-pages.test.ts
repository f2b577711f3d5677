import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
// @ts-expect-error: Next ships the compression middleware it runs without types.
import compression from 'next/dist/compiled/compression';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendPageOnFault } from './fault-pages';

const PAGE = '<!DOCTYPE html><html><body><h1>Something went wrong on our side</h1></body></html>';
const NEXT_ERROR_SHELL = '<!DOCTYPE html><html id="__next_error__"><head></head><body><script>self.__next_f=[]</script></body></html>';

/** How the handler behind the swap answers: each as Next does it, streamed, in one go, or compressed. */
const handlers: Record<string, (request: http.IncomingMessage, response: http.ServerResponse) => void> = {
  '/streamed-page-fault': (_request, response) => {
    response.statusCode = 500;
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    response.write(NEXT_ERROR_SHELL.slice(0, 40));
    response.end(NEXT_ERROR_SHELL.slice(40));
  },
  '/feed-fault': (_request, response) => {
    response.writeHead(500, { 'Content-Type': 'text/plain', 'Content-Length': '21', ETag: '"x"' }).end('Internal Server Error');
  },
  '/compressed': (request, response) => {
    (compression as () => (req: unknown, res: unknown, next: () => void) => void)()(request, response, () => {
      response.statusCode = Number(new URLSearchParams(request.url?.split('?')[1]).get('status'));
      response.setHeader('Content-Type', 'text/html; charset=utf-8');
      response.end(NEXT_ERROR_SHELL.repeat(50));
    });
  },
  '/fine': (_request, response) => {
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    response.write('<p>the ');
    response.end('article</p>');
  },
  '/missing': (_request, response) => {
    response.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
  },
  '/api/views': (_request, response) => {
    response.writeHead(500, { 'Content-Type': 'text/plain' }).end('Internal Server Error');
  },
};

let server: http.Server;
let port: number;

beforeAll(async () => {
  server = http.createServer((request, response) => {
    const pathname = (request.url ?? '/').split('?', 1)[0] ?? '/';
    sendPageOnFault(request, response, pathname, PAGE);
    handlers[pathname]?.(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function get(path: string, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    http
      .request({ host: '127.0.0.1', port, path, method, headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const bytes = Buffer.concat(chunks);
          const body = response.headers['content-encoding'] === 'gzip' ? zlib.gunzipSync(bytes) : bytes;
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: body.toString('utf8') });
        });
      })
      .on('error', reject)
      .end();
  });
}

describe('sendPageOnFault', () => {
  it('sends the error page instead of a page Next streams with a 500', async () => {
    const answer = await get('/streamed-page-fault');
    expect(answer.status).toBe(500);
    expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(answer.headers['content-length']).toBe(String(Buffer.byteLength(PAGE)));
    expect(answer.body).toBe(PAGE);
  });

  it("replaces the headers that described the dropped body (a route handler's plain-text 500)", async () => {
    const answer = await get('/feed-fault');
    expect(answer.status).toBe(500);
    expect(answer.body).toBe(PAGE);
    expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(answer.headers['content-length']).toBe(String(Buffer.byteLength(PAGE)));
    expect(answer.headers.etag).toBeUndefined();
  });

  it("drops a body Next's compression was writing, and its Content-Encoding", async () => {
    const answer = await get('/compressed?status=503', { 'Accept-Encoding': 'gzip' });
    expect(answer.status).toBe(503);
    expect(answer.headers['content-encoding']).toBeUndefined();
    expect(answer.body).toBe(PAGE);
    // The same answer with a 200 does go out compressed, whole.
    const fine = await get('/compressed?status=200', { 'Accept-Encoding': 'gzip' });
    expect(fine.headers['content-encoding']).toBe('gzip');
    expect(fine.body).toBe(NEXT_ERROR_SHELL.repeat(50));
  });

  it('sends only the head to a HEAD request, with the length of the page', async () => {
    const answer = await get('/feed-fault', {}, 'HEAD');
    expect([answer.status, answer.body, answer.headers['content-length']]).toEqual([500, '', String(Buffer.byteLength(PAGE))]);
  });

  it('leaves answers below 500 alone', async () => {
    expect(await get('/fine')).toMatchObject({ status: 200, body: '<p>the article</p>' });
    expect(await get('/missing')).toMatchObject({ status: 404, body: 'Not found' });
  });

  it('leaves alone faults answered to scripts: the client router, server actions and the API', async () => {
    expect((await get('/streamed-page-fault', { RSC: '1' })).body).toBe(NEXT_ERROR_SHELL);
    expect((await get('/feed-fault', { 'Next-Action': 'abc' })).body).toBe('Internal Server Error');
    expect((await get('/api/views')).body).toBe('Internal Server Error');
  });
});

