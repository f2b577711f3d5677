import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** The fonts next/og draws with, shipped in assets/fonts (see its README), read once per process. */
let fonts: Promise<{ name: string; data: Buffer; weight: 700; style: 'normal' }[]> | undefined;

export function shareImageFonts() {
  const read = (file: string) => readFile(path.join(/*turbopackIgnore: true*/ process.cwd(), 'assets', 'fonts', file));
  fonts ??= Promise.all([read('DejaVuSerifCondensed-Bold.ttf'), read('DejaVuSans-Bold.ttf')]).then(([serif, sans]) => [
    { name: 'Serif', data: serif, weight: 700, style: 'normal' },
    { name: 'Sans', data: sans, weight: 700, style: 'normal' },
  ]);
  return fonts;
}
