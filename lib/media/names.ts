/**
 * How an upload's files are named and found: `<base>-<width>.webp`, one file a width. Pure (no sharp,
 * no file system), so pages and components, client ones included, can build image URLs from a media row.
 */

/** The widths written for each upload: those narrower than the image, and the image's own up to the widest. */
export const VARIANT_WIDTHS = [480, 960, 1600] as const;
const WIDEST = 1600;

/** The widths to write for an image this wide (after rotation): never wider than the image itself. */
export function variantWidths(imageWidth: number): number[] {
  const largest = Math.min(imageWidth, WIDEST);
  return [...VARIANT_WIDTHS.filter((w) => w < largest), largest];
}

/** The file of one variant, which app/media/[file] serves. */
export const mediaVariantName = (base: string, width: number) => `${base}-${width}.webp`;

/**
 * Every variant file of an upload, narrowest first. The media row stores the widest one's name and
 * width; pass that width (an image at least 1600 pixels wide has all three standard widths).
 */
export function mediaVariantNames(base: string, largestWidth: number = WIDEST): { width: number; fileName: string }[] {
  return variantWidths(largestWidth).map((width) => ({ width, fileName: mediaVariantName(base, width) }));
}

const VARIANT_FILE = /^([a-z0-9]+)-([1-9][0-9]{0,4})\.webp$/;

/** The base name and width in a variant's file name, or null for a file named otherwise (a demo illustration seeded before they had widths). */
export function parseMediaFileName(fileName: string): { base: string; width: number } | null {
  const match = VARIANT_FILE.exec(fileName);
  return match?.[1] && match[2] ? { base: match[1], width: Number(match[2]) } : null;
}

export interface MediaFile {
  fileName: string;
  width: number;
  height: number;
}

/**
 * The files a media row can be shown from, narrowest first, with their sizes (for `srcset`). A file
 * not named like an upload's variant (an older demo's illustration) is its own only variant.
 */
export function mediaVariantsOf(media: MediaFile): MediaFile[] {
  const parsed = parseMediaFileName(media.fileName);
  if (!parsed || parsed.width !== media.width) return [{ fileName: media.fileName, width: media.width, height: media.height }];
  return mediaVariantNames(parsed.base, parsed.width).map(({ width, fileName }) => ({
    fileName,
    width,
    height: Math.max(1, Math.round((media.height * width) / media.width)),
  }));
}
