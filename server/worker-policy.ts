/**
 * How many worker processes serve the site, and how soon one that died is replaced (server/cluster.ts,
 * ADR 0020). Pure, so the decisions are unit-tested without processes.
 */

/** The most workers WEB_CONCURRENCY may ask for: each holds its own Next (a few hundred MiB). */
export const MAX_WORKERS = 64;

/**
 * WEB_CONCURRENCY as a worker count: a whole number from 1 (today's single process) to MAX_WORKERS;
 * unset or empty means one per core (`cores`). Anything else is refused with the reason.
 */
export function workerCount(setting: string | undefined, cores: number): { ok: true; workers: number } | { ok: false; reason: string } {
  const text = (setting ?? '').trim();
  if (text === '') return { ok: true, workers: Math.max(1, Math.min(MAX_WORKERS, Math.floor(cores))) };
  if (!/^[0-9]{1,3}$/.test(text) || Number(text) < 1 || Number(text) > MAX_WORKERS) {
    return { ok: false, reason: `WEB_CONCURRENCY must be a whole number from 1 to ${MAX_WORKERS} (or unset: one worker per core); it is "${text.slice(0, 40)}".` };
  }
  return { ok: true, workers: Number(text) };
}

/** A worker that ran less than this before it died died young: the next replacement waits longer. */
export const YOUNG_DEATH_MS = 10_000;
const FIRST_DELAY_MS = 250;
export const MAX_RESTART_DELAY_MS = 30_000;

/**
 * Replacing dead workers with a back-off: at once after a death that came late (a crash after a while
 * serving), then, while workers keep dying young (a crash loop: a bad deploy, a full disk), 0.25 s, 0.5 s,
 * 1 s … up to 30 s between replacements, so a loop does not spin the machine.
 */
export class RestartBackoff {
  private youngDeaths = 0;

  /** A worker that ran `livedMs` died: how long to wait before starting its replacement. */
  delayAfterDeath(livedMs: number): number {
    if (livedMs >= YOUNG_DEATH_MS) {
      this.youngDeaths = 0;
      return 0;
    }
    this.youngDeaths++;
    return Math.min(MAX_RESTART_DELAY_MS, FIRST_DELAY_MS * 2 ** (this.youngDeaths - 1));
  }
}
