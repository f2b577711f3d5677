import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { removeMediaFiles, writeMediaFiles } from './files';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'media-files-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const folder = () => fs.readdirSync(dir).sort();

it('writes every file under its name, leaving no temporary file', async () => {
  const target = path.join(dir, 'media');
  await writeMediaFiles(
    [
      { fileName: 'abc123defg-480.webp', bytes: Buffer.from('small') },
      { fileName: 'abc123defg-960.webp', bytes: Buffer.from('large') },
    ],
    target,
  );
  expect(fs.readdirSync(target).sort()).toEqual(['abc123defg-480.webp', 'abc123defg-960.webp']);
  expect(fs.readFileSync(path.join(target, 'abc123defg-960.webp'), 'utf8')).toBe('large');
});

it('writes nothing under a name the media route would not serve', async () => {
  for (const fileName of ['../escape.webp', '.hidden.webp', 'UPPER.webp', 'x.svg', 'a/b.webp']) {
    await expect(writeMediaFiles([{ fileName: 'ok-1.webp', bytes: Buffer.from('x') }, { fileName, bytes: Buffer.from('x') }], dir)).rejects.toThrow(
      /Not a media file name/,
    );
  }
  expect(folder()).toEqual([]);
});

it('keeps none of the files when one cannot be written', async () => {
  // A folder where the second file should go: renaming onto it fails.
  fs.mkdirSync(path.join(dir, 'abc123defg-960.webp'));
  await expect(
    writeMediaFiles(
      [
        { fileName: 'abc123defg-480.webp', bytes: Buffer.from('small') },
        { fileName: 'abc123defg-960.webp', bytes: Buffer.from('large') },
      ],
      dir,
    ),
  ).rejects.toThrow();
  expect(folder()).toEqual(['abc123defg-960.webp']);
});

it('removes files, ignoring missing ones and names outside the folder', async () => {
  fs.writeFileSync(path.join(dir, 'abc123defg-480.webp'), 'x');
  fs.writeFileSync(path.join(dir, 'keep.txt'), 'x');
  await removeMediaFiles(['abc123defg-480.webp', 'abc123defg-960.webp', '../keep.txt', 'keep.txt'], dir);
  expect(folder()).toEqual(['keep.txt']);
});
