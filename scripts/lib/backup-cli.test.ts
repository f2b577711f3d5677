import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '@/db/client';
import { exportSite } from '@/ops/import-export';
import { addTestArticle, addTestSections } from '@/test/support/database';
import { backupCommand, restoreCommand, type BackupIo } from './backup-cli';

let dir: string;
let site: string;
let lines: { out: string[]; err: string[] };
let io: BackupIo;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backup-cli-'));
  site = path.join(dir, 'site');
  lines = { out: [], err: [] };
  io = { dataDir: site, out: (line) => lines.out.push(line), err: (line) => lines.err.push(line) };
  const db = openDatabase(path.join(site, 'news.db'));
  addTestSections(db);
  addTestArticle(db, { headline: 'Kept in the backup' });
  db.$client.close();
  fs.mkdirSync(path.join(site, 'media'));
  fs.writeFileSync(path.join(site, 'media', 'photo.webp'), Buffer.from([0, 1, 2, 255, 254]));
  // An upload that was still being written: never part of a backup.
  fs.writeFileSync(path.join(site, 'media', '.photo-2.webp.a1b2c3.tmp'), 'half a file');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const writeFile = (name: string, content: string) => {
  fs.writeFileSync(path.join(dir, name), content);
  return path.join(dir, name);
};

const exported = (dataDir: string) => {
  const db = openDatabase(path.join(dataDir, 'news.db'));
  try {
    return exportSite(0, db);
  } finally {
    db.$client.close();
  }
};

describe('npm run backup / npm run restore', () => {
  it('round-trips the site: the same content and media files, into a new data folder', async () => {
    const file = path.join(dir, 'site.backup');
    expect(await backupCommand([file], io)).toBe(0);
    expect(lines.out).toEqual([expect.stringMatching(/^Backed up 1 article, 0 revisions, 1 media file \(0\.0 MB\) to .*site\.backup \(\d+\.\d MB\) in \d+\.\d s\.$/)]);
    const restored = path.join(dir, 'new', 'restored');
    expect(await restoreCommand([file], { ...io, dataDir: restored })).toBe(0);
    expect(lines.out[1]).toMatch(/^Restored the backup taken at \d{4}-.*Z into .*restored: 1 article, 0 revisions, 1 media file/);
    expect(exported(restored)).toEqual(exported(site));
    expect(fs.readdirSync(path.join(restored, 'media'))).toEqual(['photo.webp']);
    expect(fs.readFileSync(path.join(restored, 'media', 'photo.webp'))).toEqual(Buffer.from([0, 1, 2, 255, 254]));
    expect(fs.readdirSync(path.join(dir, 'new'))).toEqual(['restored']);
    expect(lines.err).toEqual([]);
  });

  it('restores into an existing empty folder, and refuses one with anything in it, changing nothing', async () => {
    const file = path.join(dir, 'site.backup');
    await backupCommand([file], io);
    const empty = path.join(dir, 'empty');
    fs.mkdirSync(empty);
    expect(await restoreCommand([file], { ...io, dataDir: empty })).toBe(0);
    expect(fs.readdirSync(empty).sort()).toEqual(['media', 'news.db']);

    const before = fs.readFileSync(path.join(site, 'news.db'));
    expect(await restoreCommand([file], io)).toBe(1);
    expect(lines.err).toEqual([`The data folder ${site} is not empty: restore into an empty or new folder (set DATA_DIR). Nothing was changed.`]);
    expect(fs.readFileSync(path.join(site, 'news.db')).equals(before)).toBe(true);
  });

  it('never overwrites a file with a backup', async () => {
    const file = path.join(dir, 'taken.backup');
    fs.writeFileSync(file, 'precious');
    expect(await backupCommand([file], io)).toBe(1);
    expect(lines.err).toEqual([`${file} already exists: a backup never overwrites a file, name a new one.`]);
    expect(fs.readFileSync(file, 'utf8')).toBe('precious');
    expect(fs.readdirSync(dir).sort()).toEqual(['site', 'taken.backup']);
  });

  it('says there is nothing to back up without a database', async () => {
    expect(await backupCommand([path.join(dir, 'x.backup')], { ...io, dataDir: path.join(dir, 'nothing') })).toBe(1);
    expect(lines.err).toEqual([`No database at ${path.join(dir, 'nothing', 'news.db')}: nothing to back up (is DATA_DIR set?).`]);
  });

  it.each([
    ['a missing file', () => path.join(dir, 'missing.backup'), /^No such file: .*missing\.backup$/],
    ['a text file', () => writeFile('notes.txt', 'hello'), /notes\.txt is not a backup made by npm run backup \(it is not an SQLite file\)\.$/],
    ['a database that is not a backup', () => path.join(site, 'news.db'), /news\.db is not a backup made by npm run backup\.$/],
  ])('refuses %s with one line', async (_, file, message) => {
    const target = path.join(dir, 'target');
    expect(await restoreCommand([file()], { ...io, dataDir: target })).toBe(1);
    expect(lines.err).toEqual([expect.stringMatching(message)]);
    expect(fs.existsSync(target)).toBe(false);
  });

  it('refuses a backup cut short or damaged, leaving no data folder behind', async () => {
    const file = path.join(dir, 'site.backup');
    await backupCommand([file], io);
    const whole = fs.readFileSync(file);
    const cut = path.join(dir, 'cut.backup');
    fs.writeFileSync(cut, whole.subarray(0, Math.floor(whole.length / 2)));
    const scribbled = Buffer.from(whole);
    scribbled.fill(0x55, 4096, whole.length);
    const damaged = path.join(dir, 'damaged.backup');
    fs.writeFileSync(damaged, scribbled);
    for (const bad of [cut, damaged]) {
      const target = path.join(dir, `from-${path.basename(bad)}`);
      expect(await restoreCommand([bad], { ...io, dataDir: target })).toBe(1);
      expect(fs.existsSync(target)).toBe(false);
    }
    expect(lines.err).toEqual([expect.stringMatching(/^.*cut\.backup is damaged/), expect.stringMatching(/^.*damaged\.backup is damaged/)]);
    expect(fs.readdirSync(dir).filter((name) => name.includes('restoring'))).toEqual([]);
  });

  it.each([[[]], [['a.backup', 'b.backup']], [['--force', 'a.backup']]])('shows the usage for the arguments %j', async (argv) => {
    expect(await restoreCommand(argv, io)).toBe(1);
    expect(lines.err[1]).toMatch(/^Usage: npm run restore -- FILE/);
    expect(await backupCommand(argv, io)).toBe(1);
    expect(lines.err[3]).toMatch(/^Usage: npm run backup -- FILE/);
  });
});
