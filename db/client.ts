import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { databaseFile } from '@/lib/config';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

const migrationsFolder = path.join(/*turbopackIgnore: true*/ process.cwd(), 'db', 'migrations');

/**
 * Opens (creating if needed) the SQLite file and brings its schema up to date.
 * WAL lets readers carry on while one writer writes; busy_timeout makes a second process
 * (a backup, an import) wait for the lock instead of failing; NORMAL sync is durable in WAL
 * mode except for the last transactions on power loss, which is the usual trade for a web app.
 */
export function openDatabase(file: string = databaseFile()): Db {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder });
  return db;
}

// One connection per process: route bundles each load this module, so the handle lives on globalThis.
const holder = globalThis as typeof globalThis & { __newsDb?: Db };

export function getDb(): Db {
  holder.__newsDb ??= openDatabase();
  return holder.__newsDb;
}
