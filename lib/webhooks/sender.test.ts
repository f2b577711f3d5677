import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import type { Db } from '@/db/client';
import { claimDueDeliveries, enqueueWebhookEvents, getWebhookEndpoint, insertWebhookEndpoint, listDeliveries, pruneDeliveries } from '@/db/webhooks';
import { createTestDatabase } from '@/test/support/database';
import { startWebhookSender } from './sender';
import { newWebhookSecret } from './signing';

let db: Db;
let cleanup: () => void;
let file: string;
let server: http.Server;
let port: number;
let statuses: number[];
let received: { headers: http.IncomingHttpHeaders; body: string }[];
const secret = newWebhookSecret();
beforeEach(async () => {
  ({ db, cleanup } = createTestDatabase());
  file = db.$client.name;
  statuses = [];
  received = [];
  server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      response.writeHead(statuses.shift() ?? 200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  cleanup();
});

const addEndpoint = () => insertWebhookEndpoint({ name: 'receiver', url: `http://127.0.0.1:${port}/hook`, events: ['article.published'], secret }, db);
const queue = (n: number, now = Date.now()) =>
  enqueueWebhookEvents(
    db,
    Array.from({ length: n }, (_, i) => ({ messageId: `msg_${i}`, type: 'article.published' as const, payload: JSON.stringify({ type: 'article.published', timestamp: new Date(now).toISOString(), data: { id: i } }) })),
    now,
  );
const until = async (check: () => boolean, ms = 5_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};
const env = { WEBHOOKS_ALLOW_PRIVATE: '1', WEBHOOKS_RETRY_SCHEDULE_MS: '50,50,50' };

it('a claim holds a delivery for its lease; when the lease runs out (the sender died) it is due again', () => {
  addEndpoint();
  queue(1, 1_000);
  expect(claimDueDeliveries({ now: 1_000, leaseMs: 30_000, limit: 5, token: 'a' }, db).map((d) => d.id)).toEqual([1]);
  expect(claimDueDeliveries({ now: 2_000, leaseMs: 30_000, limit: 5, token: 'b' }, db)).toEqual([]);
  expect(claimDueDeliveries({ now: 31_001, leaseMs: 30_000, limit: 5, token: 'b' }, db).map((d) => d.id)).toEqual([1]);
});

it('two processes claiming from one SQLite file at once never get the same delivery', async () => {
  addEndpoint();
  queue(100, 1);
  const claimer = path.join(process.cwd(), 'test/support/webhook-claimer.ts');
  const run = (name: string) => {
    const child = spawn(process.execPath, ['--import', 'tsx', claimer, file, name], { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    return { child, done: new Promise<number[]>((resolve, reject) => child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as number[]) : reject(new Error(`claimer exited ${code}`))))) };
  };
  const a = run('a');
  const b = run('b');
  // Let both load, then start them together.
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  a.child.stdin.end('go');
  b.child.stdin.end('go');
  const [gotA, gotB] = await Promise.all([a.done, b.done]);
  expect(gotA.filter((id) => gotB.includes(id))).toEqual([]);
  expect([...gotA, ...gotB].sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
}, 30_000);

it('delivers a queued event once, signed, and logs the attempt', async () => {
  addEndpoint();
  const sender = startWebhookSender({ db, env, pollMs: 100 });
  try {
    queue(1);
    await until(() => listDeliveries(1, 10, db)[0]?.state === 'delivered');
    expect(received).toHaveLength(1);
    expect(new Webhook(secret).verify(received[0]!.body, received[0]!.headers as Record<string, string>)).toMatchObject({ type: 'article.published' });
    const [delivery] = listDeliveries(1, 10, db);
    expect(delivery!.log).toEqual([expect.objectContaining({ statusCode: 200, error: '', responseSnippet: 'ok' })]);
  } finally {
    await sender.stop();
  }
});

it('retries a failing receiver on the schedule until it succeeds, with the same webhook-id each time', async () => {
  addEndpoint();
  statuses = [500, 503];
  const sender = startWebhookSender({ db, env, pollMs: 100 });
  try {
    queue(1);
    await until(() => listDeliveries(1, 10, db)[0]?.state === 'delivered');
    expect(received.map((r) => r.headers['webhook-id'])).toEqual(['msg_0', 'msg_0', 'msg_0']);
    expect(listDeliveries(1, 10, db)[0]!.log.map((a) => a.statusCode)).toEqual([200, 503, 500]);
    expect(getWebhookEndpoint(1, db)!.failingSince).toBeNull();
  } finally {
    await sender.stop();
  }
});

it('gives up when the schedule is spent, and pauses an endpoint failing for the whole pause period, saying why', async () => {
  addEndpoint();
  statuses = [500, 500, 500, 500, 500];
  const sender = startWebhookSender({ db, env: { ...env, WEBHOOKS_PAUSE_AFTER_MS: '100' }, pollMs: 50 });
  try {
    queue(1);
    await until(() => getWebhookEndpoint(1, db)!.pausedAt !== null);
    const endpoint = getWebhookEndpoint(1, db)!;
    expect(endpoint.pausedReason).toMatch(/^Paused by the sender on .*: every delivery since .* failed \(last: HTTP 500\)/);
    // Paused: new events are not queued for it, and nothing more is sent.
    const sent = received.length;
    expect(queue(1)).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(received.length).toBe(sent);
  } finally {
    await sender.stop();
  }
});

it('marks a delivery failed after its last scheduled retry', async () => {
  addEndpoint();
  statuses = [500, 500, 500, 500];
  const sender = startWebhookSender({ db, env, pollMs: 50 });
  try {
    queue(1);
    await until(() => listDeliveries(1, 10, db)[0]?.state === 'failed');
    expect(listDeliveries(1, 10, db)[0]!.attempts).toBe(4);
    expect(received).toHaveLength(4);
  } finally {
    await sender.stop();
  }
});

it('prunes finished deliveries older than the log keeps, never pending ones', () => {
  addEndpoint();
  queue(2, 1_000);
  db.$client.prepare("update webhook_deliveries set state = 'delivered' where id = 1").run();
  expect(pruneDeliveries(2_000, db)).toBe(1);
  expect(listDeliveries(1, 10, db).map((d) => d.id)).toEqual([2]);
});
