import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { drawableText, fontCodePoints } from './font-coverage';

const shipped = (file: string) => readFileSync(path.join(import.meta.dirname, '..', '..', 'assets', 'fonts', file));

/** A font file holding nothing but a cmap table with this one subtable (Windows platform, `encoding`). */
function fontWithCmap(encoding: number, subtable: number[]): Buffer {
  const u16 = (n: number) => [n >> 8, n & 0xff];
  const u32 = (n: number) => [...u16(n >>> 16), ...u16(n & 0xffff)];
  const cmap = [...u16(0), ...u16(1), ...u16(3), ...u16(encoding), ...u32(12), ...subtable];
  return Buffer.from([...u32(0x00010000), ...u16(1), ...u16(16), ...u16(0), ...u16(0), ...[0x63, 0x6d, 0x61, 0x70], ...u32(0), ...u32(28), ...u32(cmap.length), ...cmap]);
}

describe('fontCodePoints', () => {
  it('reads the characters the shipped fonts draw, and not the ones they lack', () => {
    const sans = fontCodePoints(shipped('DejaVuSans-Bold.ttf'));
    for (const c of 'Aé€—“ſİ\u0334') expect(sans.has(c.codePointAt(0)!), c).toBe(true);
    for (const c of ['\u{1F642}', '＜', '中', '\u0001']) expect(sans.has(c.codePointAt(0)!), c).toBe(false);
  });

  it('reads a BMP map (format 4), by delta and through the glyph array, leaving out characters mapped to no glyph', () => {
    const u16 = (...ns: number[]) => ns.flatMap((n) => [(n >> 8) & 0xff, n & 0xff]);
    // Segments: A-C by delta (glyphs 1-3), a-b through the glyph array (glyph 0 for a, 7 for b), the final 0xFFFF.
    const segments = 3;
    const format4 = u16(4, 0, 0, segments * 2, 0, 0, 0, ...[0x43, 0x62, 0xffff], 0, ...[0x41, 0x61, 0xffff], ...[0x10000 - 0x40, 0, 1], ...[0, 4, 0], 0, 7);
    expect([...fontCodePoints(fontWithCmap(1, format4))].sort((a, b) => a - b)).toEqual([0x41, 0x42, 0x43, 0x62]);
  });

  it('reads a full map (format 12), beyond the BMP', () => {
    const u32 = (...ns: number[]) => ns.flatMap((n) => [n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff]);
    const format12 = [0, 12, 0, 0, ...u32(0, 0, 2), ...u32(0x20, 0x22, 0), ...u32(0x1f600, 0x1f601, 5)];
    expect([...fontCodePoints(fontWithCmap(10, format12))]).toEqual([0x21, 0x22, 0x1f600, 0x1f601]);
  });

  it('refuses a font without a cmap', () => {
    expect(() => fontCodePoints(Buffer.from([0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]))).toThrow('no cmap table');
  });
});

describe('drawableText', () => {
  const covered = new Set([...'Zalgo eé<script>/ '].map((c) => c.codePointAt(0)!).concat(0x301));
  it('leaves out whole characters the fonts cannot draw and keeps the rest, spaces collapsed', () => {
    expect(drawableText('Zalgo \u{1F642}  <script>', covered)).toBe('Zalgo <script>');
    expect(drawableText('＜script＞ é e\u0301 a\u0334', covered)).toBe('script é e\u0301');
    expect(drawableText('\u{1F642}', covered)).toBe('');
  });
});
