import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/**
 * The rendered-page store shared by every server process on one machine (lib/cache/page-cache-sqlite.ts is
 * Next's `cacheHandler` over it; decision 21). Its own SQLite file beside the site's database, not a table in
 * it: pages are a cache (deleting the file loses nothing), they are written at every render, and a backup of
 * the newsroom's data has no business copying megabytes of HTML.
 *
 * - `entries`: one row per cached page version (key: the build's id and Next's route cache key), its
 *   encoded value, the cache tags it carries, when it was stored and when it was last read. Bounded in bytes:
 *   beyond `maxBytes`, the least recently read rows go.
 * - `tags`: when each tag was last made stale and until when it stays expired (Next 16's tag semantics:
 *   `revalidateTag(tag, profile)` marks stale now and expired after the profile's `expire`; `updateTag`, or no
 *   profile, expires now). A row is as small as its name; there is one per tag ever invalidated.
 */

export interface StoredPage {
  /** Encoded by lib/cache/page-cache.ts (JSON with buffers as base64). */
  value: string;
  tags: string[];
  lastModified: number;
}

export interface TagTimes {
  stale?: number;
  expired?: number;
}

export interface PageCacheDb {
  read(key: string, now: number): StoredPage | undefined;
  write(key: string, page: StoredPage, now: number): void;
  remove(key: string): void;
  tagTimes(tags: readonly string[]): Map<string, TagTimes>;
  markTags(tags: readonly string[], times: (existing: TagTimes) => TagTimes): void;
  /** Drops every row whose key does not start with `prefix` (another build's pages). */
  keepOnly(prefix: string): void;
  /** Rows held and their bytes. */
  size(): { entries: number; bytes: number };
  close(): void;
}

