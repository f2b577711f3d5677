import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/**
 * A backup is one SQLite file: a copy of the database taken with SQLite's online backup, plus two
 * tables of its own, backup_manifest (one row: the format, its version, when it was taken) and
 * backup_media (every file of the media folder, by path, with its bytes). One file is easy to move
 * and keep; SQLite checks it on the way back (a damaged or cut file is refused before anything is
 * written); a restore is a copy of it with those two tables turned back into files.
 * docs/decisions/0008-backups-and-crash-safety.md says why.
 */

export const BACKUP_FORMAT = 'crbc-news-backup';
export const BACKUP_VERSION = 1;
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** A problem the person running the command can act on: the message is the whole story. */
export class BackupError extends Error {}

export type Progress = (done: number, total: number, label: string) => void;

export interface BackupContents {
  takenAt: number;
  articles: number;
  revisions: number;
  mediaFiles: number;
  mediaBytes: number;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
const countOf = (db: Database.Database, table: 'articles' | 'article_revisions') =>
  db.prepare(`select count(*) from ${table}`).pluck().get() as number;

/** The media folder's files as paths relative to it, without the dot-named temporary files of unfinished uploads. */
function listMediaFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

/** A file's bytes, or null when it was deleted since it was listed (an image removed from the library meanwhile). */
function readUnlessGone(file: string): Buffer | null {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * Writes a backup of the database file and the media folder to `file`, which must not exist yet, while
 * the site may go on serving and saving. The database is copied first and the media folder after, so
 * every image the copied database names is there (an upload's file is written before its row).
 */
export async function writeBackup(
  { databaseFile, mediaDir, file, now }: { databaseFile: string; mediaDir: string; file: string; now: number },
  progress?: Progress,
): Promise<BackupContents> {
  if (!fs.existsSync(databaseFile)) throw new BackupError(`No database at ${databaseFile}: nothing to back up (is DATA_DIR set?).`);
  if (fs.existsSync(file)) throw new BackupError(`${file} already exists: a backup never overwrites a file, name a new one.`);
  const folder = path.dirname(path.resolve(file));
  if (!fs.statSync(folder, { throwIfNoEntry: false })?.isDirectory()) throw new BackupError(`No such folder: ${folder}`);
  // Written under a temporary name and moved into place when complete: a cut-short backup is never taken for a whole one.
  const partial = path.join(folder, `.${path.basename(file)}.${process.pid}.partial`);
  try {
    const source = new Database(databaseFile, { fileMustExist: true });
    try {
      source.pragma('busy_timeout = 5000');
      // All pages in one step, inside one read transaction: a save by the server meanwhile (WAL lets it
      // go on writing) cannot make SQLite restart the copy, as it would between smaller steps. More
      // steps than a few mean the source stayed locked: better-sqlite3 would retry for ever.
      let steps = 0;
      await source.backup(partial, {
        progress: () => {
          if (++steps > 1_000) throw new BackupError(`The database at ${databaseFile} stayed locked: try the backup again.`);
          return 0x7fffffff;
        },
      });
    } finally {
      source.close();
    }
    const backup = new Database(partial);
    let contents: BackupContents;
    try {
      // One self-contained file: no -wal beside it.
      backup.pragma('journal_mode = DELETE');
      backup.exec(`
        create table backup_manifest (format text not null, version integer not null, taken_at integer not null);
        create table backup_media (path text primary key, bytes blob not null);
      `);
      const files = listMediaFiles(mediaDir);
      const insert = backup.prepare('insert into backup_media (path, bytes) values (?, ?)');
      let mediaFiles = 0;
      let mediaBytes = 0;
      backup.transaction(() => {
        files.forEach((name, index) => {
          const bytes = readUnlessGone(path.join(mediaDir, name));
          if (bytes) {
            insert.run(name, bytes);
            mediaFiles++;
            mediaBytes += bytes.length;
          }
          progress?.(index + 1, files.length, name);
        });
      })();
      backup.prepare('insert into backup_manifest (format, version, taken_at) values (?, ?, ?)').run(BACKUP_FORMAT, BACKUP_VERSION, now);
      contents = { takenAt: now, articles: countOf(backup, 'articles'), revisions: countOf(backup, 'article_revisions'), mediaFiles, mediaBytes };
    } finally {
      backup.close();
    }
    // link, unlike rename, refuses to replace a file that appeared meanwhile.
    fs.linkSync(partial, file);
    return contents;
  } finally {
    fs.rmSync(partial, { force: true });
  }
}

/** Opens a backup read-only once it is known to be one, whole and readable; otherwise a BackupError says what is wrong. */
function openBackup(file: string): { backup: Database.Database; contents: BackupContents } {
  if (!fs.statSync(file, { throwIfNoEntry: false })?.isFile()) throw new BackupError(`No such file: ${file}`);
  const header = Buffer.alloc(SQLITE_HEADER.length);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, header, 0, header.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  const notOurs = `${file} is not a backup made by npm run backup`;
  if (!header.equals(SQLITE_HEADER)) throw new BackupError(`${notOurs} (it is not an SQLite file).`);
  let backup: Database.Database | undefined;
  try {
    backup = new Database(file, { readonly: true, fileMustExist: true });
    const check = backup.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new BackupError(`${file} is damaged (SQLite reports: ${String(check)}).`);
    const hasManifest = backup.prepare("select 1 from sqlite_master where type = 'table' and name = 'backup_manifest'").get();
    const manifest = hasManifest
      ? (backup.prepare('select format, version, taken_at as takenAt from backup_manifest').get() as
          | { format: string; version: number; takenAt: number }
          | undefined)
      : undefined;
    if (manifest?.format !== BACKUP_FORMAT) throw new BackupError(`${notOurs}.`);
    if (manifest.version > BACKUP_VERSION) throw new BackupError(`${file} was made by a newer version of the site: update it first.`);
    const media = backup.prepare('select count(*) as files, coalesce(sum(length(bytes)), 0) as bytes from backup_media').get() as { files: number; bytes: number };
    const contents = {
      takenAt: manifest.takenAt,
      articles: countOf(backup, 'articles'),
      revisions: countOf(backup, 'article_revisions'),
      mediaFiles: media.files,
      mediaBytes: media.bytes,
    };
    return { backup, contents };
  } catch (error) {
    backup?.close();
    if (error instanceof BackupError) throw error;
    // SQLite's own words ("file is not a database", "database disk image is malformed") are clear enough.
    throw new BackupError(`${file} is damaged: ${messageOf(error)}.`);
  }
}

/** A path stored in a backup, checked to stay inside the media folder (the file could have been edited by hand). */
function mediaPath(mediaDir: string, relative: string): string {
  const parts = relative.split(/[\\/]/);
  if (path.isAbsolute(relative) || parts.some((part) => part === '' || part === '.' || part === '..')) {
    throw new BackupError(`The backup names a media file outside the media folder: ${relative}`);
  }
  return path.join(mediaDir, ...parts);
}

/**
 * Restores a backup into `dataDir`, which must be empty or not exist: an existing site is never
 * overwritten. Everything is written into a folder beside it first and moved into place when
 * complete, so a failed restore leaves nothing behind.
 */
export function restoreBackup(file: string, dataDir: string, progress?: Progress): BackupContents {
  const { backup, contents } = openBackup(file);
  backup.close();
  const existing = fs.statSync(dataDir, { throwIfNoEntry: false });
  if (existing && !existing.isDirectory()) throw new BackupError(`${dataDir} is not a folder.`);
  if (existing && fs.readdirSync(dataDir).length > 0) {
    throw new BackupError(`The data folder ${dataDir} is not empty: restore into an empty or new folder (set DATA_DIR). Nothing was changed.`);
  }
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const staging = `${dataDir}.restoring-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(path.join(staging, 'media'), { recursive: true });
  try {
    const databaseFile = path.join(staging, 'news.db');
    fs.copyFileSync(file, databaseFile, fs.constants.COPYFILE_EXCL);
    const db = new Database(databaseFile);
    try {
      const mediaDir = path.join(staging, 'media');
      let done = 0;
      for (const row of db.prepare('select path, bytes from backup_media order by path').iterate() as Iterable<{ path: string; bytes: Buffer }>) {
        const target = mediaPath(mediaDir, row.path);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, row.bytes, { flag: 'wx' });
        progress?.(++done, contents.mediaFiles, row.path);
      }
      db.exec('drop table backup_media; drop table backup_manifest; vacuum;');
      // As the site runs it (db/client.ts); set here so the file is ready before anything opens it.
      db.pragma('journal_mode = WAL');
    } finally {
      db.close();
    }
    if (existing) fs.rmdirSync(dataDir);
    fs.renameSync(staging, dataDir);
    return contents;
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}
