import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BackupError, restoreBackup, writeBackup, type BackupContents, type Progress } from '@/ops/backups';
import { dataDir } from '@/lib/config';
import { terminalProgress } from './site-cli';
import type { CommandIo } from './user-cli';

export const backupUsage = 'Usage: npm run backup -- FILE    (the database and media of DATA_DIR, while the site runs; FILE must not exist)';
export const restoreUsage = 'Usage: npm run restore -- FILE   (into DATA_DIR, which must be empty or not exist)';

/** What the backup commands need from the outside world: the data folder, output lines and (on a terminal) progress. */
export type BackupIo = Pick<CommandIo, 'out' | 'err'> & { dataDir: string; progress?: Progress };

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const megabytes = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

function describe(contents: BackupContents): string {
  return `${plural(contents.articles, 'article')}, ${plural(contents.revisions, 'revision')}, ${plural(contents.mediaFiles, 'media file')} (${megabytes(contents.mediaBytes)})`;
}

function fileArgument(argv: readonly string[]): { ok: true; file: string } | { ok: false; error: string } {
  try {
    const { positionals } = parseArgs({ args: [...argv], options: {}, strict: true, allowPositionals: true });
    if (positionals.length !== 1 || !positionals[0]) return { ok: false, error: 'Name one backup file.' };
    return { ok: true, file: positionals[0] };
  } catch (error) {
    return { ok: false, error: messageOf(error) };
  }
}

type BackupCommand = (argv: readonly string[], io: BackupIo) => Promise<number>;

/**
 * A command on one file: `run` does the work and returns its summary line. Any failure becomes one line
 * on stderr and exit code 1, never a stack trace.
 */
function fileCommand(usage: string, what: string, run: (file: string, io: BackupIo) => Promise<string>): BackupCommand {
  return async (argv, io) => {
    const arg = fileArgument(argv);
    if (!arg.ok) {
      io.err(arg.error);
      io.err(usage);
      return 1;
    }
    try {
      io.out(await run(arg.file, io));
      return 0;
    } catch (error) {
      io.err(error instanceof BackupError ? error.message : `${what} failed: ${messageOf(error)}`);
      return 1;
    }
  };
}

export const backupCommand = fileCommand(backupUsage, 'The backup', async (file, io) => {
  const started = performance.now();
  const contents = await writeBackup(
    { databaseFile: path.join(io.dataDir, 'news.db'), mediaDir: path.join(io.dataDir, 'media'), file, now: Date.now() },
    io.progress,
  );
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  return `Backed up ${describe(contents)} to ${file} (${megabytes(fs.statSync(file).size)}) in ${seconds} s.`;
});

export const restoreCommand = fileCommand(restoreUsage, 'The restore', async (file, io) => {
  const contents = restoreBackup(file, io.dataDir, io.progress);
  return `Restored the backup taken at ${new Date(contents.takenAt).toISOString()} into ${io.dataDir}: ${describe(contents)}.`;
});

/** Runs a backup command on DATA_DIR from the command line, with a progress line on a terminal. */
export async function runOnDataDir(command: BackupCommand): Promise<void> {
  process.exitCode = await command(process.argv.slice(2), {
    dataDir: dataDir(),
    out: (line) => console.log(line),
    err: (line) => console.error(line),
    progress: terminalProgress(process.stderr),
  });
}
