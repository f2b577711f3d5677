import { randomInt } from 'node:crypto';
import sharp, { type Metadata, type OutputInfo, type SharpOptions } from 'sharp';
import { variantWidths } from './names';
import { findPolyglot, type Polyglot } from './polyglots';

// The naming helpers live in a module without sharp, so that client components can use them too.
export { mediaVariantName, mediaVariantNames, mediaVariantsOf, parseMediaFileName, VARIANT_WIDTHS, variantWidths } from './names';

/**
 * Uploaded images: checked by what the bytes are (never the file name or the browser's MIME type),
 * refused when they carry a second file (lib/media/polyglots.ts), then re-encoded from decoded pixels into
 * WebP at a few widths. Nothing of the uploaded file reaches readers but its pixels: no metadata (EXIF,
 * GPS), no SVG script.
 */

export type UploadFormat = 'jpeg' | 'png' | 'webp' | 'avif' | 'gif';

const FORMAT_LABELS: Record<UploadFormat, string> = { jpeg: 'JPEG', png: 'PNG', webp: 'WebP', avif: 'AVIF', gif: 'GIF' };

// WebP cannot store a side longer than this.
const WEBP_MAX_SIDE = 16383;
const WEBP_QUALITY = 75;

export interface UploadLimits {
  maxBytes: number;
  /** Width × height; checked from the header, before any pixel is decoded. */
  maxPixels: number;
}

export interface ImageVariant {
  width: number;
  height: number;
  file: Buffer;
}

export type UploadResult =
  | { ok: true; variants: ImageVariant[]; original: { width: number; height: number; format: UploadFormat } }
  | { ok: false; error: string };

// To a tenth; a file over the limit is rounded up, so it never reads as equal to the limit.
const megabytes = (bytes: number, round: (n: number) => number = Math.round) => `${round((bytes / 1024 / 1024) * 10) / 10} MB`;

/** What an editor is told; each says what to do next. */
export const uploadErrors = {
  empty: 'The file is empty. Choose the image again.',
  tooLarge: (size: number, max: number) =>
    `The file is ${megabytes(size, Math.ceil)}; the limit is ${megabytes(max)}. Export a smaller version: 1600 pixels across is enough for the site.`,
  svg: 'SVG files are not accepted, because they can carry scripts: export it as PNG and upload that.',
  notAnImage: 'This file is not a JPEG, PNG, WebP, AVIF or GIF image, whatever its name says. Upload an image in one of those formats.',
  damaged: (format: UploadFormat) =>
    `This file starts like a ${FORMAT_LABELS[format]} image but cannot be read as one: it is damaged or not really an image. Export it again and upload the new file.`,
  tooManyPixels: (maxPixels: number) =>
    `The image has too many pixels (more than ${maxPixels / 1_000_000} megapixels). Resize it (1600 pixels across is enough) and upload it again.`,
  tooTall: 'The image is too tall and narrow to show on the site. Crop it, or split it into several images.',
  zipInside: (format: UploadFormat) =>
    `This ${FORMAT_LABELS[format]} file also holds a ZIP archive, as a disguised JAR file does. Export the picture again from an image editor and upload the new file.`,
  codeInside: (marker: string) =>
    `This file carries web page or script code (“${marker}”) along with the picture, which is how images are made to smuggle attacks. Export the picture again from an image editor and upload the new file.`,
  dataAfterImage: (format: UploadFormat) =>
    `This ${FORMAT_LABELS[format]} file has something attached after the end of the picture (another file, or the video of a phone's “motion photo”). Save or export it again as a plain ${FORMAT_LABELS[format]} and upload the new file.`,
} as const;

