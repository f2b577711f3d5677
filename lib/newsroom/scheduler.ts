import { createHash, timingSafeEqual } from 'node:crypto';
import { oncePerProcess } from '../process-state';
import { tellOtherWorkers } from '../worker-bus';

/**
 * Scheduled publishing runs inside Next (a route handler), because only there can reader pages be
 * revalidated; server/main.ts calls it on a timer with a token made for this server alone (shared by its
 * workers: any of them may answer the tick; only the holder of the scheduler's lease sends it, ADR 0020).
 */
export const SCHEDULER_TOKEN_ENV = 'NEWSROOM_SCHEDULER_TOKEN';
export const SCHEDULER_PATH = '/api/internal/publish-due';
export const SCHEDULER_HEADER = 'x-scheduler-token';

export function isSchedulerRequest(request: Request): boolean {
  const expected = process.env[SCHEDULER_TOKEN_ENV];
  const given = request.headers.get(SCHEDULER_HEADER);
  if (!expected || !given) return false;
  // Digests are always 32 bytes: timingSafeEqual throws on buffers of different lengths, and a string's
  // length in characters says nothing about its length in bytes.
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** How the server's scheduler (server/main.ts) is asked to tick at a given moment; null where none runs. */
const alarm = () => oncePerProcess<{ ring: ((at: number) => void) | null }>('scheduler alarm', () => ({ ring: null }));

/** server/main.ts: what to do when something asks for a tick at `at` (epoch ms). */
export function onSchedulerAlarm(ring: (at: number) => void): void {
  alarm().ring = ring;
}

/**
 * Asks the scheduler for a tick at `at`, besides its timer: a banner set to expire in two seconds comes
 * down then, not at the next tick. This process's, and every other worker's (only the one holding the
 * scheduler's lease runs it: ADR 0020). Does nothing where no scheduler runs (tests, builds).
 */
export function wakeSchedulerAt(at: number): void {
  alarm().ring?.(at);
  tellOtherWorkers({ kind: 'scheduler-alarm', at });
}
