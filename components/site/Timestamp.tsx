import { formatDateTime, toIsoString } from '@/lib/dates';

export function Timestamp({ epochMs, timeZone }: { epochMs: number; timeZone: string }) {
  return <time dateTime={toIsoString(epochMs)}>{formatDateTime(epochMs, timeZone)}</time>;
}