/** What an editor is told about a file that carries a second one. */
function polyglotError(polyglot: Polyglot, format: UploadFormat): string {
  switch (polyglot.kind) {
    case 'zip':
      return uploadErrors.zipInside(format);
    case 'markup':
      return uploadErrors.codeInside(polyglot.marker);
    case 'trailing-data':
      return uploadErrors.dataAfterImage(format);
    case 'unterminated':
      return uploadErrors.damaged(format);
  }
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const AVIF_BRANDS = new Set(['avif', 'avis']);

/** The format the file's first bytes announce, or null when they announce none we accept. */
export function sniffImageFormat(bytes: Buffer): UploadFormat | null {
  const ascii = (start: number, end: number) => bytes.toString('latin1', start, end);
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return 'png';
  if (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a') return 'gif';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  if (bytes.length >= 16 && ascii(4, 8) === 'ftyp') {
    // An ISO media file (AVIF, HEIC, MP4 ...): AVIF names itself as the major or a compatible brand.
    const boxEnd = Math.min(bytes.readUInt32BE(0), bytes.length, 256);
    for (let at = 8; at + 4 <= boxEnd; at += at === 8 ? 8 : 4) if (AVIF_BRANDS.has(ascii(at, at + 4))) return 'avif';
  }
  return null;
}

/** SVG is text: an SVG element near the start is enough to name it in the refusal. */
function looksLikeSvg(bytes: Buffer): boolean {
  return /<svg[\s>]/i.test(bytes.toString('utf8', 0, 4096));
}

/** The name sharp's decoder gives each format; AVIF is HEIF compressed with AV1 (HEIC, with HEVC, is refused). */
function decodedAs(meta: Metadata, format: UploadFormat): boolean {
  return format === 'avif' ? meta.format === 'heif' && meta.compression === 'av1' : meta.format === format;
}

const isPixelLimitError = (error: unknown) => error instanceof Error && /pixel limit/i.test(error.message);

/** Checks an uploaded file and makes the WebP variants readers get; or says, for the editor, why not. */
export async function processUpload(bytes: Buffer, { maxBytes, maxPixels }: UploadLimits): Promise<UploadResult> {
  const refuse = (error: string): UploadResult => ({ ok: false, error });
  if (bytes.length === 0) return refuse(uploadErrors.empty);
  if (bytes.length > maxBytes) return refuse(uploadErrors.tooLarge(bytes.length, maxBytes));
  // Only bytes that announce an accepted format ever reach a decoder: SVG, PDF and the rest never do.
  const format = sniffImageFormat(bytes);
  if (!format) return refuse(looksLikeSvg(bytes) ? uploadErrors.svg : uploadErrors.notAnImage);

  // `pages: 1`: an animated GIF or WebP gives its first frame. `failOn: 'error'` refuses broken data
  // (a real file with a harmless warning, common in old PNG exports, still goes through).
  const input: SharpOptions = { limitInputPixels: maxPixels, failOn: 'error', pages: 1 };
  let meta: Metadata;
  try {
    // Reads the header only: a decompression bomb is refused here, before any pixel is decoded.
    meta = await sharp(bytes, input).metadata();
  } catch (error) {
    return refuse(isPixelLimitError(error) ? uploadErrors.tooManyPixels(maxPixels) : uploadErrors.damaged(format));
  }
  if (!decodedAs(meta, format)) return refuse(uploadErrors.damaged(format));
  const polyglot = findPolyglot(bytes, format);
  if (polyglot) return refuse(polyglotError(polyglot, format));
  if (meta.width * meta.height > maxPixels) return refuse(uploadErrors.tooManyPixels(maxPixels));

  // Sizes as readers see the picture: EXIF orientation applied (a portrait phone photo stands up).
  const { width, height } = meta.autoOrient;
  const widths = variantWidths(width);
  const largest = widths[widths.length - 1] ?? width;
  if (Math.round((height * largest) / width) > WEBP_MAX_SIDE) return refuse(uploadErrors.tooTall);

  try {
    // Decoded once, at the largest width; the smaller variants are made from that. Going through raw
    // pixels leaves every piece of metadata behind.
    const decoded = await sharp(bytes, input)
      .autoOrient()
      .resize({ width: largest })
      .timeout({ seconds: 30 })
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { ok: true, variants: await encodeVariants(decoded.data, decoded.info, widths), original: { width, height, format } };
  } catch (error) {
    return refuse(isPixelLimitError(error) ? uploadErrors.tooManyPixels(maxPixels) : uploadErrors.damaged(format));
  }
}

/**
 * The WebP files readers get, one per width, from decoded pixels at least as wide as the widest.
 * Uploads and the demo's generated illustrations both go through here, so both have every width.
 */
export async function encodeVariants(
  pixels: Buffer,
  { width, height, channels }: Pick<OutputInfo, 'width' | 'height' | 'channels'>,
  widths: readonly number[],
): Promise<ImageVariant[]> {
  const input = { raw: { width, height, channels } };
  return Promise.all(
    widths.map(async (variantWidth) => {
      const { data, info } = await sharp(pixels, input).resize({ width: variantWidth }).webp({ quality: WEBP_QUALITY }).toBuffer({ resolveWithObject: true });
      return { width: info.width, height: info.height, file: data };
    }),
  );
}

const BASE_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const BASE_LENGTH = 10;

/**
 * A new random base name for an upload's files: 36^10 names, so two uploads never meet, and nothing
 * in a name (a person's name, a date) says more than the picture itself.
 */
export function newMediaBaseName(): string {
  return Array.from({ length: BASE_LENGTH }, () => BASE_ALPHABET[randomInt(BASE_ALPHABET.length)]).join('');
}
