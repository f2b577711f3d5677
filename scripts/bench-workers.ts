import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createUser } from '@/db/users';
import { hashPassword } from '@/lib/auth/passwords';
import { seedLargeSite } from '@/ops/large-seed';
import { readSeedContent, DEMO_CONTENT_DIR } from '@/ops/seed-content';
import { FormClient } from '@/test/support/form-client';
import { timePublishes, type PublishTiming } from '@/test/support/publish-timing';
import { residentMemory } from '@/test/support/server-footprint';
import { readSiteContent } from '@/test/support/soak';
import { prepareFreshSite, startSite, type SiteOptions } from '@/test/support/site-server';
import { autocannon, type AutocannonResult } from './lib/autocannon';
import { integer } from './lib/bench-report';
import { fetchOk } from './lib/page-weight';
import { revalidationSecret } from './lib/render-timing';
import { assertPortFree, onCleanUp, runScript } from './lib/run-cleanup';
import { workerCount } from '@/server/worker-policy';

/**
 * `npm run bench:workers [-- --workers N --articles N --duration N --connections N --publishes N]`: the same site, built
 * once, started with WEB_CONCURRENCY=1 and then with N workers (default: one per core), in one run (ADR 0020).
 * For each: an article's throughput from Next's page cache, and with the cache bypassed (every request
 * rendered from the database: Next's revalidation header), and the memory of the server's processes at
 * rest and after the load; then publish → visible: an editor publishes through the newsroom's form (served by
 * whichever worker the connection went to) and the article, its section front and the front page are each
 * polled over two connections at once, which the cluster's primary hands to the workers in turn. The load
 * generator (autocannon) runs on the same machine and takes a share of its cores: on a 2-core machine, N
 * workers compete with it.
 */

const PORT = 3320;

interface Options {
  workers: number;
  articles: number;
  duration: number;
  connections: number;
  publishes: number;
}

function parseOptions(args: string[]): Options {
  const cores = workerCount(undefined, os.availableParallelism());
  const options: Options = { workers: cores.ok ? cores.workers : 2, articles: 5_000, duration: 10, connections: 50, publishes: 10 };
  for (let i = 0; i < args.length; i += 2) {
    const name = args[i]?.replace(/^--/, '') ?? '';
    const value = Number(args[i + 1]);
    if (!(name in options) || !Number.isInteger(value) || value < 1) throw new Error(`unknown option or bad value: ${args[i]} ${args[i + 1] ?? ''}`);
    options[name as keyof Options] = value;
  }
  return options;
}

/** The server's processes: the one started and, with workers, its children. */
function serverPids(pid: number): number[] {
  let children: number[] = [];
  try {
    children = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    // No /proc (not Linux): the one process.
  }
  return [pid, ...children];
}

const rss = (pids: number[]) => pids.map((pid) => Math.round(residentMemory(pid).rssMiB));

interface Run {
  workers: number;
  cached: AutocannonResult;
  uncached: AutocannonResult;
  rssAtRest: number[];
  rssAfter: number[];
  publishes: PublishTiming;
}

interface Newsroom {
  editor: { email: string; password: string };
  sectionId: string;
  authorId: string;
}

async function load(url: string, options: Options, headers?: Record<string, string>): Promise<AutocannonResult> {
  await autocannon({ url, connections: options.connections, duration: 2, headers });
  return autocannon({ url, connections: options.connections, duration: options.duration, headers });
}

async function measureWith(workers: number, site: SiteOptions, articlePath: string, secret: string, newsroom: Newsroom, options: Options): Promise<Run> {
  await assertPortFree(PORT);
  const running = await startSite({ ...site, env: { WEB_CONCURRENCY: String(workers), REQUEST_LOG: 'off' } });
  try {
    // Until every worker has started (each answers its first request slower).
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const pids = serverPids(running.child.pid ?? 0);
    const rssAtRest = rss(pids);
    const url = `${running.url}${articlePath}`;
    await fetchOk(url);
    process.stdout.write(`${workers} worker(s): cached article ... `);
    const cached = await load(url, options);
    process.stdout.write(`${integer.format(cached.requests.average)} req/s; uncached ... `);
    const uncached = await load(url, options, { 'x-prerender-revalidate': secret });
    console.log(`${integer.format(uncached.requests.average)} req/s`);
    const rssAfter = rss(pids);
    process.stdout.write(`${workers} worker(s): publishing ${options.publishes} stories ... `);
    const client = new FormClient(running.url, 30_000);
    await client.signIn(newsroom.editor);
    const publishes = await timePublishes({
      client,
      count: options.publishes,
      sectionId: newsroom.sectionId,
      authorId: newsroom.authorId,
      label: `Workers bench ${workers} ${new Date().toISOString()}`,
      maxPauseMs: 500,
      watch: (published) => [published, '/politics', '/'].flatMap((page) => [1, 2].map((n) => ({ name: `${page} (connection ${n})`, url: `${running.url}${page}` }))),
    });
    return { workers, cached, uncached, rssAtRest, rssAfter, publishes };
  } finally {
    await running.stop();
  }
}

