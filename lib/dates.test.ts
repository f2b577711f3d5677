import { expect, it } from 'vitest';
import { formatDateTime, fromZonedLocalInput, toZonedLocalInput } from './dates';

it('formats dates in the site time zone, summer and winter', () => {
  expect(formatDateTime(Date.UTC(2026, 10, 28, 14, 5), 'Europe/London')).toBe('28 Nov 2026, 14:05 GMT');
  expect(formatDateTime(Date.UTC(2026, 6, 1, 14, 5), 'Europe/London')).toBe('1 Jul 2026, 15:05 BST');
});

it.each([
  ['2026-11-28T14:05', 'Europe/London', Date.UTC(2026, 10, 28, 14, 5)],
  ['2026-07-01T15:05', 'Europe/London', Date.UTC(2026, 6, 1, 14, 5)],
  ['2026-07-01T10:00', 'America/New_York', Date.UTC(2026, 6, 1, 14, 0)],
  ['2026-01-15T09:30', 'Asia/Kolkata', Date.UTC(2026, 0, 15, 4, 0)],
])('reads %s in %s as the right instant, and back', (local, zone, epoch) => {
  expect(fromZonedLocalInput(`${local}:30`, zone)).toBe(epoch + 30_000);
  expect(fromZonedLocalInput(local, zone)).toBe(epoch);
  expect(toZonedLocalInput(epoch, zone)).toBe(local);
});

it.each(['', 'tomorrow', '2026-02-30T10:00', '2026-13-01T10:00', '2026-11-28 14:05', '2026-11-28T25:00', '2026-11-28T10:00:61'])('rejects %j', (value) => {
  expect(fromZonedLocalInput(value, 'Europe/London')).toBeNull();
});
