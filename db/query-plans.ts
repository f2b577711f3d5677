import { drizzle } from 'drizzle-orm/better-sqlite3';
import type { Db } from './client';
import * as schema from './schema';

/** What the query functions send to SQLite, for timing reports and query-plan checks (npm run measure:queries). */

export interface CapturedQuery {
  sql: string;
  params: unknown[];
}

/**
 * Runs `work` with a handle on the same connection that records every statement drizzle sends, with
 * its parameters: the query functions build their SQL internally, and this reads it without changing them.
 */
export function captureQueries(db: Db, work: (db: Db) => unknown): CapturedQuery[] {
  const captured: CapturedQuery[] = [];
  const recording = drizzle(db.$client, { schema, logger: { logQuery: (sql, params) => captured.push({ sql, params }) } });
  work(recording);
  return captured;
}

/** SQLite's plan for a statement, one line a step (e.g. `SEARCH articles USING INDEX articles_slug_idx (slug=?)`). */
export function explainQueryPlan(db: Db, query: CapturedQuery): string[] {
  const rows = db.$client.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(...query.params) as { detail: string }[];
  return rows.map((row) => row.detail);
}

/** A step that reads a whole table, row by row, without any index. */
export const isFullScan = (planLine: string) => planLine.includes('SCAN') && !planLine.includes('USING');

/** A step that walks a whole index: cheap when a LIMIT stops it early (an ordered listing), costly when it cannot. */
export const isFullIndexScan = (planLine: string) => /\bSCAN \S+ USING (?:COVERING )?INDEX\b/.test(planLine);
