import sharp from 'sharp';
import { encodeVariants, type ImageVariant } from '@/lib/media/images';
import { variantWidths } from '@/lib/media/names';

/** A small deterministic pseudo-random sequence, so a seed gives the same pictures every time. */
export function seededRandom(seedText: string): () => number {
  let state = 0;
  for (const char of seedText) state = (Math.imul(state ^ char.charCodeAt(0), 2654435761) >>> 0) + 1;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * An abstract illustration (overlapping translucent shapes in one hue family) for demo articles
 * that have no photograph, as the WebP files an upload this size would get (every width, narrowest first).
 */
export async function renderIllustration(
  seedText: string,
  hue: number,
  width: number,
  height: number,
): Promise<ImageVariant[]> {
  const random = seededRandom(seedText);
  const shapes: string[] = [];
  for (let i = 0; i < 9; i++) {
    const h = (hue + Math.round(random() * 60) - 30 + 360) % 360;
    const fill = `hsl(${h} ${40 + Math.round(random() * 40)}% ${30 + Math.round(random() * 45)}%)`;
    const x = Math.round(random() * width);
    const y = Math.round(random() * height);
    const r = Math.round((0.15 + random() * 0.35) * Math.min(width, height));
    shapes.push(
      random() < 0.5
        ? `<circle cx="${x}" cy="${y}" r="${r}" fill="${fill}" fill-opacity="0.75"/>`
        : `<rect x="${x - r}" y="${y - r / 2}" width="${r * 2}" height="${r}" fill="${fill}" fill-opacity="0.7" transform="rotate(${Math.round(random() * 90 - 45)} ${x} ${y})"/>`,
    );
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <rect width="100%" height="100%" fill="hsl(${hue} 35% 18%)"/>${shapes.join('')}</svg>`;
  const { data, info } = await sharp(Buffer.from(svg)).raw().toBuffer({ resolveWithObject: true });
  return encodeVariants(data, info, variantWidths(width));
}
