import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { databaseFile } from '@/lib/config';
import { countStatementRuns } from './query-count';
import * as schema from './schema';
import { existingProcessState, forgetProcessState, oncePerProcess } from '@/lib/process-state';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

const migrationsFolder = path.join(/*turbopackIgnore: true*/ process.cwd(), 'db', 'migrations');

/**
 * Opens (creating if needed) the SQLite file and brings its schema up to date. These settings are
 * deliberate, and db/crash-safety.test.ts holds them to their promises:
 * - WAL: readers (pages, a backup) carry on while one writer writes, and a commit is one append to
 *   the -wal file, so a killed process loses nothing it committed (the next open replays the log).
 * - synchronous = NORMAL: WAL is fsynced at checkpoints, not at every commit. A crash of the process
 *   loses nothing committed; a power cut may lose the last transactions, the usual trade for a web app.
 * - foreign_keys = ON: SQLite leaves them off by default; the schema relies on them (cascades, set null).
 * - busy_timeout: a second process (a backup, a command-line import) waits up to 5 s for the write
 *   lock instead of failing with SQLITE_BUSY; every transaction here is short and synchronous.
 */
export function openDatabase(file: string = databaseFile()): Db {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  countStatementRuns(sqlite);
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder });
  return db;
}

/**
 * For transactions that read before they write. BEGIN IMMEDIATE takes the write lock first, waiting
 * for it (busy_timeout) while another process writes; a deferred transaction that has read fails at
 * once with SQLITE_BUSY when another process commits before its first write, and no timeout helps.
 */
export const WRITE_TRANSACTION = { behavior: 'immediate' } as const;

/** The process's one connection (route bundles each load this module: lib/process-state.ts). */
export function getDb(): Db {
  return oncePerProcess('database connection', () => {
    // Whatever ends the process (the server's SIGTERM handler calls process.exit), the last connection
    // to close checkpoints the WAL into the database file and removes it.
    process.once('exit', closeDb);
    return openDatabase();
  });
}

/** Closes the process's connection, if open; a later getDb() opens a new one. */
export function closeDb(): void {
  existingProcessState<Db>('database connection')?.$client.close();
  forgetProcessState('database connection');
}
