import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { readRequestLog, requestLogLine, type RequestLogEntry } from './request-log';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});

it('reads back the lines it writes, leaving out a last line still being written', () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'request-log-'));
  folders.push(folder);
  const entry = (id: string): RequestLogEntry => ({ time: '2026-11-28T12:00:00.000Z', id, method: 'GET', path: '/', status: 200, ms: 4.2, queries: 0, queryMs: 0 });
  const file = path.join(folder, 'requests.log');
  fs.writeFileSync(file, `${requestLogLine(entry('a'))}${requestLogLine(entry('b'))}{"time":"2026-11-28T12`);
  expect(readRequestLog(file)).toEqual([entry('a'), entry('b')]);
});
