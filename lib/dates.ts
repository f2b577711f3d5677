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
