import { describe, expect, it } from 'vitest';
import { MAX_RESTART_DELAY_MS, MAX_WORKERS, RestartBackoff, workerCount, YOUNG_DEATH_MS } from './worker-policy';

describe('workerCount', () => {
  it('is one per core when WEB_CONCURRENCY is unset or empty', () => {
    expect(workerCount(undefined, 16)).toEqual({ ok: true, workers: 16 });
    expect(workerCount(' ', 2)).toEqual({ ok: true, workers: 2 });
    expect(workerCount(undefined, 512)).toEqual({ ok: true, workers: MAX_WORKERS });
  });

  it('is what WEB_CONCURRENCY says, 1 keeping the single process', () => {
    expect(workerCount('1', 16)).toEqual({ ok: true, workers: 1 });
    expect(workerCount('4', 2)).toEqual({ ok: true, workers: 4 });
  });

  it.each(['0', '-2', '1.5', 'two', '65', '1e3', '0x4'])('refuses WEB_CONCURRENCY=%s with the reason', (setting) => {
    const result = workerCount(setting, 2);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/^WEB_CONCURRENCY must be a whole number from 1 to 64/);
  });
});

describe('RestartBackoff', () => {
  it('replaces a worker that served a while at once', () => {
    expect(new RestartBackoff().delayAfterDeath(YOUNG_DEATH_MS)).toBe(0);
  });

  it('waits longer each time workers keep dying young, up to a cap, and starts over after one lives', () => {
    const backoff = new RestartBackoff();
    const delays = Array.from({ length: 10 }, () => backoff.delayAfterDeath(100));
    expect(delays.slice(0, 5)).toEqual([250, 500, 1_000, 2_000, 4_000]);
    expect(Math.max(...delays)).toBe(MAX_RESTART_DELAY_MS);
    expect(backoff.delayAfterDeath(YOUNG_DEATH_MS + 1)).toBe(0);
    expect(backoff.delayAfterDeath(100)).toBe(250);
  });
});
