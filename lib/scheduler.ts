import { timingSafeEqual } from 'node:crypto';

/**
 * Scheduled publishing runs inside Next (a route handler), because only there can reader pages be
 * revalidated; scripts/server.ts calls it on a timer with a token made for this process alone.
 */
export const SCHEDULER_TOKEN_ENV = 'NEWSROOM_SCHEDULER_TOKEN';
export const SCHEDULER_PATH = '/api/internal/publish-due';
export const SCHEDULER_HEADER = 'x-scheduler-token';

export function isSchedulerRequest(request: Request): boolean {
  const expected = process.env[SCHEDULER_TOKEN_ENV];
  const given = request.headers.get(SCHEDULER_HEADER);
  if (!expected || !given || given.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}
