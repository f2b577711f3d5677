import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readerPaths, readSiteContent } from '@/test/support/soak';
import { residentMemory } from '@/test/support/server-footprint';
import { autocannon } from './lib/autocannon';
import { describeMemoryMap, memoryMap } from './lib/memory-map';
import { serverNodeFlags, serverProcessEnv } from '@/server/process-flags.mjs';
import { onCleanUp, runScript } from './lib/run-cleanup';

/**
 * `npx tsx scripts/measure-memory.ts --data-dir DIR --dist-dir .next-X [--seconds 60] [--connections 50]
 * [--port 3310] [--workers N] [--node-flag=--max-old-space-size=192 ...] [--breakdown] [--settle S]`: one server process
 * (or with --workers the cluster: its primary, each worker and the total) on a copy of an existing site
 * (a data folder and the build made against it: the e2e or bench site), started as `npm start` starts one
 * (server/process-flags.mjs), its memory at rest and after the
 * bench's mixed reading (decision 21). The environment passes through, so `PAGE_CACHE=sqlite` measures the
 * shared cache. Figures: RSS, and its private part (RssAnon; the rest is Node and libraries mapped from disk,
 * which N workers share). `--breakdown` adds where the memory is after load: V8's heap as V8 reports it (a
 * diagnostic report, taken without a collection) and the process's mappings (scripts/lib/memory-map.ts).
 * `--settle S` measures again S seconds after the load.
 */

async function v8HeapReport(pid: number, directory: string): Promise<string> {
  const before = new Set(fs.existsSync(directory) ? fs.readdirSync(directory) : []);
  process.kill(pid, 'SIGUSR2');
  for (let tries = 0; tries < 100; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const [made] = fs.existsSync(directory) ? fs.readdirSync(directory).filter((name) => !before.has(name) && name.endsWith('.json')) : [];
    if (made === undefined) continue;
    try {
      const report = JSON.parse(fs.readFileSync(path.join(directory, made), 'utf8'));
      const heap = report.javascriptHeap;
      const m = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
      const spaces = Object.entries(heap.heapSpaces as Record<string, { memorySize: number; used: number }>)
        .filter(([, space]) => space.memorySize > 4 * 1024 * 1024)
        .map(([name, space]) => `${name} ${m(space.memorySize)} (used ${m(space.used)})`)
        .join(', ');
      return `V8 heap ${m(heap.totalMemory)} MiB reserved, ${m(heap.usedMemory)} MiB in use, limit ${m(heap.memoryLimit)} MiB; spaces over 4 MiB: ${spaces}`;
    } catch {
      // Still being written.
    }
  }
  return 'V8 heap: no diagnostic report came';
}

function memoryOf(pid: number): { rss: number; anon: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const anon = Number(/^RssAnon:\s+(\d+)/m.exec(status)?.[1] ?? NaN) / 1024;
  const { rssMiB, peakMiB } = residentMemory(pid);
  return { rss: rssMiB, anon, peak: peakMiB };
}

function describeMemory({ rss, anon, peak }: { rss: number; anon: number; peak: number }): string {
  return `RSS ${rss.toFixed(0)} MiB (private ${anon.toFixed(0)} MiB, peak ${peak.toFixed(0)} MiB)`;
}

/** The cluster's worker processes: the primary's children (Linux). */
function childrenOf(pid: number): number[] {
  return fs
    .readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map(Number);
}

