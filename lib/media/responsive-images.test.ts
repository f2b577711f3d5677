import { describe, expect, it } from 'vitest';
import { coverSizes, fallbackSrc, imageRefOf, imageSizes, NARROW_SCREEN, narrowScreenSrcset, srcsetOf } from './responsive-images';

const text = { alt: 'A hall', caption: 'The hall at night', credit: 'CRBC' };

describe('imageRefOf', () => {
  it('lists every width of an upload, narrowest first, and keeps the widest as the image and its size', () => {
    const image = imageRefOf({ fileName: 'abc123defg-1600.webp', width: 1600, height: 900, ...text });
    expect(image).toEqual({
      src: '/media/abc123defg-1600.webp',
      width: 1600,
      height: 900,
      variants: [
        { src: '/media/abc123defg-480.webp', width: 480 },
        { src: '/media/abc123defg-960.webp', width: 960 },
        { src: '/media/abc123defg-1600.webp', width: 1600 },
      ],
      ...text,
    });
    expect(srcsetOf(image)).toBe('/media/abc123defg-480.webp 480w, /media/abc123defg-960.webp 960w, /media/abc123defg-1600.webp 1600w');
    expect(fallbackSrc(image)).toBe('/media/abc123defg-960.webp');
  });

  it('falls back to the widest file when none is 960 wide, and serves a single file as its own only width', () => {
    const narrow = imageRefOf({ fileName: 'abc123defg-700.webp', width: 700, height: 400, ...text });
    expect(srcsetOf(narrow)).toBe('/media/abc123defg-480.webp 480w, /media/abc123defg-700.webp 700w');
    expect(fallbackSrc(narrow)).toBe('/media/abc123defg-700.webp');

    const single = imageRefOf({ fileName: 'old-demo-story.webp', width: 1200, height: 675, ...text });
    expect(srcsetOf(single)).toBe('/media/old-demo-story.webp 1200w');
    expect(fallbackSrc(single)).toBe('/media/old-demo-story.webp');
  });
});

describe('narrowScreenSrcset', () => {
  const image = (fileName: string, width: number) => imageRefOf({ fileName, width, height: 500, ...text });

  it('leaves the files wider than 960 out, and says so only when there are any', () => {
    expect(narrowScreenSrcset(image('abc123defg-1600.webp', 1600))).toBe('/media/abc123defg-480.webp 480w, /media/abc123defg-960.webp 960w');
    expect(narrowScreenSrcset(image('abc123defg-1200.webp', 1200))).toBe('/media/abc123defg-480.webp 480w, /media/abc123defg-960.webp 960w');
    expect(narrowScreenSrcset(image('abc123defg-960.webp', 960))).toBeNull();
    expect(narrowScreenSrcset(image('abc123defg-700.webp', 700))).toBeNull();
    expect(narrowScreenSrcset(image('old-demo-story.webp', 1200))).toBeNull();
  });
});

describe('coverSizes', () => {
  it('asks for a landscape picture as wide as it is shown before the sides are cropped', () => {
    expect(coverSizes({ width: 1600, height: 900 }, 6)).toBe('10.7rem');
    expect(coverSizes({ width: 1000, height: 1000 }, 6)).toBe('6rem');
    expect(coverSizes({ width: 600, height: 800 }, 6)).toBe('6rem');
    expect(coverSizes({ width: 0, height: 0 }, 6)).toBe('6rem');
  });
});

/**
 * The width in CSS pixels a `sizes` value gives at a viewport width, as a browser works it out (the
 * first entry whose condition matches), for the forms lib/media/responsive-images.ts writes.
 */
function slotWidth(sizes: string, viewport: number): number {
  const rem = 16;
  const length = (value: string): number => {
    const calc = /^calc\(([\d.]+)vw - ([\d.]+)rem\)$/.exec(value);
    if (calc) return (Number(calc[1]) * viewport) / 100 - Number(calc[2]) * rem;
    const fixed = /^([\d.]+)rem$/.exec(value);
    if (fixed) return Number(fixed[1]) * rem;
    throw new Error(`unexpected length ${value}`);
  };
  for (const entry of sizes.split(', ')) {
    const conditional = /^\(min-width: ([\d.]+)rem\) (.+)$/.exec(entry);
    if (!conditional) return length(entry);
    if (viewport >= Number(conditional[1]) * rem) return length(conditional[2] ?? '');
  }
  throw new Error(`no width for ${viewport} in ${sizes}`);
}

describe('imageSizes', () => {
  const all = Object.entries(imageSizes);

  it('lists wider viewports first and ends with the phone width, so the first match is the right one', () => {
    for (const [place, sizes] of all) {
      const entries = sizes.split(', ');
      const minWidths = entries.slice(0, -1).map((entry) => Number(/^\(min-width: ([\d.]+)rem\) /.exec(entry)?.[1]));
      expect(minWidths.every((width, i) => width > 0 && (i === 0 || width < (minWidths[i - 1] ?? 0))), place).toBe(true);
      expect(entries.at(-1), place).not.toMatch(/^\(/);
    }
  });

  it('never asks for more than the page width, or for nothing', () => {
    for (const [place, sizes] of all) {
      for (let viewport = 320; viewport <= 2560; viewport += 10) {
        const slot = slotWidth(sizes, viewport);
        expect(slot, `${place} at ${viewport}`).toBeGreaterThan(100);
        expect(slot, `${place} at ${viewport}`).toBeLessThanOrEqual(Math.min(viewport, 1200) - 32 + 0.5);
      }
    }
  });

  it('shows no image wider than 448 CSS pixels on a narrow screen, where 960 pixels are then more than 2x', () => {
    const narrowest = Number(/^\(max-width: ([\d.]+)rem\)$/.exec(NARROW_SCREEN)?.[1]) * 16;
    expect(narrowest).toBe(480);
    for (const [place, sizes] of all) {
      for (let viewport = 320; viewport <= narrowest; viewport += 8) expect(slotWidth(sizes, viewport) * 2, place).toBeLessThan(960);
    }
  });

  it('gives the widths of the layout in app/styles.css at phone and desktop sizes', () => {
    // A 390-pixel phone: every image spans the page inside its 1rem gutters, except the listing's at 12rem from 40rem.
    for (const [place, sizes] of all) expect(slotWidth(sizes, 390), place).toBe(358);
    // A 1280-pixel desktop: the page is 75rem.
    expect(slotWidth(imageSizes.articleHero, 1280)).toBe(672);
    expect(slotWidth(imageSizes.leadTeaser, 1280)).toBeCloseTo(497.6);
    expect(slotWidth(imageSizes.teaserGrid, 1280)).toBeCloseTo(268.8);
    expect(slotWidth(imageSizes.teaserGridFour, 1280)).toBeCloseTo(275.2);
    expect(slotWidth(imageSizes.listing, 1280)).toBe(192);
    // Where the article's columns are still growing: 1000 - 3rem gap - 20rem aside - 2rem gutters.
    expect(slotWidth(imageSizes.articleHero, 1000)).toBe(600);
  });
});
