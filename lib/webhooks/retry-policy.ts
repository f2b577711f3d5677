/**
 * When a failed delivery is tried again (ADR 0025): at once, then after 5 s, 5 min, 30 min, 2 h, 5 h,
 * 10 h and 10 h (the Standard Webhooks suggestion; a little over a day in all), each wait ±20 % at random
 * so that many deliveries failing together do not come back together. An endpoint whose deliveries have
 * all failed for a day is paused.
 */
export const RETRY_SCHEDULE_MS: readonly number[] = [5_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 5 * 3_600_000, 10 * 3_600_000, 10 * 3_600_000];
export const PAUSE_AFTER_MS = 24 * 3_600_000;
export const JITTER = 0.2;

/** The schedule in use: WEBHOOKS_RETRY_SCHEDULE_MS ("100,200,400") replaces the default (tests use short ones). */
export function retrySchedule(env: Readonly<Record<string, string | undefined>> = process.env): readonly number[] {
  const raw = env.WEBHOOKS_RETRY_SCHEDULE_MS;
  if (!raw) return RETRY_SCHEDULE_MS;
  const waits = raw.split(',').map((part) => Number(part.trim()));
  return waits.length > 0 && waits.every((ms) => Number.isSafeInteger(ms) && ms >= 0) ? waits : RETRY_SCHEDULE_MS;
}

export function pauseAfterMs(env: Readonly<Record<string, string | undefined>> = process.env): number {
  const ms = Number(env.WEBHOOKS_PAUSE_AFTER_MS);
  return Number.isSafeInteger(ms) && ms > 0 ? ms : PAUSE_AFTER_MS;
}

/**
 * When to try again after `attemptsMade` failed attempts (1 after the first), or null when the schedule is
 * spent and the delivery has failed. `random` in [0, 1).
 */
export function nextRetryAt(attemptsMade: number, now: number, schedule: readonly number[] = RETRY_SCHEDULE_MS, random: number = Math.random()): number | null {
  const wait = schedule[attemptsMade - 1];
  if (wait === undefined) return null;
  return now + Math.round(wait * (1 - JITTER + 2 * JITTER * random));
}

/** Whether an endpoint failing since `failingSince` (its first failure without a success since) is to be paused now. */
export const shouldPause = (failingSince: number, now: number, after: number = PAUSE_AFTER_MS): boolean => now - failingSince >= after;
