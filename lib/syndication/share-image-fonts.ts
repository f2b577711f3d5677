import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { drawableText, fontCodePoints } from './font-coverage';

type ShareImageFont = { name: string; data: Buffer; weight: 700; style: 'normal' };

/** The fonts next/og draws with, shipped in assets/fonts (see its README), and what they can draw; read once per process. */
let loaded: Promise<{ fonts: ShareImageFont[]; covered: Set<number> }> | undefined;

function load() {
  const read = (file: string) => readFile(path.join(/*turbopackIgnore: true*/ process.cwd(), 'assets', 'fonts', file));
  loaded ??= Promise.all([read('DejaVuSerifCondensed-Bold.ttf'), read('DejaVuSans-Bold.ttf')]).then(([serif, sans]) => ({
    fonts: [
      { name: 'Serif', data: serif, weight: 700, style: 'normal' },
      { name: 'Sans', data: sans, weight: 700, style: 'normal' },
    ],
    covered: new Set([...fontCodePoints(serif), ...fontCodePoints(sans)]),
  }));
  return loaded;
}

/**
 * The fonts, and `drawable` to keep a text to the characters they can draw. Any other character (an
 * emoji, a script the fonts lack) would make next/og fetch a font or picture from the web while drawing,
 * and a fetch that fails (no network, a blocked host) fails the whole image: such characters are left out.
 */
export async function shareImageDrawing(): Promise<{ fonts: ShareImageFont[]; drawable: (text: string) => string }> {
  const { fonts, covered } = await load();
  return { fonts, drawable: (text) => drawableText(text, covered) };
}
