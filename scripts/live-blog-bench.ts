import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createUser } from '@/db/users';
import { hashPassword } from '@/lib/auth/passwords';
import { readRequestLog } from '@/server/request-log';
import { findForm, FormClient, setField } from '@/test/support/form-client';
import { prepareFreshSite, startSite, type SiteOptions } from '@/test/support/site-server';
import { autocannon } from './lib/autocannon';
import { percentiles } from './lib/timing';

const stats = (samples: readonly number[]) => ({ p50: percentiles(samples).p50, max: Math.max(...samples) });

/**
 * Live blogs, measured (issue 15), on a freshly seeded and built site of its own:
 *  1. post → visible: an editor posts an update through the composer's own form (its server action, over
 *     HTTP, as a browser without JavaScript does), and a signed-out reader's request for the live blog's
 *     page is repeated until it shows the update; N posts (default 12), p50 and max from pressing Post.
 *  2. polling: 500 readers polling every 20 s is 25 requests a second; autocannon sends the poll of a
 *     reader who is up to date (If-None-Match with the current ETag) at that rate and at full speed, and
 *     the request log says what each cost (status, SQL statements).
 *
 *   npx tsx scripts/live-blog-bench.ts [--posts 12] [--port 3395]
 */

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const POSTS = option('posts', 12);
const PORT = option('port', 3395);
const LIVE_PATH = '/climate/southern-australia-breaks-november-heat-records-as-fire-crews-brace';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'news-live-bench-'));
const site: SiteOptions = { dataDir, distDir: '.next-live-bench', port: PORT };
const editor = { email: 'live.bench@example.test', password: randomBytes(18).toString('base64url') };
console.log(`Seeding and building into ${site.distDir} (data in ${dataDir}) ...`);
await prepareFreshSite(site, async (db) => {
  createUser({ email: editor.email, name: 'Bench Editor', role: 'editor', passwordHash: await hashPassword(editor.password) }, db);
});
const running = await startSite(site);
try {
  const base = running.url;
  const page = await (await fetch(`${base}${LIVE_PATH}`)).text();
  const articleId = /data-live-blog="(\d+)"/.exec(page)?.[1];
  if (!articleId) throw new Error('the seeded live blog has no data-live-blog');

  // ---- 1. post → visible ----
  const client = new FormClient(base, 30_000);
  await client.signIn(editor);
  const times: number[] = [];
  const acknowledged: number[] = [];
  for (let n = 1; n <= POSTS; n++) {
    const composer = await client.get(`/admin/articles/${articleId}/live`);
    const form = findForm(composer.html, 'body');
    const marker = `Bench update ${n} ${randomBytes(6).toString('hex')}`;
    setField(form, 'body', marker);
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 1_000));
    const pressed = performance.now();
    const answer = await client.submit(composer, form, 'Post');
    acknowledged.push(performance.now() - pressed);
    if (!answer.html.includes('Posted: readers see it now.')) throw new Error(`post ${n} was not accepted (status ${answer.status})`);
    for (;;) {
      const body = await (await fetch(`${base}${LIVE_PATH}`)).text();
      if (body.includes(marker)) break;
      if (performance.now() - pressed > 10_000) throw new Error(`post ${n} was not visible within 10 s`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    times.push(performance.now() - pressed);
  }
  const visible = stats(times);
  const ack = stats(acknowledged);
  console.log(`post → visible to a signed-out reader, ${POSTS} posts: p50 ${visible.p50.toFixed(0)} ms, max ${visible.max.toFixed(0)} ms (acknowledged: p50 ${ack.p50.toFixed(0)} ms, max ${ack.max.toFixed(0)} ms)`);

  // ---- 2. 500 readers polling every 20 s ----
  const newest = /data-update-id="(\d+)"/.exec(await (await fetch(`${base}${LIVE_PATH}`)).text())?.[1];
  const pollPath = `/api/live/${articleId}?since=${newest}`;
  const first = await fetch(`${base}${pollPath}`);
  const etag = first.headers.get('etag');
  if (!etag) throw new Error('the poll answered without an ETag');
  const logFile = path.join(dataDir, 'requests.log');
  const logged = () => readRequestLog(logFile).filter((e) => e.path.startsWith('/api/live/'));
  for (const [label, rate] of [
    ['500 readers every 20 s (25 req/s)', 25],
    ['full speed, 50 connections', 0],
  ] as const) {
    const before = logged().length;
    const result = await autocannon({
      url: `${base}${pollPath}`,
      connections: rate ? 5 : 50,
      duration: 10,
      ...(rate ? { overallRate: rate } : {}),
      headers: { 'if-none-match': etag },
    } as Parameters<typeof autocannon>[0]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const entries = logged().slice(before);
    const statuses = Object.entries(result.statusCodeStats)
      .map(([status, { count }]) => `${status}: ${count}`)
      .join(', ');
    const withQueries = entries.filter((e) => e.queries > 0).length;
    const ms = stats(entries.map((e) => e.ms));
    console.log(
      `${label}: ${result.requests.total} requests (${result.requests.average.toFixed(0)}/s), statuses ${statuses}; request log: ${entries.length} entries, ${withQueries} with any SQL, ${entries.reduce((sum, e) => sum + e.queries, 0)} statements in all, server time p50 ${ms.p50.toFixed(2)} ms, max ${ms.max.toFixed(1)} ms`,
    );
  }
} finally {
  await running.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
