import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupCommand, restoreCommand, type BackupIo } from '@/scripts/lib/backup-cli';
import { importCommand } from '@/scripts/lib/site-cli';
import { contentHash } from '@/test/support/acknowledged-saves';
import { openDatabase, type Db } from './client';
import { addTestSections } from '@/test/support/database';
import { createUser } from './users';

/**
 * Crash safety, tested on the data layer rather than through HTTP: the server's saves are exactly
 * these synchronous transactions (createArticle, updateArticle on one better-sqlite3 connection), and
 * a save is acknowledged to the editor only after its transaction returned, as test/support/acknowledged-saves.ts
 * acknowledges it here. A child process killed with SIGKILL at any instruction is a server killed the
 * same way, minus a build and a browser: fast enough to do it many times.
 */

const writerScript = path.join(import.meta.dirname, '..', 'test', 'support', 'acknowledged-saves.ts');

interface Ack {
  id: number;
  version: number;
  hash: string;
}

interface Writer {
  child: ChildProcess;
  /** Starts saving (the process loads first and waits for this). */
  go: () => void;
  ready: Promise<void>;
  /** The acknowledgements printed so far (complete lines only). */
  acks: () => Ack[];
  /** Resolves when the process has ended and its output is read to the end. */
  ended: Promise<{ stderr: string }>;
}

// Killed after each test, whatever happened in it: a writer left behind would write until the disk is full.
const started: ChildProcess[] = [];

