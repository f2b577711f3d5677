import { openDatabase } from '@/db/client';
import { holdLease } from '@/db/leases';
import { openPageCacheDb } from '@/db/page-cache';
import { LoginThrottle } from '@/lib/auth/throttle';
import { DatabaseThrottleStore } from '@/lib/auth/throttle-store';
import { ViewCounter } from '@/lib/reader/view-counter';

/**
 * One process of a test that several processes share a database through (test/support/processes.ts):
 * does its job at `startAt`, so the processes race, and prints what it saw as one JSON line.
 */
export type ChildJob =
  | { kind: 'lease'; file: string; holder: string; startAt: number }
  | { kind: 'throttle'; file: string; address: string; attempts: number; store: 'memory' | 'database'; startAt: number }
  | { kind: 'views'; file: string; articleId: number; clients: string[]; startAt: number }
  | { kind: 'page-cache'; file: string; writes: number; startAt: number };

const job = JSON.parse(process.argv[2] ?? '{}') as ChildJob;
if (job.kind === 'page-cache') {
  // The page cache's own file: pages stored and tags marked as fast as one process can, counting what failed.
  const cache = openPageCacheDb(job.file, { maxBytes: 64 * 1024 * 1024 });
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, job.startAt - Date.now())));
  const failures: string[] = [];
  for (let i = 0; i < job.writes; i++) {
    try {
      cache.write(`b:/page-${i % 20}`, { value: `page ${i} of ${process.pid}`, tags: ['home', `article:${i % 20}`], lastModified: Date.now() }, Date.now());
      cache.markTags(['home', `article:${i % 7}`], () => ({ expired: Date.now() }));
    } catch (error) {
      failures.push(error instanceof Error ? error.message : String(error));
    }
  }
  cache.close();
  process.stdout.write(JSON.stringify({ failures: failures.length, first: failures[0] ?? null }));
  process.exit(0);
}
const db = openDatabase(job.file);
await new Promise((resolve) => setTimeout(resolve, Math.max(0, job.startAt - Date.now())));

let result: unknown;
if (job.kind === 'lease') {
  result = { held: holdLease('scheduler', job.holder, Date.now(), 60_000, db) };
} else if (job.kind === 'throttle') {
  const throttle = new LoginThrottle({ store: job.store === 'database' ? new DatabaseThrottleStore(db) : undefined });
  let allowed = 0;
  for (let i = 0; i < job.attempts; i++) {
    const email = `someone-${process.pid}-${i}@example.com`;
    if (throttle.begin(email, job.address).allowed) {
      allowed++;
      throttle.recordFailure(email, job.address);
    }
  }
  result = { allowed };
} else {
  const counter = new ViewCounter(60_000, db);
  const counted = job.clients.filter((client) => counter.count(job.articleId, client)).length;
  counter.flush();
  result = { counted };
}
db.$client.close();
process.stdout.write(`${JSON.stringify(result)}\n`);
