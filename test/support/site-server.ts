import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, type Db } from '@/db/client';
import { serverNodeFlags, serverProcessEnv } from '@/server/process-flags.mjs';
import { seedDemoSite } from '@/ops/seed';
import { readSeedContent, DEMO_CONTENT_DIR } from '@/ops/seed-content';

/**
 * A production build of the site on a fresh database, for tests and benchmarks: build, server and
 * test all use the same data folder, because the build prerenders pages from it.
 */

const root = path.resolve(import.meta.dirname, '..', '..');
const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');

export interface SiteOptions {
  dataDir: string;
  distDir: string;
  port: number;
  /** The loopback address to listen on (default 127.0.0.1): another one lets a test run a second server on a port already taken. */
  host?: string;
  env?: Record<string, string>;
}

function siteEnv({ dataDir, distDir, port, host = '127.0.0.1', env }: SiteOptions): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    DATA_DIR: dataDir,
    NEXT_DIST_DIR: distDir,
    PORT: String(port),
    BASE_URL: `http://${host}:${port}`,
    // One JSON line per request: kept with the data, not on the console of a test or benchmark run.
    REQUEST_LOG: path.join(dataDir, 'requests.log'),
    // One process unless a test or benchmark asks for workers (ADR 0020).
    WEB_CONCURRENCY: '1',
    ...env,
  };
}

/** Wipes the data folder, seeds the demo newsroom (plus any extra content) and builds the site against it. */
export async function prepareFreshSite(options: SiteOptions, addContent?: (db: Db) => void | Promise<void>): Promise<void> {
  fs.rmSync(options.dataDir, { recursive: true, force: true });
  fs.mkdirSync(options.dataDir, { recursive: true });
  const db = openDatabase(path.join(options.dataDir, 'news.db'));
  try {
    await seedDemoSite(db, readSeedContent(DEMO_CONTENT_DIR), path.join(options.dataDir, 'media'), Date.now());
    await addContent?.(db);
  } finally {
    db.$client.close();
  }
  buildSite(options);
}

/** A production build against the options' data folder (the build prerenders pages from it). */
export function buildSite(options: SiteOptions): void {
  const build = spawnSync(process.execPath, [nextBin, 'build'], {
    cwd: root,
    env: { ...siteEnv(options), SKIP_BUILD_TYPECHECK: '1' },
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error(`next build failed with status ${build.status}`);
}

export interface RunningSite {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts the production server (in this node process's child, so its PID is the one to stop) and waits until it answers.
 * Its console goes to this process's, or appended to `logFile` for a test that reads what the server logged.
 */
export async function startSite(options: SiteOptions, { logFile }: { logFile?: string } = {}): Promise<RunningSite> {
  const url = `http://${options.host ?? '127.0.0.1'}:${options.port}`;
  // Something already answering there (another spec's server or proxy) would pass the readiness check below
  // while this server fails to listen, and the test would talk to it: say so instead.
  const taken = await fetch(`${url}/`, { signal: AbortSignal.timeout(2_000) }).then(
    () => true,
    () => false,
  );
  if (taken) throw new Error(`${url} is already answering: another server listens on this address and port`);
  const output = logFile === undefined ? 'inherit' : fs.openSync(logFile, 'a');
  // Started as `npm start` starts it (scripts/lib/run-server.mjs): under the same heap limit and malloc settings.
  const env = serverProcessEnv({ ...siteEnv(options), HOST: options.host ?? '127.0.0.1' });
  const flags = serverNodeFlags(env);
  if (!flags.ok) throw new Error(flags.reason);
  const child = spawn(process.execPath, [...flags.flags, '--import', 'tsx', path.join(root, 'server', 'cluster.ts')], {
    cwd: root,
    env,
    stdio: ['ignore', output, output],
  });
  if (typeof output === 'number') fs.closeSync(output);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/`, { signal: AbortSignal.timeout(5_000) })).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error('the server did not answer within 60 s');
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    url,
    child,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
