import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { openDatabase, type Db } from '@/db/client';
import type { PurgeQueue } from '@/lib/cache/purge';
import { startFakePurgeApi, type FakePurgeApi } from './fake-purge-api';

export interface PurgeFixtures {
  /** The fake purge API of the running test. */
  api(): FakePurgeApi;
  /** The test's database (its outbox), in a file of its own. */
  db(): Db;
  file(): string;
  /** Queues made by the test: stopped after it. */
  queues: PurgeQueue[];
}

/** For a test file: a fake purge API and a fresh database file before each test; both gone, and its queues stopped, after it. */
export function withPurgeFixtures(prefix: string): PurgeFixtures {
  let api: FakePurgeApi | undefined;
  let folder = '';
  let db: Db | undefined;
  const queues: PurgeQueue[] = [];
  beforeEach(async () => {
    api = await startFakePurgeApi();
    folder = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    db = openDatabase(path.join(folder, 'news.db'));
  });
  afterEach(async () => {
    for (const queue of queues.splice(0)) await queue.stop();
    await api?.stop();
    db?.$client.close();
    fs.rmSync(folder, { recursive: true, force: true });
  });
  return { api: () => api!, db: () => db!, file: () => path.join(folder, 'news.db'), queues };
}