function report(runs: Run[]): void {
  const cores = os.availableParallelism();
  console.log(`\nOne article, ${runs[0] ? '' : ''}autocannon on the same ${cores}-core machine (same run):`);
  console.log('| workers | cached req/s | p99 ms | uncached req/s | p99 ms | RSS at rest MiB (processes) | RSS after load MiB |');
  console.log('|---|---|---|---|---|---|---|');
  for (const run of runs) {
    const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
    console.log(
      `| ${run.workers} | ${integer.format(run.cached.requests.average)} | ${run.cached.latency.p99} | ${integer.format(run.uncached.requests.average)} | ${run.uncached.latency.p99} | ${sum(run.rssAtRest)} (${run.rssAtRest.join(' + ')}) | ${sum(run.rssAfter)} (${run.rssAfter.join(' + ')}) |`,
    );
  }
  console.log('\nPublish → visible through every worker (article, section front and front page, each polled over two connections; from pressing Publish):');
  for (const run of runs) {
    const { acknowledged, all, allSinceAcknowledged } = run.publishes;
    console.log(
      `  ${run.workers} worker(s), ${acknowledged.samples.length} publishes: acknowledged p50 ${Math.round(acknowledged.p50)} ms; visible p50 ${Math.round(all.p50)} ms, max ${Math.round(all.max)} ms (from the acknowledgement p50 ${Math.round(allSinceAcknowledged.p50)} ms)`,
    );
  }
  const problems = runs.flatMap((run) => [run.cached, run.uncached].filter((r) => r.non2xx > 0 || r.errors > 0).map((r) => `${run.workers} worker(s): ${r.non2xx} non-2xx, ${r.errors} errors`));
  for (const problem of problems) console.log(`Problem: ${problem}`);
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'news-bench-workers-'));
  onCleanUp(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const site: SiteOptions = { dataDir, distDir: '.next-bench-workers', port: PORT };
  console.log(`Seeding the demo newsroom and ${integer.format(options.articles)} generated articles, building into ${site.distDir} ...`);
  // An account for this run only, with a password that lives only in this process.
  const editor = { email: 'bench.editor@example.test', password: randomBytes(18).toString('base64url') };
  await prepareFreshSite(site, async (db) => {
    seedLargeSite(db, readSeedContent(DEMO_CONTENT_DIR), { articles: options.articles, views: options.articles * 10, now: Date.now() });
    createUser({ email: editor.email, name: 'Bench Editor', role: 'editor', passwordHash: await hashPassword(editor.password) }, db);
  });
  const content = readSiteContent(path.join(dataDir, 'news.db'), 'politics');
  const newsroom: Newsroom = { editor, sectionId: content.sectionId, authorId: content.authorId };
  const secret = revalidationSecret(path.join(process.cwd(), site.distDir));
  const first = await startSite(site);
  const politics = (await fetchOk(`${first.url}/politics`)).toString('utf8');
  await first.stop();
  const articlePath = /href="(\/politics\/[a-z0-9-]+)"/.exec(politics)?.[1];
  if (!articlePath) throw new Error('no article link on /politics');

  const runs: Run[] = [];
  for (const workers of [...new Set([1, options.workers])]) runs.push(await measureWith(workers, site, articlePath, secret, newsroom, options));
  report(runs);
  const failed = runs.some((run) => run.cached.non2xx + run.cached.errors + run.uncached.non2xx + run.uncached.errors > 0 || !Number.isFinite(run.publishes.all.max));
  return failed ? 1 : 0;
}

await runScript('bench:workers', main);
