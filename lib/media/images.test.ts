import zlib from 'node:zlib';
import sharp from 'sharp';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mediaUploadLimits } from '../config';
import {
  mediaVariantName,
  mediaVariantNames,
  mediaVariantsOf,
  newMediaBaseName,
  parseMediaFileName,
  processUpload,
  sniffImageFormat,
  uploadErrors,
  variantWidths,
  type UploadResult,
} from './images';

const LIMITS = { maxBytes: 10 * 1024 * 1024, maxPixels: 40_000_000 };
// The file names app/media/[file]/route.ts serves.
const SERVED_NAME = /^[a-z0-9][a-z0-9-]{0,120}\.(webp|jpg|png|avif)$/;

const solid = (width: number, height: number, background = '#c33') =>
  sharp({ create: { width, height, channels: 3, background } });

/** A landscape photo stored sideways, as phones do: EXIF orientation 6 says "turn 90° clockwise to show". */
async function sidewaysPhoto(): Promise<Buffer> {
  // Red on the left, blue on the right; shown upright, red is on top.
  const stored = await solid(300, 200, '#ff0000')
    .composite([{ input: await solid(150, 200, '#0000ff').png().toBuffer(), left: 150, top: 0 }])
    .png()
    .toBuffer();
  return sharp(stored)
    .jpeg({ quality: 90 })
    .withMetadata({ orientation: 6 })
    .withExifMerge({ IFD0: { Copyright: 'Secret Photographer' }, IFD3: { GPSMapDatum: 'WGS-84', GPSLatitudeRef: 'N' } })
    .toBuffer();
}

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A well-formed PNG header claiming `width` × `height` RGB pixels, followed by `idat` as the image data. */
function craftedPng(width: number, height: number, idat: Buffer): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  return Buffer.concat([PNG_SIGNATURE, pngChunk('IHDR', ihdr), pngChunk('IDAT', idat), pngChunk('IEND', Buffer.alloc(0))]);
}

function accepted(result: UploadResult) {
  if (!result.ok) throw new Error(`Refused: ${result.error}`);
  return result;
}

async function expectWebpWithoutMetadata(file: Buffer, width: number) {
  expect(sniffImageFormat(file)).toBe('webp');
  const meta = await sharp(file).metadata();
  expect(meta.format).toBe('webp');
  expect(meta.width).toBe(width);
  expect(meta.exif).toBeUndefined();
  expect(meta.xmp).toBeUndefined();
  expect(meta.icc).toBeUndefined();
  expect(meta.orientation).toBeUndefined();
}

