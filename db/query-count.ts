import { AsyncLocalStorage } from 'node:async_hooks';
import type Database from 'better-sqlite3';
import { oncePerProcess } from '@/lib/process-state';

/**
 * Counts the SQL statements run on behalf of one request, and their time, for the request log (`queries`,
 * `queryMs`): it shows what
 * a page costs the database, and e2e/cached-pages.spec.ts holds cached pages to zero.
 */
export interface QueryTally {
  count: number;
  /** Time spent running them, in milliseconds. */
  ms: number;
}

type Runner = (...args: unknown[]) => unknown;

// The server and Next's bundles each load this module: one store and one patch per process.
const tallies = oncePerProcess('query tallies', () => new AsyncLocalStorage<QueryTally>());
const statementCounting = oncePerProcess('statement counting', () => ({ installed: false, databases: new WeakSet<Database.Database>() }));

/** Runs `work` (and everything it starts) with its statements counted into `tally`. */
export function countQueriesInto<T>(tally: QueryTally, work: () => T): T {
  return tallies.run(tally, work);
}

/**
 * Makes every statement run on `sqlite` (the site's database) count itself: better-sqlite3 statements share
 * one prototype, and drizzle, our own prepared statements and pragmas all run through these four methods.
 * Statements on other files (the page cache's, db/page-cache.ts) are not the site's database and do not count.
 */
export function countStatementRuns(sqlite: Database.Database): void {
  statementCounting.databases.add(sqlite);
  if (statementCounting.installed) return;
  statementCounting.installed = true;
  const counted = statementCounting.databases;
  const prototype = Object.getPrototypeOf(sqlite.prepare('select 1')) as Record<'run' | 'get' | 'all' | 'iterate', Runner>;
  for (const method of ['run', 'get', 'all', 'iterate'] as const) {
    const run = prototype[method];
    prototype[method] = function countedRun(this: unknown, ...args: unknown[]) {
      const tally = tallies.getStore();
      if (!tally || !counted.has((this as Database.Statement).database)) return run.apply(this, args);
      tally.count += 1;
      const started = performance.now();
      try {
        return run.apply(this, args);
      } finally {
        tally.ms += performance.now() - started;
      }
    };
  }
}
