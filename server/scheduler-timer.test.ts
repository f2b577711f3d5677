import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { startSchedulerTimer } from './scheduler-timer';

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

/** A scheduler whose ticks are recorded (as times since start) and answer `nextAt()`. */
function scheduler(intervalMs: number, nextAt: () => number | null = () => null) {
  const ticks: number[] = [];
  const timer = startSchedulerTimer({
    intervalMs,
    tick: async () => {
      ticks.push(Date.now() - 1_000_000);
      return { nextAt: nextAt() };
    },
  });
  return { ticks, timer };
}

it('ticks at start and then on its interval', async () => {
  const { ticks, timer } = scheduler(5_000);
  await vi.advanceTimersByTimeAsync(10_001);
  expect(ticks).toEqual([0, 5_000, 10_000]);
  timer.stop();
});

it('ticks at a moment asked for before the next regular tick: a banner set to expire in 2 s', async () => {
  const { ticks, timer } = scheduler(60_000);
  await vi.advanceTimersByTimeAsync(1_000);
  timer.at(1_000_000 + 3_000);
  await vi.advanceTimersByTimeAsync(5_000);
  expect(ticks).toEqual([0, 3_005]);
  timer.stop();
});

it('ticks at the moment a tick answers (an expiry it found); a moment past the next regular tick is left to that tick’s answer', async () => {
  const expiry = 1_000_000 + 7_500;
  const { ticks, timer } = scheduler(5_000, () => (Date.now() < expiry ? expiry : null));
  timer.at(1_000_000 + 9_000);
  await vi.advanceTimersByTimeAsync(12_000);
  // 0 and 5,000: regular (each answers the expiry); 7,505: the expiry; 10,000: regular. Nothing at 9,000: no tick answered it.
  expect(ticks).toEqual([0, 5_000, 7_505, 10_000]);
  timer.stop();
});

it('asks nothing more once stopped', async () => {
  const { ticks, timer } = scheduler(5_000);
  await vi.advanceTimersByTimeAsync(1);
  timer.stop();
  timer.at(1_000_000 + 2_000);
  await vi.advanceTimersByTimeAsync(20_000);
  expect(ticks).toEqual([0]);
});
