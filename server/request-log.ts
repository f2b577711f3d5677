import fs from 'node:fs';

/**
 * One JSON line per request, written when the response has been sent: its id (also sent to the client as
 * X-Request-Id, to find the line from a report), method, path, status, duration,
 * and the number of SQL statements it ran with their time. Only the path is kept:
 * never the query (search terms are the reader's business), headers, cookies or bodies, so no password or
 * session token can reach a log.
 */
export interface RequestLogEntry {
  time: string;
  id: string;
  method: string;
  path: string;
  status: number;
  ms: number;
  /** SQL statements run for the request (0 for a page served from the cache), and their time in ms. */
  queries: number;
  queryMs: number;
  /** The worker process that answered (WEB_CONCURRENCY above 1 runs several: ADR 0020). */
  pid?: number;
}

export function requestLogLine(entry: RequestLogEntry): string {
  return `${JSON.stringify(entry)}\n`;
}

/** The entries of a log file (for tests and the benchmark); a last line still being written is left out. */
export function readRequestLog(file: string): RequestLogEntry[] {
  const text = fs.readFileSync(file, 'utf8');
  return text
    .slice(0, text.lastIndexOf('\n') + 1)
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as RequestLogEntry);
}

/** Where lines go: REQUEST_LOG unset or `stdout`, `off`, or a file path (appended to). */
export function openRequestLog(setting: string | undefined): ((line: string) => void) | null {
  if (setting === 'off') return null;
  if (!setting || setting === 'stdout') return (line) => void process.stdout.write(line);
  const file = fs.createWriteStream(setting, { flags: 'a' });
  return (line) => void file.write(line);
}
