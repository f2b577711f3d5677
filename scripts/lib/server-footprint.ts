import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

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

/** The files of Next's page cache (rendered pages, cached reads) in a build folder. */
export function pageCacheUsage(distDir: string): DiskUsage {
  const usage: DiskUsage = { files: 0, bytes: 0 };
  for (const folder of ['server/app', 'cache']) {
    const root = path.join(distDir, folder);
    if (!fs.existsSync(root)) continue;
    for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      usage.files += 1;
      usage.bytes += fs.statSync(path.join(entry.parentPath, entry.name)).size;
    }
  }
  return usage;
}

/** Addresses that name nothing, each different, in every shape a reader URL takes (cf. e2e/cache-bounds.spec.ts). */
export function unknownUrl(n: number): string {
  const shapes = [
    `/no-such-section-${n}`,
    `/politics/no-such-story-${n}`,
    `/tags/no-such-tag-${n}`,
    `/authors/no-such-author-${n}`,
    `/politics?page=${100_000 + n}`,
    `/no-such-section-${n}/rss.xml`,
    `/sitemaps/no-such-${n}.xml`,
    `/share/${900_000_000 + n}-1.png`,
  ];
  return shapes[n % shapes.length] ?? shapes[0]!;
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