/** One process's memory, or with workers each process's and the total (the primary first). */
function memory(pid: number, workers: number): string {
  if (workers === 1) return describeMemory(memoryOf(pid));
  const processes = [pid, ...childrenOf(pid)].map(memoryOf);
  const total = processes.reduce((sum, m) => ({ rss: sum.rss + m.rss, anon: sum.anon + m.anon, peak: sum.peak + m.peak }), { rss: 0, anon: 0, peak: 0 });
  const [primary, ...rest] = processes.map(describeMemory);
  return `primary ${primary}; workers ${rest.join('; ')}; total ${describeMemory(total)}`;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      'dist-dir': { type: 'string' },
      seconds: { type: 'string', default: '60' },
      connections: { type: 'string', default: '50' },
      port: { type: 'string', default: '3310' },
      'node-flag': { type: 'string', multiple: true, default: [] },
      breakdown: { type: 'boolean', default: false },
      settle: { type: 'string', default: '0' },
      workers: { type: 'string', default: '1' },
    },
  });
  const source = values['data-dir'];
  const distDir = values['dist-dir'];
  if (!source || !distDir) throw new Error('--data-dir and --dist-dir are required (a site and the build made against it)');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'news-memory-'));
  onCleanUp(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  fs.cpSync(source, dataDir, { recursive: true, filter: (file) => !/page-cache\.sqlite|requests\.log/.test(file) });
  const port = Number(values.port);
  const url = `http://127.0.0.1:${port}`;
  const root = path.resolve(import.meta.dirname, '..');
  const reports = path.join(dataDir, 'reports');
  fs.mkdirSync(reports);
  const reportFlags = values.breakdown ? ['--report-on-signal', '--report-signal=SIGUSR2', '--report-compact', `--report-directory=${reports}`] : [];
  // As `npm start` runs a server (server/process-flags.mjs): SERVER_HEAP_MB=0 for V8's own heap limits, a
  // MALLOC_* variable to override a malloc setting; --node-flag comes after, so it wins.
  const serverFlags = serverNodeFlags(process.env);
  if (!serverFlags.ok) throw new Error(serverFlags.reason);
  const workers = Number(values.workers);
  if (!Number.isInteger(workers) || workers < 1) throw new Error('--workers takes a whole number, 1 or more');
  if (workers > 1 && values.breakdown) throw new Error('--breakdown measures one process: leave out --workers');
  // One worker: the server in one process, as WEB_CONCURRENCY=1 runs it. More: the cluster, as `npm start` does.
  const entry = path.join(root, 'server', workers === 1 ? 'main.ts' : 'cluster.ts');
  const child = spawn(process.execPath, [...serverFlags.flags, ...values['node-flag'], ...reportFlags, '--import', 'tsx', entry], {
    cwd: root,
    env: { ...serverProcessEnv(process.env), WEB_CONCURRENCY: String(workers), NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', DATA_DIR: dataDir, NEXT_DIST_DIR: distDir, PORT: String(port), BASE_URL: url, REQUEST_LOG: path.join(dataDir, 'requests.log') },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  onCleanUp(async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('the server has no process id');
  for (let tries = 0; ; tries++) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    if (await fetch(`${url}/`).then((r) => r.ok, () => false)) break;
    if (tries > 240) throw new Error('the server did not answer within 60 s');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const malloc = Object.entries(serverProcessEnv(process.env)).filter(([name]) => name.startsWith('MALLOC_')).map(([name, value]) => `${name}=${value}`);
  console.log(`PAGE_CACHE=${process.env.PAGE_CACHE ?? '(default)'}, node flags: ${[...serverFlags.flags, ...values['node-flag']].join(' ') || '(none)'}, ${malloc.join(' ')}`);
  console.log(`At rest (after the front page): ${memory(pid, workers)}`);
  if (values.breakdown) console.log(`  ${describeMemoryMap(memoryMap(pid))}`);
  const paths = readerPaths(readSiteContent(path.join(dataDir, 'news.db'), 'politics'));
  const load = await autocannon({ url, connections: Number(values.connections), duration: Number(values.seconds), requests: paths.map((p) => ({ method: 'GET', path: p })) });
  const seconds = Number(values.seconds);
  console.log(`After ${seconds} s of mixed reading (${paths.length} addresses, ${load.requests.total} requests, ${load.errors} errors): ${memory(pid, workers)}`);
  if (values.breakdown) {
    console.log(`  ${describeMemoryMap(memoryMap(pid))}`);
    console.log(`  ${await v8HeapReport(pid, reports)}`);
  }
  const settle = Number(values.settle);
  if (settle > 0) {
    await new Promise((resolve) => setTimeout(resolve, settle * 1000));
    console.log(`${settle} s after the load: ${memory(pid, workers)}`);
    if (values.breakdown) {
      console.log(`  ${describeMemoryMap(memoryMap(pid))}`);
      console.log(`  ${await v8HeapReport(pid, reports)}`);
    }
  }
  return load.errors > 0 ? 1 : 0;
}

await runScript('Memory', main);
