import type { UploadFormat } from './images';

/**
 * Finds a second file inside an uploaded image: a polyglot, which one program reads as a picture and
 * another as something else. Readers never get these bytes (uploads are re-encoded, lib/media/images.ts), but
 * the newsroom refuses such a file rather than launder it: whoever sent it should know what it carries.
 *
 * - Data after the image ends (JPEG EOI, PNG IEND, GIF trailer, the WebP RIFF size, the last AVIF box):
 *   an appended archive, page or script, or the video of a phone's "motion photo". Zero padding is not
 *   data. A JPEG may be followed by further whole JPEGs: cameras store previews so (Multi-Picture Format).
 * - A ZIP archive that a ZIP reader would open (JAR, "GIFAR"): its end record, in the last 64 KB, whose
 *   comment reaches the end of the file. Found even when the archive sits inside the image's metadata.
 * - Markup or code anywhere in the bytes: `<script`, `<html`, `<body`, `<iframe`, `<svg`, `<!doctype html`,
 *   `<?php`. Each is long enough, with the character that must follow it, that compressed pixel data
 *   holds one by chance about once in 40,000 photos of 3 MB (`<svg`, the shortest, matched in lower case
 *   only, as XML spells it); the others less than once in a million.
 */

export type Polyglot =
  | { kind: 'zip' }
  | { kind: 'markup'; marker: string }
  | { kind: 'trailing-data' }
  /** The structure runs past the end of the file: no end of image to check behind. */
  | { kind: 'unterminated' };

// The case of <svg matters (XML's is), the others' does not (HTML's and PHP's does not).
const MARKUP = [/<(?:script|html|body|iframe)[\s>/]/i, /<!doctype\s+html/i, /<\?php\s/i, /<svg[\s>/]/];

const ZIP_END_RECORD = Buffer.from('PK\x05\x06', 'latin1');
const ZIP_END_RECORD_SIZE = 22;
const MAX_ZIP_COMMENT = 0xffff;

/** Whether a ZIP reader, which looks for the archive's end record from the end of the file, finds one. */
function endsAsZip(bytes: Buffer): boolean {
  const earliest = Math.max(0, bytes.length - ZIP_END_RECORD_SIZE - MAX_ZIP_COMMENT);
  for (let at = bytes.lastIndexOf(ZIP_END_RECORD); at >= earliest; at = at > 0 ? bytes.lastIndexOf(ZIP_END_RECORD, at - 1) : -1) {
    if (at + ZIP_END_RECORD_SIZE <= bytes.length && at + ZIP_END_RECORD_SIZE + bytes.readUInt16LE(at + 20) === bytes.length) return true;
  }
  return false;
}

/** The first markup or code marker in the bytes, as it would be written ("<script", "<?php"), or null. */
function findMarkup(bytes: Buffer): string | null {
  const text = bytes.toString('latin1');
  for (const pattern of MARKUP) {
    const match = pattern.exec(text);
    if (match) return match[0].replace(/[\s>/]$/, '').replace(/\s+/, ' ').toLowerCase();
  }
  return null;
}

/** Where a JPEG that starts at `start` ends (after its EOI marker), or null when the file ends first. */
function jpegEnd(bytes: Buffer, start = 0): number | null {
  if (bytes[start] !== 0xff || bytes[start + 1] !== 0xd8) return null;
  let at = start + 2;
  while (at < bytes.length) {
    // A marker is 0xFF (any number of them: fill bytes) and a code; stray bytes before one are skipped, as decoders do.
    while (at < bytes.length && bytes[at] !== 0xff) at++;
    while (at < bytes.length && bytes[at] === 0xff) at++;
    const code = bytes[at++];
    if (code === undefined) return null;
    if (code === 0xd9) return at;
    if (code === 0x01 || (code >= 0xd0 && code <= 0xd7)) continue;
    if (at + 2 > bytes.length) return null;
    at += bytes.readUInt16BE(at);
    if (code !== 0xda) continue;
    // After a start of scan come the compressed pixels, up to the next marker: 0xFF followed by anything
    // but 0x00 (an escaped 0xFF byte) or a restart marker (0xD0-0xD7).
    for (; at + 1 < bytes.length; at++) {
      const next = bytes[at + 1] ?? 0;
      if (bytes[at] === 0xff && next !== 0x00 && (next < 0xd0 || next > 0xd7)) break;
    }
  }
  return null;
}

function pngEnd(bytes: Buffer): number | null {
  let at = 8;
  while (at + 12 <= bytes.length) {
    const next = at + 12 + bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    if (next > bytes.length) return null;
    at = next;
    if (type === 'IEND') return at;
  }
  return null;
}

function gifEnd(bytes: Buffer): number | null {
  const colourTable = (flags: number) => (flags & 0x80 ? 3 * 2 ** ((flags & 0x07) + 1) : 0);
  const skipSubBlocks = (from: number) => {
    let at = from;
    for (let size = bytes[at]; size !== undefined && size !== 0; size = bytes[at]) at += size + 1;
    return at + 1;
  };
  let at = 13 + colourTable(bytes[10] ?? 0);
  while (at < bytes.length) {
    const block = bytes[at];
    if (block === 0x3b) return at + 1;
    if (block === 0x21) at = skipSubBlocks(at + 2);
    else if (block === 0x2c) at = skipSubBlocks(at + 10 + colourTable(bytes[at + 9] ?? 0) + 1);
    else return null;
  }
  return null;
}

function webpEnd(bytes: Buffer): number | null {
  const end = 8 + bytes.readUInt32LE(4);
  return end <= bytes.length ? end : null;
}

/** The end of the last whole ISO media box (AVIF is a sequence of them), however the bytes go on. */
function avifEnd(bytes: Buffer): number {
  let at = 0;
  while (at + 8 <= bytes.length && /^[\x20-\x7e]{4}$/.test(bytes.toString('latin1', at + 4, at + 8))) {
    const size = bytes.readUInt32BE(at);
    const length = size === 0 ? bytes.length - at : size === 1 && at + 16 <= bytes.length ? Number(bytes.readBigUInt64BE(at + 8)) : size;
    if (length < 8 || at + length > bytes.length) break;
    at += length;
  }
  return at;
}

const IMAGE_END: Record<UploadFormat, (bytes: Buffer) => number | null> = { jpeg: jpegEnd, png: pngEnd, gif: gifEnd, webp: webpEnd, avif: avifEnd };

/** Whether `bytes` from `at` hold nothing but zero padding or, after a JPEG, more whole JPEGs. */
function onlyPaddingFrom(bytes: Buffer, at: number, format: UploadFormat): boolean {
  for (let next = at; next < bytes.length; ) {
    if (bytes[next] === 0x00) next++;
    else if (format === 'jpeg' && bytes[next] === 0xff) {
      const end = jpegEnd(bytes, next);
      if (end === null) return false;
      next = end;
    } else return false;
  }
  return true;
}

/** The second file an image of `format` carries, or null when it is only an image. */
export function findPolyglot(bytes: Buffer, format: UploadFormat): Polyglot | null {
  if (endsAsZip(bytes)) return { kind: 'zip' };
  const marker = findMarkup(bytes);
  if (marker) return { kind: 'markup', marker };
  const end = IMAGE_END[format](bytes);
  if (end === null) return { kind: 'unterminated' };
  return onlyPaddingFrom(bytes, end, format) ? null : { kind: 'trailing-data' };
}
