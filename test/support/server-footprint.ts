import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { readPageCacheEntries } from '@/db/page-cache';
import { decodeValue } from '@/lib/cache/page-cache';

/** What a running server holds: its memory (from /proc) and its page cache on disk. */

export interface Memory {
  /** Resident set size now, and its peak (high-water mark), in MiB. */
  rssMiB: number;
  peakMiB: number;
}

export function residentMemory(pid: number): Memory {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMiB: kib('VmRSS') / 1024, peakMiB: kib('VmHWM') / 1024 };
}

export interface DiskUsage {
  files: number;
  bytes: number;
}

// Where Next keeps rendered pages and cached reads in a build folder (Next 16 keeps pages rendered at
// run time in server/route-cache, made with the first one).
const PAGE_CACHE_FOLDERS = ['server/app', 'server/route-cache', 'cache'];

/** Every file of Next's page cache in a build folder. */
export function pageCacheFiles(distDir: string): string[] {
  return PAGE_CACHE_FOLDERS.flatMap((folder) => {
    const root = path.join(distDir, folder);
    if (!fs.existsSync(root)) return [];
    return fs
      .readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.join(entry.parentPath, entry.name));
  });
}

export function pageCacheUsage(distDir: string): DiskUsage {
  const files = pageCacheFiles(distDir);
  return { files: files.length, bytes: files.reduce((sum, file) => sum + fs.statSync(file).size, 0) };
}

const UNKNOWN_URL_SHAPES = [
  (n: number) => `/no-such-section-${n}`,
  (n: number) => `/politics/no-such-story-${n}`,
  (n: number) => `/tags/no-such-tag-${n}`,
  (n: number) => `/authors/no-such-author-${n}`,
  (n: number) => `/politics?page=${100_000 + n}`,
  (n: number) => `/no-such-section-${n}/rss.xml`,
  (n: number) => `/sitemaps/no-such-${n}.xml`,
  (n: number) => `/share/${900_000_000 + n}-1.png`,
  // Addresses under the newsroom, the API and the site's files, which a section's route would take.
  (n: number) => `/admin/no-such-page-${n}`,
  (n: number) => `/api/no-such-endpoint-${n}`,
  (n: number) => `/media/page/${900_000_000 + n}`,
  (n: number) => `/no-such-file-${n}.txt`,
];
/** How many shapes unknownUrl cycles through: n and n + UNKNOWN_URL_SHAPE_COUNT have the same shape. */
export const UNKNOWN_URL_SHAPE_COUNT = UNKNOWN_URL_SHAPES.length;

/** An address that names nothing, different for each n, in every shape a URL to this site takes. */
export function unknownUrl(n: number): string {
  const shape = UNKNOWN_URL_SHAPES[n % UNKNOWN_URL_SHAPES.length] ?? UNKNOWN_URL_SHAPES[0]!;
  return shape(n);
}

/**
 * Requests `count` different unknown URLs (numbered from `first`) over `concurrency` keep-alive
 * connections; counts the answers by status (0: no answer).
 */
export async function requestUnknownUrls(
  baseUrl: string,
  count: number,
  concurrency: number,
  first = 0,
): Promise<{ seconds: number; statuses: Map<number, number> }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const statuses = new Map<number, number>();
  let next = 0;
  const get = (url: string) =>
    new Promise<number>((resolve, reject) => {
      http
        .get(url, { agent }, (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode ?? 0));
        })
        .on('error', reject);
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const status = await get(`${baseUrl}${unknownUrl(first + next++)}`).catch(() => 0);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    }),
  );
  agent.destroy();
  return { seconds: (performance.now() - started) / 1000, statuses };
}

/** A page the site's SQLite page cache holds (DATA_DIR/page-cache.sqlite): Next's key, and the HTML for a page. */
export interface StoredPageCopy {
  key: string;
  html: string | null;
  /** The encoded entry as stored (text, with buffers as base64). */
  raw: string;
}

export function storedPages(dataDir: string): StoredPageCopy[] {
  return readPageCacheEntries(path.join(dataDir, 'page-cache.sqlite')).map(({ key, value }) => {
    const html = (decodeValue(value) as { value?: { html?: unknown } }).value?.html;
    return { key, html: typeof html === 'string' ? html : null, raw: value };
  });
}
