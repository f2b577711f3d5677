import cluster, { type Worker } from 'node:cluster';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '@/db/client';
import { SCHEDULER_TOKEN_ENV } from '@/lib/newsroom/scheduler';
import { relayBetweenWorkers } from '@/lib/worker-bus';
import { RestartBackoff, workerCount } from '@/server/worker-policy';
import { serverNodeFlags, serverProcessEnv } from '@/server/process-flags.mjs';

/**
 * `npm run serve` (and `npm start`, the tests, the benchmark): WEB_CONCURRENCY worker processes, one per
 * core by default, each running the production server (server/main.ts) on the one port, sharing the
 * SQLite file (ADR 0020). WEB_CONCURRENCY=1 runs the server in this process, as before there were workers.
 *
 * The primary serves nothing and loads no Next: it brings the database's schema up to date once, before
 * any worker opens it; starts the workers; relays what they tell each other (lib/worker-bus.ts); replaces
 * a worker that dies, with a back-off while they keep dying young (server/worker-policy.ts); and on
 * SIGTERM or SIGINT has every worker drain (finish its requests, save its counted views) and exits when
 * the last has.
 */

const count = workerCount(process.env.WEB_CONCURRENCY, os.availableParallelism());
if (!count.ok) {
  console.error(count.reason);
  process.exit(1);
}
// Each worker's heap limit and malloc settings (decision 21). One process alone gets them from whoever started
// it (scripts/lib/run-server.mjs for `npm start` and `npm run serve`, test/support/site-server.ts for the tests): a running process cannot take them.
const nodeFlags = serverNodeFlags(process.env);
if (!nodeFlags.ok) {
  console.error(nodeFlags.reason);
  process.exit(1);
}
const workerNodeFlags = nodeFlags.flags;

if (count.workers === 1) {
  await import('./main');
} else {
  runPrimary(count.workers);
}

function runPrimary(workers: number): void {
  // Once, here: workers opening the file at the same moment would each try to migrate it.
  openDatabase().$client.close();
  // One token for all: the scheduler's tick is a request to the port, and any worker may answer it.
  process.env[SCHEDULER_TOKEN_ENV] = randomBytes(32).toString('base64url');
  // Workers inherit this environment: the count decided here (the machine's cores when unset) is what
  // next.config.ts reads to choose a page cache the workers share (PAGE_CACHE=sqlite, ADR 0021). Without it
  // each worker would keep its own pages and serve a stale one after a publish made through another.
  process.env.WEB_CONCURRENCY = String(workers);
  Object.assign(process.env, serverProcessEnv(process.env));
  const heapFlag = /^--max-(?:old|semi)-space-size=/;
  cluster.setupPrimary({ exec: path.join(import.meta.dirname, 'main.ts'), execArgv: [...process.execArgv.filter((flag) => !heapFlag.test(flag)), ...workerNodeFlags] });
  relayBetweenWorkers();

  const startedAt = new Map<Worker, number>();
  const backoff = new RestartBackoff();
  let listening = false;
  let stopping = false;

  const start = () => {
    if (stopping) return;
    const worker = cluster.fork();
    startedAt.set(worker, Date.now());
  };

  cluster.on('listening', () => {
    if (!listening) console.log(`${workers} workers (WEB_CONCURRENCY), primary process ${process.pid}`);
    listening = true;
  });
  cluster.on('exit', (worker, code, signal) => {
    const lived = Date.now() - (startedAt.get(worker) ?? Date.now());
    startedAt.delete(worker);
    if (stopping) {
      if (startedAt.size === 0) process.exit(0);
      return;
    }
    // Dying before any worker could listen is a start that failed (a port taken, a broken build): say so
    // and stop, as the single process does, rather than retry for ever.
    if (!listening) {
      console.error(`Worker ${worker.process.pid} exited (${signal ?? code}) before the site could start.`);
      stopping = true;
      for (const other of startedAt.keys()) other.process.kill('SIGTERM');
      process.exit(1);
    }
    const delay = backoff.delayAfterDeath(lived);
    console.error(`Worker ${worker.process.pid} died (${signal ?? `exit ${code}`}) after ${Math.round(lived / 1000)} s; a new one starts${delay ? ` in ${delay} ms` : ''}.`);
    setTimeout(start, delay);
  });

  const stop = () => {
    if (stopping) return;
    stopping = true;
    if (startedAt.size === 0) process.exit(0);
    // Each drains as the single process does (server/main.ts shutDown), within its own 5 s.
    for (const worker of startedAt.keys()) worker.process.kill('SIGTERM');
    setTimeout(() => {
      for (const worker of startedAt.keys()) worker.process.kill('SIGKILL');
      process.exit(0);
    }, 10_000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);

  for (let i = 0; i < workers; i++) start();
}
