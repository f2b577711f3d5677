/**
 * Which characters a TrueType/OpenType font can draw, read from its character map (`cmap`), so that
 * text can be kept to what the fonts we ship cover (see lib/share-image-fonts.ts).
 */

function tableOffset(font: Buffer, tag: string): number {
  const tables = font.readUInt16BE(4);
  for (let i = 0; i < tables; i++) {
    const record = 12 + 16 * i;
    if (font.toString('latin1', record, record + 4) === tag) return font.readUInt32BE(record + 8);
  }
  throw new Error(`the font has no ${tag} table`);
}

/** Format 12: groups of consecutive characters mapped to consecutive glyphs (any plane). */
function readFormat12(font: Buffer, at: number, into: Set<number>): void {
  const groups = font.readUInt32BE(at + 12);
  for (let g = 0; g < groups; g++) {
    const group = at + 16 + 12 * g;
    const [first, last, glyph] = [font.readUInt32BE(group), font.readUInt32BE(group + 4), font.readUInt32BE(group + 8)];
    // Glyph 0 is the "missing character" box: a character mapped to it is not covered.
    for (let c = glyph === 0 ? first + 1 : first; c <= last; c++) into.add(c);
  }
}

/** Format 4: segments of the Basic Multilingual Plane, each by a delta or through a glyph array. */
function readFormat4(font: Buffer, at: number, into: Set<number>): void {
  const segments = font.readUInt16BE(at + 6) / 2;
  const ends = at + 14;
  const starts = ends + 2 * segments + 2;
  const deltas = starts + 2 * segments;
  const rangeOffsets = deltas + 2 * segments;
  for (let s = 0; s < segments; s++) {
    const [start, end] = [font.readUInt16BE(starts + 2 * s), font.readUInt16BE(ends + 2 * s)];
    const delta = font.readUInt16BE(deltas + 2 * s);
    const rangeOffset = font.readUInt16BE(rangeOffsets + 2 * s);
    for (let c = start; c <= end && c !== 0xffff; c++) {
      const raw = rangeOffset === 0 ? c : font.readUInt16BE(rangeOffsets + 2 * s + rangeOffset + 2 * (c - start));
      if (rangeOffset !== 0 && raw === 0) continue;
      if ((raw + delta) % 0x10000 !== 0) into.add(c);
    }
  }
}

/** The code points `font` has a glyph for. */
export function fontCodePoints(font: Buffer): Set<number> {
  const cmap = tableOffset(font, 'cmap');
  const subtables = Array.from({ length: font.readUInt16BE(cmap + 2) }, (_, i) => {
    const record = cmap + 4 + 8 * i;
    const at = cmap + font.readUInt32BE(record + 4);
    return { platform: font.readUInt16BE(record), encoding: font.readUInt16BE(record + 2), at, format: font.readUInt16BE(at) };
  });
  const covered = new Set<number>();
  // Unicode, full repertoire first (Windows 3/10 or Unicode platform), then the BMP-only map.
  const full = subtables.find((t) => t.format === 12 && (t.platform === 0 || (t.platform === 3 && t.encoding === 10)));
  const bmp = subtables.find((t) => t.format === 4 && (t.platform === 0 || (t.platform === 3 && t.encoding === 1)));
  if (full) readFormat12(font, full.at, covered);
  else if (bmp) readFormat4(font, bmp.at, covered);
  else throw new Error('the font has no Unicode character map');
  return covered;
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * The text without the characters (whole user-perceived characters: an emoji with its modifiers, a
 * letter with its accents) that none of `covered` can draw; spaces stay, and runs of them become one.
 */
export function drawableText(text: string, covered: ReadonlySet<number>): string {
  return Array.from(segmenter.segment(text), ({ segment }) =>
    /^\s+$/.test(segment) ? ' ' : Array.from(segment).every((c) => covered.has(c.codePointAt(0)!)) ? segment : '',
  )
    .join('')
    .replace(/ {2,}/g, ' ')
    .trim();
}
