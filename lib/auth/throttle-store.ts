import type { Db } from '@/db/client';
import { countThrottleKeys, deleteThrottleKey, inThrottleTransaction, readThrottleKey, sweepThrottleKeys, writeThrottleKey } from '@/db/sign-in-throttle';
import type { KeyState, ThrottleStore } from './throttle';

/**
 * The sign-in throttle's counts in the database (ADR 0020): every worker process of the site, and every
 * request in each, counts the same attempts, and a restart forgets nothing. Each throttle step is one
 * write transaction (BEGIN IMMEDIATE), so two processes cannot both let the same last free attempt through.
 */
export class DatabaseThrottleStore implements ThrottleStore {
  readonly sizeIsCheap = false;
  constructor(private readonly db?: Db) {}
  get(key: string): KeyState | undefined {
    return readThrottleKey(key, this.db);
  }
  set(key: string, state: KeyState, now: number): void {
    writeThrottleKey(key, state, now, this.db);
  }
  delete(key: string): void {
    deleteThrottleKey(key, this.db);
  }
  size(): number {
    return countThrottleKeys(this.db);
  }
  sweep(options: { now: number; staleBefore: number; maxKeys: number; targetKeys: number }): void {
    sweepThrottleKeys(options, this.db);
  }
  atomically<T>(work: () => T): T {
    return inThrottleTransaction(work, this.db);
  }
}