function startWriter(file: string, { paced = false } = {}): Writer {
  const child = spawn(process.execPath, ['--import', 'tsx', writerScript, file, ...(paced ? ['--paced'] : [])], { stdio: ['pipe', 'pipe', 'pipe'] });
  started.push(child);
  let stdout = '';
  let stderr = '';
  let onReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (stdout.startsWith('ready\n')) onReady();
  });
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const ended = new Promise<{ stderr: string }>((resolve) => child.once('close', () => resolve({ stderr })));
  const failed = ended.then(({ stderr: text }) => {
    throw new Error(`the writer ended before it was ready: ${text}`);
  });
  const readyOrFailed = Promise.race([ready, failed]);
  // Not an unhandled rejection when nobody waits for it (the spare writer, killed after the test).
  readyOrFailed.catch(() => undefined);
  return {
    child,
    go: () => child.stdin?.write('go\n'),
    ready: readyOrFailed,
    acks: () =>
      stdout
        .split('\n')
        .slice(0, -1)
        .filter((line) => line.startsWith('ack '))
        .map((line) => {
          const [, id, version, hash] = line.split(' ');
          return { id: Number(id), version: Number(version), hash: hash ?? '' };
        }),
    ended,
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A database with what the writer needs: sections to file under and a user to save as. */
function prepareDatabase(file: string): void {
  const db = openDatabase(file);
  addTestSections(db);
  createUser({ email: 'editor@test.example', name: 'Editor', role: 'editor', passwordHash: 'not-a-real-hash' }, db);
  db.$client.close();
}

/** The acknowledged saves that are not in the database as acknowledged: each must be a revision with its content, and its article at least at that version. */
function missingSaves(db: Db, acks: readonly Ack[]): Ack[] {
  const revision = db.$client.prepare('select snapshot from article_revisions where article_id = ? and version = ?').pluck();
  const version = db.$client.prepare('select version from articles where id = ?').pluck();
  return acks.filter((ack) => {
    const snapshot = revision.get(ack.id, ack.version) as string | undefined;
    if (snapshot === undefined) return true;
    const { headline, body } = JSON.parse(snapshot) as { headline: string; body: string };
    return contentHash(headline, body) !== ack.hash || ((version.get(ack.id) as number | undefined) ?? 0) < ack.version;
  });
}

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crash-safety-'));
});
afterEach(() => {
  for (const child of started.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  fs.rmSync(dir, { recursive: true, force: true });
});

const CRASHES = 25;

describe('a process killed while saving', () => {
  it(`keeps the database whole and every acknowledged save, ${CRASHES} kills in a row`, { timeout: 90_000 }, async () => {
    const file = path.join(dir, 'news.db');
    prepareDatabase(file);
    const acked: Ack[] = [];
    let next = startWriter(file);
    for (let crash = 1; crash <= CRASHES; crash++) {
      const writer = next;
      writer.go();
      // The next one loads while this one saves and is checked: starting Node is most of a round's time.
      next = startWriter(file);
      await writer.ready;
      // A random moment in a stream of saves (after the first, however busy the machine): most of the time
      // inside a transaction or its commit.
      await untilAcked(writer, 1);
      await sleep(Math.random() * 250);
      writer.child.kill('SIGKILL');
      const { stderr } = await writer.ended;
      expect(stderr).toBe('');
      acked.push(...writer.acks());
      // Started again, as the server would be: the next open replays the log.
      const db = openDatabase(file);
      try {
        expect(db.$client.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(missingSaves(db, acked)).toEqual([]);
      } finally {
        db.$client.close();
      }
    }
    // Every kill landed among saves, not before the first.
    expect(acked.length).toBeGreaterThanOrEqual(CRASHES);
  });
});

/** Waits until the writer has printed this many acknowledgements; fails if it ends first. */
async function untilAcked(writer: Writer, count: number): Promise<void> {
  let ended: string | undefined;
  void writer.ended.then(({ stderr }) => (ended = stderr));
  while (writer.acks().length < count) {
    if (ended !== undefined) throw new Error(`the writer ended: ${ended}`);
    await sleep(20);
  }
}

const rows = (db: Db, sql: string) => db.$client.prepare(sql).all();

const ROUNDS_BESIDE_SAVES = 4;

describe('a second process while another saves', () => {
  it('takes a backup and imports texts without a busy error on either side, and the backup restores whole', { timeout: 60_000 }, async () => {
    const dataDir = path.join(dir, 'site');
    const file = path.join(dataDir, 'news.db');
    prepareDatabase(file);
    const media = path.join(dataDir, 'media');
    fs.mkdirSync(path.join(media, 'originals'), { recursive: true });
    for (const name of ['first.webp', 'second.webp', 'originals/third.webp']) fs.writeFileSync(path.join(media, name), randomBytes(150_000));

    // Paced: at full speed the database grows by tens of MB a second, and each backup round copies all of it.
    const writer = startWriter(file, { paced: true });
    writer.go();
    await writer.ready;
    await untilAcked(writer, 10);
    const ackedBeforeBackup = writer.acks();
    const output: string[] = [];
    const io: BackupIo = { dataDir, out: (line) => output.push(line), err: (line) => output.push(line) };
    const importDb = openDatabase(file);
    const backupFile = (round: number) => path.join(dir, `site-${round}.backup`);
    // Several rounds: each import's commits are chances to land between a save's first read and its first write.
    for (let round = 1; round <= ROUNDS_BESIDE_SAVES; round++) {
      const [backedUp, imported] = await Promise.all([
        backupCommand([backupFile(round)], io),
        importCommand([path.join(import.meta.dirname, '../lib/newsroom/importer-fixtures')], { ...io, openDb: () => importDb, readStdin: async () => '' }),
      ]);
      expect({ round, backedUp, imported }).toEqual({ round, backedUp: 0, imported: 0 });
    }
    importDb.$client.close();
    const ackedAfter = writer.acks().length;
    // The writer went on saving after all that: it was not stopped by an error.
    await untilAcked(writer, ackedAfter + 10);
    writer.child.kill('SIGKILL');
    expect((await writer.ended).stderr).toBe('');
    expect(output.filter((line) => line.startsWith('Imported 8, skipped 0'))).toHaveLength(ROUNDS_BESIDE_SAVES);

    const restoredDir = path.join(dir, 'restored');
    expect(await restoreCommand([backupFile(1)], { ...io, dataDir: restoredDir })).toBe(0);
    const source = openDatabase(file);
    const restored = openDatabase(path.join(restoredDir, 'news.db'));
    try {
      expect(restored.$client.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(missingSaves(restored, ackedBeforeBackup)).toEqual([]);
      // The copy is the database at one moment: revisions are append-only here, so the copy's are the
      // source's up to some point, and each article in it is at the content of its newest revision.
      const revisions = rows(restored, 'select * from article_revisions order by id');
      const lastRevision = (revisions.at(-1) as { id: number }).id;
      expect(revisions).toEqual(rows(source, `select * from article_revisions where id <= ${lastRevision} order by id`));
      const articlesAsRevised = rows(
        restored,
        `select a.id, a.version, a.headline, a.body, json_extract(r.snapshot, '$.headline') as revisedHeadline, json_extract(r.snapshot, '$.body') as revisedBody
         from articles a join article_revisions r on r.article_id = a.id and r.version = a.version and r.kind != 'conflict'`,
      ) as { headline: string; body: string; revisedHeadline: string; revisedBody: string }[];
      // (Imported drafts have no revision: an import from the command line has no account to record.)
      expect(articlesAsRevised.length).toBe(rows(restored, 'select distinct article_id from article_revisions').length);
      for (const a of articlesAsRevised) expect([a.headline, a.body]).toEqual([a.revisedHeadline, a.revisedBody]);
      for (const table of ['sections', 'authors', 'users', 'tags']) expect(rows(restored, `select * from ${table}`)).toEqual(rows(source, `select * from ${table}`));
    } finally {
      source.$client.close();
      restored.$client.close();
    }
    for (const name of ['first.webp', 'second.webp', 'originals/third.webp']) {
      expect(fs.readFileSync(path.join(restoredDir, 'media', name)).equals(fs.readFileSync(path.join(media, name)))).toBe(true);
    }
    expect(fs.readdirSync(path.join(restoredDir, 'media'), { recursive: true }).sort()).toEqual(['first.webp', 'originals', 'originals/third.webp', 'second.webp']);
  });
});