/** A read refreshes the row's last-read time only when it is older than this: a hit is not a write. */
const READ_TOUCH_MS = 60_000;

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS entries (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    tags TEXT NOT NULL,
    last_modified INTEGER NOT NULL,
    bytes INTEGER NOT NULL,
    read_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS entries_by_read_at ON entries (read_at);
  CREATE TABLE IF NOT EXISTS tags (
    tag TEXT PRIMARY KEY,
    stale INTEGER,
    expired INTEGER
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS totals (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    bytes INTEGER NOT NULL
  );
  INSERT OR IGNORE INTO totals (id, bytes) VALUES (1, 0);
`;

/**
 * Opens (creating) the page cache file. WAL, so readers in every process go on while one writes;
 * synchronous = OFF, because a page lost in a power cut is re-rendered (the tag table is written in the same
 * file and a lost tag write could leave a page stale for its `revalidate` time at most).
 */
export function openPageCacheDb(file: string, { maxBytes }: { maxBytes: number }): PageCacheDb {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = OFF');
  sqlite.exec(SCHEMA);

  const select = sqlite.prepare<[string], { value: string; tags: string; last_modified: number; read_at: number }>(
    'SELECT value, tags, last_modified, read_at FROM entries WHERE key = ?',
  );
  const touch = sqlite.prepare<[number, string]>('UPDATE entries SET read_at = ? WHERE key = ?');
  const oldBytes = sqlite.prepare<[string], { bytes: number }>('SELECT bytes FROM entries WHERE key = ?');
  const upsert = sqlite.prepare<[string, string, string, number, number, number]>(
    `INSERT INTO entries (key, value, tags, last_modified, bytes, read_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, tags = excluded.tags, last_modified = excluded.last_modified,
       bytes = excluded.bytes, read_at = excluded.read_at`,
  );
  const deleteKey = sqlite.prepare<[string]>('DELETE FROM entries WHERE key = ?');
  const addBytes = sqlite.prepare<[number]>('UPDATE totals SET bytes = bytes + ? WHERE id = 1');
  const totalBytes = sqlite.prepare<[], { bytes: number }>('SELECT bytes FROM totals WHERE id = 1');
  const oldest = sqlite.prepare<[number], { key: string; bytes: number }>('SELECT key, bytes FROM entries ORDER BY read_at LIMIT ?');
  const selectTags = sqlite.prepare<[string], { tag: string; stale: number | null; expired: number | null }>(
    'SELECT tag, stale, expired FROM tags WHERE tag IN (SELECT value FROM json_each(?))',
  );
  const upsertTag = sqlite.prepare<[string, number | null, number | null]>(
    'INSERT INTO tags (tag, stale, expired) VALUES (?, ?, ?) ON CONFLICT (tag) DO UPDATE SET stale = excluded.stale, expired = excluded.expired',
  );
  const dropOthers = sqlite.prepare<[{ prefix: string }]>('DELETE FROM entries WHERE substr(key, 1, length(@prefix)) <> @prefix');
  const resetTotal = sqlite.prepare('UPDATE totals SET bytes = (SELECT coalesce(sum(bytes), 0) FROM entries) WHERE id = 1');
  const counts = sqlite.prepare<[], { entries: number; bytes: number }>('SELECT count(*) AS entries, coalesce(sum(bytes), 0) AS bytes FROM entries');

  const removeKey = (key: string) => {
    const old = oldBytes.get(key);
    if (!old) return;
    deleteKey.run(key);
    addBytes.run(-old.bytes);
  };

  /** Drops the least recently read rows until the rest fit in nine tenths of the bound (so a full cache does not evict at every write). */
  const evict = () => {
    let bytes = totalBytes.get()?.bytes ?? 0;
    const target = Math.floor(maxBytes * 0.9);
    while (bytes > target) {
      const victims = oldest.all(64);
      if (victims.length === 0) break;
      for (const victim of victims) {
        deleteKey.run(victim.key);
        addBytes.run(-victim.bytes);
        bytes -= victim.bytes;
        if (bytes <= target) break;
      }
    }
  };

  const write = sqlite.transaction((key: string, page: StoredPage, now: number) => {
    const bytes = Buffer.byteLength(page.value) + key.length;
    const old = oldBytes.get(key);
    upsert.run(key, page.value, JSON.stringify(page.tags), page.lastModified, bytes, now);
    addBytes.run(bytes - (old?.bytes ?? 0));
    if ((totalBytes.get()?.bytes ?? 0) > maxBytes) evict();
  });

  const markTags = sqlite.transaction((tags: readonly string[], times: (existing: TagTimes) => TagTimes) => {
    const existing = new Map([...selectTagRows(tags)].map((row) => [row.tag, row]));
    for (const tag of tags) {
      const row = existing.get(tag);
      const next = times({ stale: row?.stale ?? undefined, expired: row?.expired ?? undefined });
      upsertTag.run(tag, next.stale ?? null, next.expired ?? null);
    }
  });

  function selectTagRows(tags: readonly string[]) {
    return selectTags.all(JSON.stringify(tags));
  }

  return {
    read(key, now) {
      const row = select.get(key);
      if (!row) return undefined;
      if (now - row.read_at > READ_TOUCH_MS) touch.run(now, key);
      return { value: row.value, tags: JSON.parse(row.tags) as string[], lastModified: row.last_modified };
    },
    // BEGIN IMMEDIATE: a transaction that reads first and then writes cannot wait for another process's write
    // (SQLite refuses it at once, whatever the busy timeout: "database is locked"); one that takes the write
    // lock first waits its turn. A refused tag mark would leave a changed page stale.
    write: (key, page, now) => write.immediate(key, page, now),
    remove: (key) => sqlite.transaction(removeKey).immediate(key),
    tagTimes(tags) {
      const times = new Map<string, TagTimes>();
      if (tags.length === 0) return times;
      for (const row of selectTagRows(tags)) times.set(row.tag, { stale: row.stale ?? undefined, expired: row.expired ?? undefined });
      return times;
    },
    markTags: (tags, times) => markTags.immediate(tags, times),
    keepOnly: (prefix: string) =>
      sqlite
        .transaction(() => {
          dropOthers.run({ prefix });
          resetTotal.run();
        })
        .immediate(),
    size: () => counts.get() ?? { entries: 0, bytes: 0 },
    close: () => sqlite.close(),
  };
}

/** Every stored page's key and encoded value, read from outside the site (tests and tools look at what is kept). */
export function readPageCacheEntries(file: string): { key: string; value: string }[] {
  if (!fs.existsSync(file)) return [];
  const sqlite = new Database(file, { readonly: true });
  try {
    return sqlite.prepare<[], { key: string; value: string }>('SELECT key, value FROM entries').all();
  } finally {
    sqlite.close();
  }
}
