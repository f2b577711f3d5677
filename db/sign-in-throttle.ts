import { getDb, type Db } from './client';

/**
 * The sign-in throttle's counts (lib/auth/throttle.ts) in the database, so that every worker process
 * sharing it counts the same attempts (ADR 0020). The throttle decides; this only stores its key states.
 */

export interface StoredKeyState {
  /** Failure times still in the window, oldest first. */
  failures: number[];
  lockedUntil: number;
  lockedAt: number;
}

interface Row {
  failures: string;
  locked_until: number;
  locked_at: number;
}

function parseFailures(text: string): number[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((t): t is number => typeof t === 'number') : [];
  } catch {
    return [];
  }
}

export function readThrottleKey(key: string, db: Db = getDb()): StoredKeyState | undefined {
  const row = db.$client.prepare('SELECT failures, locked_until, locked_at FROM sign_in_throttle WHERE key = ?').get(key) as Row | undefined;
  return row && { failures: parseFailures(row.failures), lockedUntil: row.locked_until, lockedAt: row.locked_at };
}

export function writeThrottleKey(key: string, state: StoredKeyState, now: number, db: Db = getDb()): void {
  db.$client
    .prepare(
      `INSERT INTO sign_in_throttle (key, failures, locked_until, locked_at, touched_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until,
         locked_at = excluded.locked_at, touched_at = excluded.touched_at`,
    )
    .run(key, JSON.stringify(state.failures), state.lockedUntil, state.lockedAt, now);
}

export function deleteThrottleKey(key: string, db: Db = getDb()): void {
  db.$client.prepare('DELETE FROM sign_in_throttle WHERE key = ?').run(key);
}

export function countThrottleKeys(db: Db = getDb()): number {
  return db.$client.prepare('SELECT count(*) FROM sign_in_throttle').pluck().get() as number;
}

/**
 * Bounds the table: drops keys neither locked nor failed since `staleBefore`, then, while more than
 * `maxKeys` remain, the least recently touched down to `targetKeys`.
 */
export function sweepThrottleKeys({ now, staleBefore, maxKeys, targetKeys }: { now: number; staleBefore: number; maxKeys: number; targetKeys: number }, db: Db = getDb()): void {
  db.$client.prepare('DELETE FROM sign_in_throttle WHERE locked_until <= ? AND touched_at <= ?').run(now, staleBefore);
  const count = countThrottleKeys(db);
  if (count <= maxKeys) return;
  db.$client
    .prepare('DELETE FROM sign_in_throttle WHERE key IN (SELECT key FROM sign_in_throttle ORDER BY touched_at LIMIT ?)')
    .run(count - targetKeys);
}

/** Runs `work` in one write transaction (BEGIN IMMEDIATE): a check and its count are one step across processes. */
export function inThrottleTransaction<T>(work: () => T, db: Db = getDb()): T {
  return db.$client.transaction(work).immediate();
}
