const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** "28 Nov 2026, 14:05 GMT" in the site's time zone; rendered on the server only, so it never differs in the browser. */
export function formatDateTime(epochMs: number, timeZone: string): string {
  return formatter(timeZone).format(new Date(epochMs));
}

export const toIsoString = (epochMs: number) => new Date(epochMs).toISOString();

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

/** Wall-clock parts of an instant in a time zone. */
function zonedParts(epochMs: number, timeZone: string): Record<'year' | 'month' | 'day' | 'hour' | 'minute', number> {
  let format = partsFormatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    partsFormatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(epochMs)).map((p) => [p.type, Number(p.value)]));
  return { year: parts.year ?? 0, month: parts.month ?? 0, day: parts.day ?? 0, hour: parts.hour ?? 0, minute: parts.minute ?? 0 };
}

/** "2026-11-28T14:05" (a datetime-local value) for an instant, in the site's time zone; seconds when asked. */
export function toZonedLocalInput(epochMs: number, timeZone: string, withSeconds = false): string {
  const p = zonedParts(epochMs, timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  const seconds = withSeconds ? `:${two(new Date(epochMs).getUTCSeconds())}` : '';
  return `${p.year}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}${seconds}`;
}

/**
 * The instant a datetime-local value names in a time zone, or null when it is not a valid time.
 * Found by correcting a UTC guess with the zone's offset at that moment (twice, for DST edges).
 */
export function fromZonedLocalInput(value: string, timeZone: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!match) return null;
  const [year, month, day, hour, minute, second = 0] = match.slice(1).map((n) => (n === undefined ? 0 : Number(n))) as number[];
  if (year === undefined || month === undefined || day === undefined || hour === undefined || minute === undefined) return null;
  if (second > 59) return null;
  const wanted = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(wanted);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59) return null;
  let guess = wanted;
  for (let i = 0; i < 2; i++) {
    const p = zonedParts(guess, timeZone);
    guess += wanted - Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, second);
  }
  return guess;
}
