import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAudit } from '@/db/audit';
import type { Db } from '@/db/client';
import { exportSite } from '@/ops/import-export';
import { listNewsroomArticles } from '@/db/newsroom';
import { addTestArticle, createTestDatabase, withTestDatabase } from '@/test/support/database';
import { exportCommand, importCommand, parseImportArgs, progressLine, type ImportIo } from './site-cli';

const fixtures = path.join(import.meta.dirname, '../../lib/newsroom/importer-fixtures');
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'site-cli-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const write = (name: string, content: string | Buffer) => {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
};

describe('parseImportArgs', () => {
  it('expands a folder to its .txt files in natural order, next to named files', () => {
    const named = write('named.md', 'x');
    write('folder/10.txt', 'x');
    write('folder/2.TXT', 'x');
    write('folder/notes.json', '{}');
    write('folder/nested/3.txt', 'x');
    expect(parseImportArgs([named, path.join(dir, 'folder'), named])).toEqual({
      ok: true,
      value: { kind: 'texts', files: [named, path.join(dir, 'folder/2.TXT'), path.join(dir, 'folder/10.txt')] },
    });
  });

  it('takes a .json file as a site export, on its own', () => {
    const file = write('site.json', '{}');
    expect(parseImportArgs([file])).toEqual({ ok: true, value: { kind: 'site', file } });
    expect(parseImportArgs([file, write('a.txt', 'x')])).toMatchObject({ ok: false, error: expect.stringMatching(/on its own/) });
  });

  it.each([
    [[], /Name at least one file or folder/],
    [['/no/such/file.txt'], /No such file or folder: \/no\/such\/file.txt/],
    [['/no/such/site.json'], /No such file: \/no\/such\/site.json/],
    [['--dry-run', 'a.txt'], /Unknown option '--dry-run'/],
  ])('rejects %j', (argv, message) => {
    const parsed = parseImportArgs(argv);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(message);
  });

  it('rejects a folder without text files', () => {
    fs.mkdirSync(path.join(dir, 'empty'));
    expect(parseImportArgs([path.join(dir, 'empty')])).toEqual({ ok: false, error: `No .txt files in ${path.join(dir, 'empty')}` });
  });
});

describe('progressLine', () => {
  it('draws a ten-step bar, cut to the terminal width', () => {
    expect(progressLine(12, 40, 'file.txt')).toBe('[###-------] 12/40 file.txt');
    expect(progressLine(40, 40, 'last.txt')).toBe('[##########] 40/40 last.txt');
    expect(progressLine(1, 3, 'a-very-long-file-name.txt', 30)).toBe('[###-------] 1/3 a-very-long-');
  });
});

describe('the commands', () => {
  const database = withTestDatabase();
  let db: Db;
  let out: string[];
  let err: string[];
  let progress: string[];
  beforeEach(() => {
    db = database();
    out = [];
    err = [];
    progress = [];
  });
  const io = (target: () => Db = () => db): ImportIo => ({
    openDb: target,
    readStdin: async () => '',
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    progress: (done, total, label) => progress.push(`${done}/${total} ${label}`),
  });

  it('imports every text file of a folder as a draft, with a summary and progress', async () => {
    expect(await importCommand([fixtures], io())).toBe(0);
    const names = fs.readdirSync(fixtures).filter((name) => name.endsWith('.txt')).sort();
    expect(progress).toEqual(names.map((name, i) => `${i + 1}/${names.length} ${name}`));
    expect(listNewsroomArticles({ status: 'draft', page: 1 }, db).total).toBe(names.length);
    expect(out).toContain(`${path.join(fixtures, 'sample-seed-article.txt')}: imported as a draft, /politics/zelenskyy-signals-readiness-to-trade-nato-bid-for-security-guarantees-proposes`);
    // Sections this test site does not have go to the first one, with a warning.
    expect(out).toContain('  warning: No section "Business": filed under Politics.');
    expect(out.at(-1)).toMatch(/^Imported 8, skipped 0, \d+ warnings\.$/);
    expect(listAudit({ limit: 20 }, db).filter((e) => e.action === 'imported' && e.entity === 'article')).toHaveLength(names.length);
  });

  it('skips files it cannot read as articles, says why, and exits with 1', async () => {
    const good = path.join(fixtures, 'standard-shape.txt');
    const empty = write('empty.txt', '\n\n');
    const latin1 = write('latin1.txt', Buffer.from('Politics\nCaf\xe9 Closes\nIt closed.', 'latin1'));
    expect(await importCommand([empty, good, latin1], io())).toBe(1);
    expect(out).toEqual([
      `${empty}: skipped: The text is empty.`,
      `${good}: imported as a draft, /politics/port-authority-approves-night-shift-at-container-terminal-to-clear-backlog-of`,
      '  warning: No section "Business": filed under Politics.',
      `${latin1}: skipped: Not UTF-8 text: save the file as UTF-8.`,
      'Imported 1, skipped 2, 1 warning.',
    ]);
  });

  it('prints the usage and opens nothing on bad arguments', async () => {
    let opened = 0;
    expect(await importCommand([], io(() => (opened++, db)))).toBe(1);
    expect(err).toEqual(['Name at least one file or folder.', expect.stringMatching(/^Usage: npm run import/)]);
    expect(opened).toBe(0);
  });

  it('exports to a file and imports that file into an empty site', async () => {
    addTestArticle(db, { slug: 'exported', tagNames: ['Trade'] });
    const file = path.join(dir, 'site.json');
    expect(await exportCommand(['--out', file], io())).toBe(0);
    expect(out).toEqual([`Exported 1 article in 2 sections to ${file}.`]);

    const fresh = createTestDatabase();
    try {
      out = [];
      expect(await importCommand([file], io(() => fresh.db))).toBe(0);
      expect(out).toEqual([expect.stringMatching(/^Imported the site exported at \d{4}-.*: 1 article, 2 sections, 1 tag, 1 author, 0 media records\.$/)]);
      const { exportedAt: _a, ...before } = exportSite(0, db);
      const { exportedAt: _b, ...after } = exportSite(0, fresh.db);
      expect(after).toEqual(before);

      err = [];
      expect(await importCommand([file], io(() => fresh.db))).toBe(1);
      expect(err).toEqual([expect.stringMatching(/^The site already has articles/)]);
    } finally {
      fresh.cleanup();
    }
  });

  it('exports to stdout, with the count on stderr', async () => {
    expect(await exportCommand([], io())).toBe(0);
    expect(JSON.parse(out[0] ?? '')).toMatchObject({ format: 'crbc-news-export', version: 1, articles: [] });
    expect(err).toEqual(['Exported 0 articles in 2 sections.']);
    expect(await exportCommand(['extra'], io())).toBe(1);
    expect(err.at(-1)).toMatch(/^Usage: npm run export/);
  });

  it('refuses a file that is not a usable export, saying what is wrong', async () => {
    const notJson = write('broken.json', '{');
    expect(await importCommand([notJson], io())).toBe(1);
    expect(err[0]).toMatch(/^.*broken\.json: .*JSON/);
    const wrong = write('wrong.json', JSON.stringify({ format: 'crbc-news-export', version: 2 }));
    err = [];
    expect(await importCommand([wrong], io())).toBe(1);
    expect(err[0]).toMatch(/is not a site export this site can load:\n.*version 1 exports only/s);
  });
});
