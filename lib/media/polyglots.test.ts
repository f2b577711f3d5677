import zlib from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { UploadFormat } from './images';
import { findPolyglot } from './polyglots';

const solid = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: '#2a6f97' } });

/** Real images, as sharp writes them: the carriers every polyglot below is built on. */
async function carriers(): Promise<Record<UploadFormat, Buffer>> {
  return {
    jpeg: await solid(64, 48).jpeg().toBuffer(),
    png: await solid(64, 48).png().toBuffer(),
    gif: await solid(64, 48).gif().toBuffer(),
    webp: await solid(64, 48).webp().toBuffer(),
    avif: await solid(64, 48).avif().toBuffer(),
  };
}

const u16 = (n: number) => Buffer.from([n & 0xff, n >> 8]);
const u32 = (n: number) => Buffer.from([n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24]);

/** A ZIP archive holding one stored file, as a JAR is; `trailing` bytes may follow it, covered by its comment. */
function zipOf(name: string, content: string, trailing = 0): Buffer {
  const data = Buffer.from(content);
  const fileName = Buffer.from(name);
  const common = Buffer.concat([u16(20), u16(0), u16(0), u16(0), u16(0), u32(zlib.crc32(data)), u32(data.length), u32(data.length), u16(fileName.length), u16(0)]);
  const local = Buffer.concat([u32(0x04034b50), common, fileName, data]);
  const central = Buffer.concat([u32(0x02014b50), u16(20), common, u16(0), u16(0), u16(0), u32(0), u32(0), fileName]);
  const end = Buffer.concat([u32(0x06054b50), u16(0), u16(0), u16(1), u16(1), u32(central.length), u32(local.length), u16(trailing)]);
  return Buffer.concat([local, central, end]);
}

/** A JPEG segment (marker 0xFF `code`) holding `data`, put right after the image's start marker. */
function withJpegSegment(jpeg: Buffer, code: number, data: Buffer): Buffer {
  const length = Buffer.alloc(2);
  length.writeUInt16BE(data.length + 2);
  return Buffer.concat([jpeg.subarray(0, 2), Buffer.from([0xff, code]), length, data, jpeg.subarray(2)]);
}

/** A PNG text chunk (`tEXt`, keyword and text) put right after the header chunk. */
function withPngText(png: Buffer, keyword: string, text: string): Buffer {
  const body = Buffer.concat([Buffer.from('tEXt'), Buffer.from(`${keyword}\0${text}`, 'latin1')]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length - 4);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  const afterHeader = 8 + 25;
  return Buffer.concat([png.subarray(0, afterHeader), length, body, crc, png.subarray(afterHeader)]);
}

const JAR = () => zipOf('META-INF/MANIFEST.MF', 'Manifest-Version: 1.0\nMain-Class: Exploit\n');

describe('findPolyglot', () => {
  it('finds nothing in images as encoders write them, zero padding included', async () => {
    for (const [format, image] of Object.entries(await carriers()) as [UploadFormat, Buffer][]) {
      expect(findPolyglot(image, format), format).toBeNull();
      expect(findPolyglot(Buffer.concat([image, Buffer.alloc(100)]), format), `${format} + padding`).toBeNull();
    }
  });

  it('finds nothing in a progressive JPEG, one with an EXIF thumbnail, or one followed by its preview (Multi-Picture Format)', async () => {
    const progressive = await solid(800, 600).jpeg({ progressive: true }).toBuffer();
    const preview = await solid(160, 120).jpeg().toBuffer();
    const withThumbnail = withJpegSegment(await solid(400, 300).jpeg().toBuffer(), 0xe1, Buffer.concat([Buffer.from('Exif\0\0'), preview]));
    for (const image of [progressive, withThumbnail, Buffer.concat([progressive, preview])]) expect(findPolyglot(image, 'jpeg')).toBeNull();
  });

  it('finds data after the end of the image in every format', async () => {
    const tail = Buffer.from('#!/bin/sh\necho appended\n');
    for (const [format, image] of Object.entries(await carriers()) as [UploadFormat, Buffer][]) {
      expect(findPolyglot(Buffer.concat([image, tail]), format), format).toEqual({ kind: 'trailing-data' });
    }
    // A phone's motion photo: the picture, then an MP4 video.
    const { jpeg } = await carriers();
    const video = Buffer.concat([u32(0x18000000), Buffer.from('ftypmp42\0\0\0\0mp42isom'), Buffer.alloc(64, 7)]);
    expect(findPolyglot(Buffer.concat([jpeg, video]), 'jpeg')).toEqual({ kind: 'trailing-data' });
  });

  it('finds a ZIP archive appended to a JPEG or a GIF (a GIFAR), and one hidden inside a JPEG comment', async () => {
    const { jpeg, gif } = await carriers();
    expect(findPolyglot(Buffer.concat([jpeg, JAR()]), 'jpeg')).toEqual({ kind: 'zip' });
    expect(findPolyglot(Buffer.concat([gif, JAR()]), 'gif')).toEqual({ kind: 'zip' });
    // Inside the image, the archive's comment runs over the rest of the JPEG, so a ZIP reader still opens it.
    const restOfJpeg = jpeg.length - 2;
    const hidden = withJpegSegment(jpeg, 0xfe, zipOf('a.txt', 'hidden', restOfJpeg));
    expect(hidden.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
    expect(findPolyglot(hidden, 'jpeg')).toEqual({ kind: 'zip' });
    // The same archive whose comment does not reach the end is no archive a reader would open.
    expect(findPolyglot(withJpegSegment(jpeg, 0xfe, zipOf('a.txt', 'hidden', restOfJpeg + 1)), 'jpeg')).toBeNull();
  });

  it('finds markup and code anywhere: appended, in a JPEG comment, in a PNG text chunk', async () => {
    const { jpeg, png, webp } = await carriers();
    expect(findPolyglot(Buffer.concat([png, Buffer.from('<?php system($_GET["c"]); ?>')]), 'png')).toEqual({ kind: 'markup', marker: '<?php' });
    expect(findPolyglot(withJpegSegment(jpeg, 0xfe, Buffer.from('*/=1;<SCRIPT src=//evil.example/x.js></script>')), 'jpeg')).toEqual({ kind: 'markup', marker: '<script' });
    expect(findPolyglot(withPngText(png, 'Comment', '<svg onload=alert(1)>'), 'png')).toEqual({ kind: 'markup', marker: '<svg' });
    expect(findPolyglot(Buffer.concat([webp, Buffer.from('<!DOCTYPE  html><p>hi')]), 'webp')).toEqual({ kind: 'markup', marker: '<!doctype html' });
    expect(findPolyglot(withPngText(png, 'Comment', 'see <html>'), 'png')).toEqual({ kind: 'markup', marker: '<html' });
  });

  it('takes no ordinary text for markup: an upper-case <SVG (no SVG element) or a word starting like a tag', async () => {
    const { png } = await carriers();
    for (const text of ['Drawn in <SVG> by hand', '<htmlish>', '<scripted>', 'a <bodyguard>']) expect(findPolyglot(withPngText(png, 'Comment', text), 'png'), text).toBeNull();
  });

  it('says when the image never ends, for a JPEG without its end marker', async () => {
    const { jpeg } = await carriers();
    expect(findPolyglot(jpeg.subarray(0, -2), 'jpeg')).toEqual({ kind: 'unterminated' });
  });
});
