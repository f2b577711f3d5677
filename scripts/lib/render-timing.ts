import fs from 'node:fs';
import path from 'node:path';
import { readRequestLog } from '@/server/request-log';
import { percentiles } from './timing';

/**
 * Render times with Next's page cache bypassed: each request carries Next's on-demand revalidation
 * header (`x-prerender-revalidate` with the build's preview-mode id, a secret of the build folder), so
 * a cached page is rendered afresh from the database, every time, through the whole server.
 */

const REVALIDATE_HEADER = 'x-prerender-revalidate';
const WARMUP_RENDERS = 5;

export interface RenderTarget {
  name: string;
  path: string;
  /** Cookies to send (a signed-in newsroom page). */
  cookie?: string;
}

export interface RenderTiming {
  target: RenderTarget;
  uncached: { p50: number; p99: number };
  /** The same URL served from the cache (a hit), as a same-run baseline; null for pages never cached. */
  cached: { p50: number; p99: number } | null;
  renders: number;
  /** SQL statements per uncached render and their time (medians, from the server's request log): proof each render read the database, and what it cost. */
  queriesPerRender: number;
  queryMsPerRender: number;
}

/** The secret that makes Next render a cached page afresh, from a build folder's prerender manifest. */
export function revalidationSecret(distDir: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(distDir, 'prerender-manifest.json'), 'utf8')) as { preview?: { previewModeId?: string } };
  const secret = manifest.preview?.previewModeId;
  if (!secret) throw new Error(`no preview-mode id in ${distDir}/prerender-manifest.json`);
  return secret;
}

interface Sample {
  ms: number;
  cache: string | null;
  requestId: string;
}

/** One GET, timed to the last byte; the cache header says whether Next rendered (REVALIDATED, or none when dynamic). */
async function timedGet(url: string, headers: Record<string, string>): Promise<Sample> {
  const started = performance.now();
  const response = await fetch(url, { headers, redirect: 'manual', signal: AbortSignal.timeout(30_000) });
  await response.arrayBuffer();
  const ms = performance.now() - started;
  if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}`);
  return { ms, cache: response.headers.get('x-nextjs-cache'), requestId: response.headers.get('x-request-id') ?? '' };
}

async function sample(url: string, headers: Record<string, string>, runs: number, expectCache: (cache: string | null) => boolean): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (let i = 0; i < WARMUP_RENDERS + runs; i++) {
    const answer = await timedGet(url, headers);
    if (!expectCache(answer.cache)) throw new Error(`GET ${url} came back with x-nextjs-cache: ${answer.cache}, not what was being measured`);
    if (i >= WARMUP_RENDERS) samples.push(answer);
  }
  return samples;
}

/**
 * `runs` sequential renders of each target with the cache bypassed, and as many cache hits of the same
 * URL; `requestLog` is the server's log file, read for the statements each render ran.
 */
export async function timeUncachedRenders(
  baseUrl: string,
  secret: string,
  targets: RenderTarget[],
  { runs, requestLog }: { runs: number; requestLog: string },
): Promise<RenderTiming[]> {
  const measured: Array<{ target: RenderTarget; uncached: Sample[]; cached: Sample[] | null }> = [];
  for (const target of targets) {
    process.stdout.write(`Rendering ${target.name} (${target.path}) ${runs} times without the cache ... `);
    const url = new URL(target.path, baseUrl).href;
    const cookie: Record<string, string> = target.cookie ? { cookie: target.cookie } : {};
    const cacheable = (await timedGet(url, cookie)).cache !== null;
    const uncached = await sample(url, { ...cookie, [REVALIDATE_HEADER]: secret }, runs, (cache) => cache === (cacheable ? 'REVALIDATED' : null));
    const cached = cacheable ? await sample(url, cookie, runs, (cache) => cache === 'HIT') : null;
    console.log(`p50 ${percentiles(uncached.map((s) => s.ms)).p50.toFixed(1)} ms`);
    measured.push({ target, uncached, cached });
  }
  // The server writes each line once its response is sent: let the last ones land.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const queries = new Map(readRequestLog(requestLog).map((entry) => [entry.id, entry]));
  return measured.map(({ target, uncached, cached }) => ({
    target,
    uncached: percentiles(uncached.map((s) => s.ms)),
    cached: cached && percentiles(cached.map((s) => s.ms)),
    renders: runs,
    queriesPerRender: percentiles(uncached.map((s) => queries.get(s.requestId)?.queries ?? NaN)).p50,
    queryMsPerRender: percentiles(uncached.map((s) => queries.get(s.requestId)?.queryMs ?? NaN)).p50,
  }));
}