describe('processUpload: real images', () => {
  it('turns a sideways phone photo upright and drops its EXIF, GPS included', async () => {
    const photo = await sidewaysPhoto();
    const input = await sharp(photo).metadata();
    expect(input.orientation).toBe(6);
    expect(input.exif?.toString('latin1')).toContain('WGS-84');

    const result = accepted(await processUpload(photo, LIMITS));
    expect(result.original).toEqual({ width: 200, height: 300, format: 'jpeg' });
    expect(result.variants.map((v) => [v.width, v.height])).toEqual([[200, 300]]);
    const [only] = result.variants;
    if (!only) throw new Error('no variant');
    await expectWebpWithoutMetadata(only.file, 200);
    expect(only.file.toString('latin1')).not.toMatch(/WGS-84|Secret Photographer/);
    // Upright: the red half (the stored left) is on top now.
    const { data, info } = await sharp(only.file).raw().toBuffer({ resolveWithObject: true });
    const pixel = (x: number, y: number) => [...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3)];
    const [topR = 0, , topB = 0] = pixel(100, 20);
    const [bottomR = 0, , bottomB = 0] = pixel(100, 280);
    expect(topR).toBeGreaterThan(200);
    expect(topB).toBeLessThan(60);
    expect(bottomB).toBeGreaterThan(200);
    expect(bottomR).toBeLessThan(60);
  });

  it('writes 480, 960 and 1600 wide WebP variants of a large image, keeping its proportions', async () => {
    const result = accepted(await processUpload(await solid(2400, 1600).jpeg().toBuffer(), LIMITS));
    expect(result.original).toEqual({ width: 2400, height: 1600, format: 'jpeg' });
    expect(result.variants.map((v) => [v.width, v.height])).toEqual([
      [480, 320],
      [960, 640],
      [1600, 1067],
    ]);
    for (const variant of result.variants) await expectWebpWithoutMetadata(variant.file, variant.width);
  });

  it('never makes a variant wider than the image: a 1200 pixel PNG gets 480, 960 and its own width', async () => {
    const result = accepted(await processUpload(await solid(1200, 800).png().toBuffer(), LIMITS));
    expect(result.original.format).toBe('png');
    expect(result.variants.map((v) => v.width)).toEqual([480, 960, 1200]);
  });

  it('keeps a small image at its own size', async () => {
    const result = accepted(await processUpload(await solid(300, 100).png().toBuffer(), LIMITS));
    expect(result.variants.map((v) => [v.width, v.height])).toEqual([[300, 100]]);
  });

  it('takes the first frame of an animated GIF', async () => {
    const frames = await Promise.all(['#f00', '#00f'].map((c) => solid(20, 10, c).png().toBuffer()));
    const gif = await sharp(frames, { join: { animated: true } }).gif().toBuffer();
    expect((await sharp(gif).metadata()).pages).toBe(2);
    const result = accepted(await processUpload(gif, LIMITS));
    expect(result.original).toEqual({ width: 20, height: 10, format: 'gif' });
    const [only] = result.variants;
    if (!only) throw new Error('no variant');
    const meta = await sharp(only.file).metadata();
    expect([meta.width, meta.height, meta.pages ?? 1]).toEqual([20, 10, 1]);
  });

  it('accepts WebP and AVIF', async () => {
    for (const [bytes, format] of [
      [await solid(64, 48).webp().toBuffer(), 'webp'],
      [await solid(64, 48).avif().toBuffer(), 'avif'],
    ] as const) {
      expect(accepted(await processUpload(bytes, LIMITS)).original).toEqual({ width: 64, height: 48, format });
    }
  });

  it('converts a 16-bit PNG with transparency and a CMYK JPEG to ordinary 8-bit colour', async () => {
    const png16 = await sharp({ create: { width: 600, height: 400, channels: 4, background: { r: 255, g: 0, b: 0, alpha: 0.5 } } })
      .toColourspace('rgb16')
      .png()
      .toBuffer();
    const cmyk = await solid(600, 400, '#ff0000').toColourspace('cmyk').jpeg().toBuffer();
    for (const [bytes, expected] of [
      [png16, [255, 0, 0, 128]],
      [cmyk, [255, 0, 0]],
    ] as const) {
      const [first] = accepted(await processUpload(bytes, LIMITS)).variants;
      if (!first) throw new Error('no variant');
      const { data, info } = await sharp(first.file).raw().toBuffer({ resolveWithObject: true });
      expect(info.channels).toBe(expected.length);
      [...data.subarray(0, expected.length)].forEach((value, i) => expect(Math.abs(value - (expected[i] ?? 0))).toBeLessThan(30));
    }
  });
});

