import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { SNIPPET_BYTES, sendWebhook } from './deliver';
import { newWebhookSecret, signedHeaders } from './signing';

// A real receiver on loopback: what it answers is set per test.
let server: http.Server;
let port: number;
let received: { headers: http.IncomingHttpHeaders; body: string }[];
let answer: (request: http.IncomingMessage, response: http.ServerResponse) => void;
beforeEach(async () => {
  received = [];
  answer = (_request, response) => response.writeHead(204).end();
  server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      answer(request, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const body = '{"type":"article.published","timestamp":"2026-12-05T17:00:00.000Z","data":{"id":1}}';

it('POSTs the body with Standard Webhooks headers that verify with the secret', async () => {
  const secret = newWebhookSecret();
  const outcome = await sendWebhook({ url: `http://127.0.0.1:${port}/hook?x=1`, headers: signedHeaders(secret, 'msg_abc', new Date(), body), body, allowPrivate: true });
  expect(outcome).toMatchObject({ ok: true, statusCode: 204, error: '' });
  expect(received).toHaveLength(1);
  const [{ headers, body: got }] = received as [(typeof received)[0]];
  expect(got).toBe(body);
  expect(headers['content-type']).toBe('application/json');
  expect(headers['webhook-id']).toBe('msg_abc');
  expect(new Webhook(secret).verify(got, headers as Record<string, string>)).toEqual(JSON.parse(body));
});

it('refuses a loopback receiver unless private addresses are allowed, and sends nothing', async () => {
  for (const host of ['127.0.0.1', 'localhost', '[::ffff:127.0.0.1]']) {
    const outcome = await sendWebhook({ url: `http://${host}:${port}/`, headers: {}, body, allowPrivate: false });
    expect(outcome.ok).toBe(false);
    expect(outcome.error).toMatch(/refused: .* loopback/);
  }
  expect(received).toHaveLength(0);
});

it('connects to the address it checked, not to what DNS answers later (no rebinding)', async () => {
  // The name resolves only through the resolver given: the connection uses its answer, with the name as Host.
  const outcome = await sendWebhook({ url: `http://receiver.invalid:${port}/`, headers: {}, body, allowPrivate: true, resolve: async () => [{ address: '127.0.0.1', family: 4 }] });
  expect(outcome.ok).toBe(true);
  expect(received[0]?.headers.host).toBe(`receiver.invalid:${port}`);
});

it('follows no redirect: a 3xx is a failed attempt', async () => {
  answer = (_request, response) => response.writeHead(302, { Location: 'http://169.254.169.254/latest/meta-data' }).end();
  const outcome = await sendWebhook({ url: `http://127.0.0.1:${port}/`, headers: {}, body, allowPrivate: true });
  expect(outcome).toMatchObject({ ok: false, statusCode: 302, error: 'redirect not followed' });
  expect(received).toHaveLength(1);
});

it('keeps at most 1 KB of the answer and reports a 500 as a failure', async () => {
  answer = (_request, response) => response.writeHead(500).end('x'.repeat(100_000));
  const outcome = await sendWebhook({ url: `http://127.0.0.1:${port}/`, headers: {}, body, allowPrivate: true });
  expect(outcome.ok).toBe(false);
  expect(outcome.statusCode).toBe(500);
  expect(outcome.responseSnippet.length).toBeLessThanOrEqual(SNIPPET_BYTES);
  expect(outcome.responseSnippet.length).toBeGreaterThan(0);
});

it('gives up on a receiver that does not answer in time', async () => {
  answer = () => {};
  const outcome = await sendWebhook({ url: `http://127.0.0.1:${port}/`, headers: {}, body, allowPrivate: true, timeoutMs: 300 });
  expect(outcome).toMatchObject({ ok: false, statusCode: null, error: 'no answer within 0.3 s' });
  expect(outcome.durationMs).toBeGreaterThanOrEqual(290);
  expect(outcome.durationMs).toBeLessThan(3_000);
});

it('reports a refused connection', async () => {
  const closed = http.createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const closedPort = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
  const outcome = await sendWebhook({ url: `http://127.0.0.1:${closedPort}/`, headers: {}, body, allowPrivate: true });
  expect(outcome).toMatchObject({ ok: false, statusCode: null, error: 'ECONNREFUSED' });
});
