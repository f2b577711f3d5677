import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readerPaths, readSiteContent } from '@/test/support/soak';
import { residentMemory } from '@/test/support/server-footprint';
import { autocannon } from './lib/autocannon';
import { onCleanUp, runScript } from './lib/run-cleanup';

/**
 * `npx tsx scripts/measure-memory.ts --data-dir DIR --dist-dir .next-X [--seconds 60] [--connections 50]
 * [--port 3310] [--node-flag=--max-old-space-size=192 ...]`: one server process on a copy of an existing site
 * (a data folder and the build made against it: the e2e or bench site), its memory at rest and after the
 * bench's mixed reading (decision 21). The environment passes through, so `PAGE_CACHE=sqlite` measures the
 * shared cache. Figures: RSS, and its private part (RssAnon; the rest is Node and libraries mapped from disk,
 * which N workers share).
 */

function memory(pid: number): string {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const anon = Number(/^RssAnon:\s+(\d+)/m.exec(status)?.[1] ?? NaN) / 1024;
  const { rssMiB, peakMiB } = residentMemory(pid);
  return `RSS ${rssMiB.toFixed(0)} MiB (private ${anon.toFixed(0)} MiB, peak ${peakMiB.toFixed(0)} MiB)`;
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
  const child = spawn(process.execPath, [...values['node-flag'], '--import', 'tsx', path.join(root, 'server', 'main.ts')], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', DATA_DIR: dataDir, NEXT_DIST_DIR: distDir, PORT: String(port), BASE_URL: url, REQUEST_LOG: path.join(dataDir, 'requests.log') },
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
  console.log(`PAGE_CACHE=${process.env.PAGE_CACHE ?? '(default)'}, node flags: ${values['node-flag'].join(' ') || '(none)'}`);
  console.log(`At rest (after the front page): ${memory(pid)}`);
  const paths = readerPaths(readSiteContent(path.join(dataDir, 'news.db'), 'politics'));
  const load = await autocannon({ url, connections: Number(values.connections), duration: Number(values.seconds), requests: paths.map((p) => ({ method: 'GET', path: p })) });
  const seconds = Number(values.seconds);
  console.log(`After ${seconds} s of mixed reading (${paths.length} addresses, ${load.requests.total} requests, ${load.errors} errors): ${memory(pid)}`);
  return load.errors > 0 ? 1 : 0;
}

await runScript('Memory', main);