describe('processUpload: refusals', () => {
  const refusal = async (bytes: Buffer, limits = LIMITS) => {
    const result = await processUpload(bytes, limits);
    expect(result.ok).toBe(false);
    return result.ok ? '' : result.error;
  };

  it('refuses SVG, saying to export it as PNG, whatever its first bytes', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script><rect width="10" height="10"/></svg>';
    expect(await refusal(Buffer.from(svg))).toBe(uploadErrors.svg);
    expect(await refusal(Buffer.from(`\uFEFF<?xml version="1.0"?>\n<!-- drawn by hand -->\n${svg}`))).toBe(uploadErrors.svg);
    expect(uploadErrors.svg).toMatch(/export it as PNG/i);
  });

  it('refuses a text file named .jpg, and other files that are not images', async () => {
    expect(await refusal(Buffer.from('Quarterly figures\nRevenue: 12\n'))).toBe(uploadErrors.notAnImage);
    expect(await refusal(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n'))).toBe(uploadErrors.notAnImage);
    const mp4 = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypmp42\0\0\0\0mp42isom')]);
    expect(await refusal(mp4)).toBe(uploadErrors.notAnImage);
  });

  it('refuses polyglots: an image signature in front of something else', async () => {
    const html = Buffer.from('<html><body><script>alert(document.cookie)</script></body></html>');
    expect(await refusal(Buffer.concat([PNG_SIGNATURE, html]))).toBe(uploadErrors.damaged('png'));
    // A valid PNG header whose image data is HTML: refused for the HTML before any pixel is decoded.
    expect(await refusal(craftedPng(16, 16, html))).toBe(uploadErrors.codeInside('<html'));
    expect(await refusal(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), html]))).toBe(uploadErrors.damaged('jpeg'));
    expect(await refusal(Buffer.concat([Buffer.from('RIFF\x40\0\0\0WEBPVP8 ', 'latin1'), html]))).toBe(uploadErrors.damaged('webp'));
    expect(await refusal(Buffer.concat([Buffer.from('GIF89a'), html]))).toBe(uploadErrors.damaged('gif'));
  });

  it('refuses a real image that carries a second file, saying what it carries (lib/polyglots.test.ts has every kind)', async () => {
    const png = await solid(40, 30).png().toBuffer();
    const jpeg = await solid(40, 30).jpeg().toBuffer();
    expect(await refusal(Buffer.concat([png, Buffer.from('<html><script>alert(1)</script></html>')]))).toBe(uploadErrors.codeInside('<html'));
    expect(await refusal(Buffer.concat([jpeg, Buffer.from('PK\x03\x04 not a whole archive, but not a picture either', 'latin1')]))).toBe(uploadErrors.dataAfterImage('jpeg'));
    const zipEnd = Buffer.concat([Buffer.from('PK\x05\x06', 'latin1'), Buffer.alloc(18)]);
    expect(await refusal(Buffer.concat([jpeg, zipEnd]))).toBe(uploadErrors.zipInside('jpeg'));
    expect(await refusal(jpeg.subarray(0, -2))).toBe(uploadErrors.damaged('jpeg'));
    expect(uploadErrors.codeInside('<html')).toBe(
      'This file carries web page or script code (“<html”) along with the picture, which is how images are made to smuggle attacks. Export the picture again from an image editor and upload the new file.',
    );
    expect(uploadErrors.dataAfterImage('jpeg')).toMatch(/attached after the end of the picture .* plain JPEG/);
  });

  it('refuses a truncated image', async () => {
    const jpeg = await solid(400, 300).jpeg().toBuffer();
    expect(await refusal(jpeg.subarray(0, Math.floor(jpeg.length / 2)))).toBe(uploadErrors.damaged('jpeg'));
  });

  it('refuses a decompression bomb (50000 × 50000 pixels) from its header, before decoding it', async () => {
    const bomb = craftedPng(50_000, 50_000, zlib.deflateSync(Buffer.alloc(50_000 * 3 + 1)));
    expect(bomb.length).toBeLessThan(1000);
    // Decoding it would need 7.5 GB: the refusal naming the pixel count comes from the header check.
    expect(await refusal(bomb)).toBe(uploadErrors.tooManyPixels(40_000_000));
    // The limit is the caller's: a real image over a lower one is refused the same way.
    expect(await refusal(await solid(200, 200).png().toBuffer(), { ...LIMITS, maxPixels: 39_999 })).toBe(uploadErrors.tooManyPixels(39_999));
  });

  it('refuses a file over the size limit, before looking inside it', async () => {
    const oversize = Buffer.alloc(LIMITS.maxBytes + 1);
    PNG_SIGNATURE.copy(oversize);
    expect(await refusal(oversize)).toBe(uploadErrors.tooLarge(LIMITS.maxBytes + 1, LIMITS.maxBytes));
    expect(uploadErrors.tooLarge(LIMITS.maxBytes + 1, LIMITS.maxBytes)).toBe(
      'The file is 10.1 MB; the limit is 10 MB. Export a smaller version: 1600 pixels across is enough for the site.',
    );
    const png = await solid(100, 100).png().toBuffer();
    expect(await refusal(png, { ...LIMITS, maxBytes: png.length - 1 })).toMatch(/^The file is .* the limit is/);
  });

  it('refuses an empty file and an image too tall to show', async () => {
    expect(await refusal(Buffer.alloc(0))).toBe(uploadErrors.empty);
    expect(await refusal(await solid(100, 20_000).png().toBuffer())).toBe(uploadErrors.tooTall);
  });
});

