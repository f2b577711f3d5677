import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { mediaDir } from '../config';

// Only names app/media/[file] could serve: nothing else (no path, no dot file) is ever written.
const SAFE_NAME = /^[a-z0-9][a-z0-9-]{0,120}\.webp$/;

/**
 * Writes new files into the media folder, each under a temporary dot-name first (which the media
 * route never serves) and then renamed into place: a reader never gets half a file, and a crash
 * leaves only a stray temporary file. Either every file is written or, on an error, none is kept.
 */
export async function writeMediaFiles(files: readonly { fileName: string; bytes: Buffer }[], dir: string = mediaDir()): Promise<void> {
  for (const { fileName } of files) if (!SAFE_NAME.test(fileName)) throw new Error(`Not a media file name: ${fileName}`);
  await fs.mkdir(dir, { recursive: true });
  const written: string[] = [];
  try {
    for (const { fileName, bytes } of files) {
      const temporary = path.join(dir, `.${fileName}.${randomBytes(6).toString('hex')}.tmp`);
      try {
        const handle = await fs.open(temporary, 'wx');
        try {
          await handle.writeFile(bytes);
          // On disk before the database row that names it is committed, also after a power cut.
          await handle.sync();
        } finally {
          await handle.close();
        }
        await fs.rename(temporary, path.join(dir, fileName));
        written.push(fileName);
      } finally {
        await fs.rm(temporary, { force: true });
      }
    }
  } catch (error) {
    await removeMediaFiles(written, dir);
    throw error;
  }
}

/** Removes media files (those that are missing are ignored). */
export async function removeMediaFiles(fileNames: readonly string[], dir: string = mediaDir()): Promise<void> {
  await Promise.all(
    fileNames.filter((name) => SAFE_NAME.test(name)).map((name) => fs.rm(path.join(dir, name), { force: true })),
  );
}
