import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { recordAudit } from '@/db/audit';
import type { Db } from '@/db/client';
import { importDraft, type ImportedDraft } from '@/db/articles/import-draft';
import { exportSite, importSite, SiteNotEmptyError } from '@/ops/import-export';
import { mediaDir } from '@/lib/config';
import { parseArticleText } from '@/lib/newsroom/importer';
import { siteExportSchema } from '@/ops/site-export';
import type { Command, CommandIo } from './user-cli';

export const importUsage =
  'Usage: npm run import -- FILE.txt|FOLDER ...   (plain-text articles, as drafts; a folder means its .txt files)\n' +
  '       npm run import -- EXPORT.json           (a whole site from npm run export, into a site without articles)';
export const exportUsage = 'Usage: npm run export -- [--out FILE]   (without --out the JSON goes to stdout: npm run -s export > FILE)';

/** A terminal shows a progress line; elsewhere (a pipe, a log file, a test) there is none. */
export type ImportIo = CommandIo & { progress?: (done: number, total: number, label: string) => void };

type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

export type ImportRequest = { kind: 'texts'; files: string[] } | { kind: 'site'; file: string };

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** What the arguments name: text files (a folder gives its .txt files, by name), or one site export. */
export function parseImportArgs(argv: readonly string[]): Parsed<ImportRequest> {
  let positionals: string[];
  try {
    positionals = parseArgs({ args: [...argv], options: {}, strict: true, allowPositionals: true }).positionals;
  } catch (error) {
    return { ok: false, error: messageOf(error) };
  }
  if (positionals.length === 0) return { ok: false, error: 'Name at least one file or folder.' };
  const exports = positionals.filter((arg) => arg.toLowerCase().endsWith('.json'));
  if (exports.length > 0) {
    if (positionals.length > 1) return { ok: false, error: 'A site export (.json) is imported on its own, without other files.' };
    const file = exports[0]!;
    return fs.statSync(file, { throwIfNoEntry: false })?.isFile()
      ? { ok: true, value: { kind: 'site', file } }
      : { ok: false, error: `No such file: ${file}` };
  }
  const files: string[] = [];
  for (const arg of positionals) {
    const stat = fs.statSync(arg, { throwIfNoEntry: false });
    if (!stat) return { ok: false, error: `No such file or folder: ${arg}` };
    if (!stat.isDirectory()) {
      files.push(arg);
      continue;
    }
    const texts = fs
      .readdirSync(arg, { withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name.toLowerCase().endsWith('.txt'))
      .map((entry) => entry.name)
      .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    if (texts.length === 0) return { ok: false, error: `No .txt files in ${arg}` };
    files.push(...texts.map((name) => path.join(arg, name)));
  }
  return { ok: true, value: { kind: 'texts', files: [...new Set(files)] } };
}

/** `[#####-----] 12/40 file.txt`, cut to fit the terminal. */
export function progressLine(done: number, total: number, label: string, columns = 80): string {
  const width = 10;
  const filled = total === 0 ? width : Math.round((done / total) * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${label}`.slice(0, Math.max(columns - 1, 20));
}

/** Redraws one progress line on a terminal, ended after the last step; none when the stream is not a terminal. */
export function terminalProgress(stream: NodeJS.WriteStream): ImportIo['progress'] {
  if (!stream.isTTY) return undefined;
  return (done, total, label) =>
    stream.write(`\r\x1b[2K${progressLine(done, total, label, stream.columns || 80)}${done === total ? '\n' : ''}`);
}

type FileResult = { ok: true; draft: ImportedDraft; warnings: string[] } | { ok: false; error: string };

function importTextFile(file: string, db: Db): FileResult {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(fs.readFileSync(file));
  } catch (error) {
    // The decoder throws a TypeError on bytes that are not UTF-8 (a file saved as Windows-1252, say).
    return { ok: false, error: error instanceof TypeError ? 'Not UTF-8 text: save the file as UTF-8.' : messageOf(error) };
  }
  const parsed = parseArticleText(text);
  if (!parsed.ok) return parsed;
  try {
    const draft = importDraft(db, parsed.article, { userId: null, now: Date.now() });
    recordAudit(
      { userId: null, action: 'imported', entity: 'article', entityId: draft.id, detail: `draft from ${path.basename(file)}, on the command line` },
      db,
    );
    return { ok: true, draft, warnings: [...parsed.warnings, ...draft.warnings] };
  } catch (error) {
    return { ok: false, error: messageOf(error) };
  }
}

function importTextFiles(files: readonly string[], io: ImportIo): number {
  const db = io.openDb();
  const results = files.map((file, index) => {
    const result = importTextFile(file, db);
    io.progress?.(index + 1, files.length, path.basename(file));
    return { file, result };
  });
  for (const { file, result } of results) {
    if (!result.ok) {
      io.out(`${file}: skipped: ${result.error}`);
      continue;
    }
    io.out(`${file}: imported as a draft, /${result.draft.sectionSlug}/${result.draft.slug}`);
    for (const warning of result.warnings) io.out(`  warning: ${warning}`);
  }
  const skipped = results.filter(({ result }) => !result.ok).length;
  const warnings = results.reduce((n, { result }) => n + (result.ok ? result.warnings.length : 0), 0);
  io.out(`Imported ${results.length - skipped}, skipped ${skipped}, ${plural(warnings, 'warning')}.`);
  return skipped > 0 ? 1 : 0;
}

const MAX_ISSUES_SHOWN = 10;

function describeIssues(error: z.ZodError): string {
  const more = error.issues.length - MAX_ISSUES_SHOWN;
  const shown = z.prettifyError(new z.ZodError(error.issues.slice(0, MAX_ISSUES_SHOWN)));
  return more > 0 ? `${shown}\n… and ${plural(more, 'more problem')}.` : shown;
}

function importSiteFile(file: string, io: ImportIo): number {
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    io.err(`${file}: ${messageOf(error)}`);
    return 1;
  }
  const parsed = siteExportSchema.safeParse(data);
  if (!parsed.success) {
    io.err(`${file} is not a site export this site can load:\n${describeIssues(parsed.error)}`);
    return 1;
  }
  const db = io.openDb();
  let counts;
  try {
    counts = importSite(db, parsed.data);
  } catch (error) {
    if (!(error instanceof SiteNotEmptyError)) throw error;
    io.err(error.message);
    return 1;
  }
  const summary = [
    plural(counts.articles, 'article'),
    plural(counts.sections, 'section'),
    plural(counts.tags, 'tag'),
    plural(counts.authors, 'author'),
    plural(counts.media, 'media record'),
  ].join(', ');
  recordAudit(
    { userId: null, action: 'imported', entity: 'site', detail: `${summary} from ${path.basename(file)}, on the command line` },
    db,
  );
  io.out(`Imported the site exported at ${new Date(parsed.data.exportedAt).toISOString()}: ${summary}.`);
  if (counts.media > 0) io.out(`The export lists media but does not hold the files: copy them into ${mediaDir()}.`);
  return 0;
}

export const importCommand = async (argv: readonly string[], io: ImportIo): Promise<number> => {
  const request = parseImportArgs(argv);
  if (!request.ok) {
    io.err(request.error);
    io.err(importUsage);
    return 1;
  }
  return request.value.kind === 'site' ? importSiteFile(request.value.file, io) : importTextFiles(request.value.files, io);
};

export const exportCommand: Command = async (argv, io) => {
  let out: string | undefined;
  try {
    out = parseArgs({ args: [...argv], options: { out: { type: 'string' } }, strict: true, allowPositionals: false }).values.out;
  } catch (error) {
    io.err(messageOf(error));
    io.err(exportUsage);
    return 1;
  }
  const site = exportSite(Date.now(), io.openDb());
  // Refused here rather than discovered when the file is needed for a restore.
  const checked = siteExportSchema.safeParse(site);
  if (!checked.success) {
    io.err(`The site cannot be exported as it is; it would not load again:\n${describeIssues(checked.error)}`);
    return 1;
  }
  const json = JSON.stringify(site, null, 2);
  const summary = `${plural(site.articles.length, 'article')} in ${plural(site.sections.length, 'section')}`;
  if (out === undefined) {
    io.out(json);
    io.err(`Exported ${summary}.`);
  } else {
    fs.writeFileSync(out, `${json}\n`);
    io.out(`Exported ${summary} to ${out}.`);
  }
  return 0;
};