describe('sniffImageFormat', () => {
  it('knows each accepted format by its first bytes, and nothing else', async () => {
    expect(sniffImageFormat(await solid(8, 8).jpeg().toBuffer())).toBe('jpeg');
    expect(sniffImageFormat(await solid(8, 8).png().toBuffer())).toBe('png');
    expect(sniffImageFormat(await solid(8, 8).gif().toBuffer())).toBe('gif');
    expect(sniffImageFormat(await solid(8, 8).webp().toBuffer())).toBe('webp');
    expect(sniffImageFormat(await solid(8, 8).avif().toBuffer())).toBe('avif');
    expect(sniffImageFormat(await solid(8, 8).tiff().toBuffer())).toBeNull();
    expect(sniffImageFormat(Buffer.from('<svg/>'))).toBeNull();
    expect(sniffImageFormat(Buffer.alloc(3))).toBeNull();
  });
});

describe('media file names', () => {
  it('makes random, lowercase, URL-safe base names that the media route serves', () => {
    const names = new Set(Array.from({ length: 200 }, newMediaBaseName));
    expect(names.size).toBe(200);
    for (const base of names) {
      expect(base).toMatch(/^[a-z0-9]{10}$/);
      expect(mediaVariantName(base, 960)).toMatch(SERVED_NAME);
    }
  });

  it('plans widths no wider than the image', () => {
    expect(variantWidths(4000)).toEqual([480, 960, 1600]);
    expect(variantWidths(1600)).toEqual([480, 960, 1600]);
    expect(variantWidths(1200)).toEqual([480, 960, 1200]);
    expect(variantWidths(960)).toEqual([480, 960]);
    expect(variantWidths(300)).toEqual([300]);
  });

  it('finds every variant from the base name, or from the stored (widest) file name', () => {
    expect(mediaVariantNames('abc123defg')).toEqual([
      { width: 480, fileName: 'abc123defg-480.webp' },
      { width: 960, fileName: 'abc123defg-960.webp' },
      { width: 1600, fileName: 'abc123defg-1600.webp' },
    ]);
    expect(mediaVariantNames('abc123defg', 700).map((v) => v.fileName)).toEqual(['abc123defg-480.webp', 'abc123defg-700.webp']);
    expect(parseMediaFileName('abc123defg-1600.webp')).toEqual({ base: 'abc123defg', width: 1600 });
    expect(parseMediaFileName('demo-story-slug.webp')).toBeNull();
    expect(mediaVariantsOf({ fileName: 'abc123defg-1600.webp', width: 1600, height: 1067 })).toEqual([
      { fileName: 'abc123defg-480.webp', width: 480, height: 320 },
      { fileName: 'abc123defg-960.webp', width: 960, height: 640 },
      { fileName: 'abc123defg-1600.webp', width: 1600, height: 1067 },
    ]);
    // Demo illustrations seeded before they were named like uploads are single files.
    expect(mediaVariantsOf({ fileName: 'demo-story.webp', width: 1200, height: 675 })).toEqual([
      { fileName: 'demo-story.webp', width: 1200, height: 675 },
    ]);
  });

  it('names files exactly as processUpload sizes them', async () => {
    const result = accepted(await processUpload(await solid(1300, 500).png().toBuffer(), LIMITS));
    expect(result.variants.map((v) => v.width)).toEqual(mediaVariantNames('x', 1300).map((v) => v.width));
  });
});

describe('upload limits', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('are 10 MB and 40 megapixels unless MEDIA_MAX_BYTES says otherwise', () => {
    vi.stubEnv('MEDIA_MAX_BYTES', '');
    expect(mediaUploadLimits()).toEqual({ maxBytes: 10 * 1024 * 1024, maxPixels: 40_000_000 });
    vi.stubEnv('MEDIA_MAX_BYTES', '5000000');
    expect(mediaUploadLimits().maxBytes).toBe(5_000_000);
    for (const nonsense of ['-1', '0', '5MB', '1e9']) {
      vi.stubEnv('MEDIA_MAX_BYTES', nonsense);
      expect(mediaUploadLimits().maxBytes).toBe(10 * 1024 * 1024);
    }
  });
});
