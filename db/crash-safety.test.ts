import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contentHash } from './acknowledged-saves';
import { openDatabase, type Db } from './client';
import { addTestSections } from './testing';
import { createUser } from './users';

/**
 * Crash safety, tested on the data layer rather than through HTTP: the server's saves are exactly
 * these synchronous transactions (createArticle, updateArticle on one better-sqlite3 connection), and
 * a save is acknowledged to the editor only after its transaction returned, as db/acknowledged-saves.ts
 * acknowledges it here. A child process killed with SIGKILL at any instruction is a server killed the
 * same way, minus a build and a browser: fast enough to do it many times.
 */

const writerScript = path.join(import.meta.dirname, 'acknowledged-saves.ts');

interface Ack {
  id: number;
  version: number;
  hash: string;
}

interface Writer {
  child: ChildProcess;
  ready: Promise<void>;
  /** The acknowledgements printed so far (complete lines only). */
  acks: () => Ack[];
  /** Resolves when the process has ended and its output is read to the end. */
  ended: Promise<{ stderr: string }>;
}

function startWriter(file: string): Writer {
  const child = spawn(process.execPath, ['--import', 'tsx', writerScript, file], { stdio: ['ignore', 'pipe', 'pipe'] });
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
  return {
    child,
    ready: Promise.race([ready, failed]),
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
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const CRASHES = 25;

describe('a process killed while saving', () => {
  it(`keeps the database whole and every acknowledged save, ${CRASHES} kills in a row`, { timeout: 90_000 }, async () => {
    const file = path.join(dir, 'news.db');
    prepareDatabase(file);
    const acked: Ack[] = [];
    for (let crash = 1; crash <= CRASHES; crash++) {
      const writer = startWriter(file);
      await writer.ready;
      // A random moment in a stream of saves: most of the time inside a transaction or its commit.
      await sleep(30 + Math.random() * 250);
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
    // The kills landed among saves, not before the first.
    expect(acked.length).toBeGreaterThan(CRASHES);
  });
});

