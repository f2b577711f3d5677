import type { ImageRef } from '@/db/types';
import { mediaVariantsOf, type MediaFile } from './names';
import { mediaUrl } from '../paths';

/**
 * What a reader's browser needs to fetch an image at the width it shows it: every file of the image
 * (`srcset`) and how wide each place of the layout shows it (`sizes`). Pure, so db/ builds the image
 * and components render it without reading anything.
 */

/** An image as readers get it, from its media row (which names the widest file). */
export function imageRefOf(media: MediaFile & { alt: string; caption: string; credit: string }): ImageRef {
  return {
    src: mediaUrl(media.fileName),
    width: media.width,
    height: media.height,
    alt: media.alt,
    caption: media.caption,
    credit: media.credit,
    variants: mediaVariantsOf(media).map((variant) => ({ src: mediaUrl(variant.fileName), width: variant.width })),
  };
}

/** The `srcset` of an image: each file with its width. */
export const srcsetOf = (image: Pick<ImageRef, 'variants'>) => image.variants.map((v) => `${v.src} ${v.width}w`).join(', ');

/** A browser that ignores `srcset` gets the first file this wide: sharp in every layout on a 1x screen, and not the heaviest. */
const FALLBACK_WIDTH = 960;

/** The `src` of an image, for browsers (and crawlers) that do not read `srcset`. */
export function fallbackSrc(image: Pick<ImageRef, 'src' | 'variants'>): string {
  return (image.variants.find((v) => v.width >= FALLBACK_WIDTH) ?? image.variants.at(-1))?.src ?? image.src;
}

/**
 * A phone held upright. No place in the layout is wider than the page there (at most 30rem less the
 * 1rem gutters, 448 CSS pixels), so a 960-pixel file is already more than twice as sharp as the screen
 * shows it: a 3x phone that would pick the 1600 file (twice the bytes, for a difference an eye does not
 * see) is offered the files up to that one only.
 */
export const NARROW_SCREEN = '(max-width: 30rem)';
const NARROW_SCREEN_WIDTH = 960;

/** The `srcset` for a narrow screen: the files up to the first 960 wide; null when that is all of them. */
export function narrowScreenSrcset(image: Pick<ImageRef, 'variants'>): string | null {
  const enough = image.variants.findIndex((v) => v.width >= NARROW_SCREEN_WIDTH);
  if (enough === -1 || enough === image.variants.length - 1) return null;
  return srcsetOf({ variants: image.variants.slice(0, enough + 1) });
}

/*
 * How wide each place shows its image, in CSS pixels, as `sizes`: read off app/styles.css, so a change
 * to the layout there changes these too (e2e/page-budgets.spec.ts measures both at phone and desktop
 * widths). The first entry whose media condition matches wins, so wider viewports come first. Every
 * page is `.wrap`: at most 75rem, with a 1rem gutter each side. The in-between thresholds (31.5rem,
 * 47rem, 67rem) are where a grid gains a column or a track reaches its largest size.
 */

/** Phone-first: the page's whole width inside its gutters. */
const FULL_WIDTH = 'calc(100vw - 2rem)';

/**
 * `.teaser-grid` below 60rem: columns of at least 14rem with 1.5rem gaps, so one column up to 31.5rem,
 * two up to 47rem, then three.
 */
const TEASER_GRID_NARROW = `(min-width: 47rem) calc(33.4vw - 1.6rem), (min-width: 31.5rem) calc(50vw - 1.75rem), ${FULL_WIDTH}`;

export const imageSizes = {
  /**
   * `.article-layout`: one column, then from 60rem a main column of at most 42rem beside an aside of
   * 16-20rem (gap 3rem); the aside reaches 20rem first, so the main column is the rest until 67rem.
   */
  articleHero: `(min-width: 67rem) 42rem, (min-width: 60rem) calc(100vw - 25rem), ${FULL_WIDTH}`,
  /**
   * `.teaser--lead` from 60rem: 3/5 of `.front__top`'s first column (3fr beside an aside of at least
   * 16rem, gap 2rem) less its 1.5rem gap: 31rem at the widest page.
   */
  leadTeaser: `(min-width: 75rem) 31.1rem, (min-width: 60rem) calc(60vw - 12.9rem), ${FULL_WIDTH}`,
  /** `.teaser-grid` in `.front__top`'s first column from 60rem: two or three columns, at most 22rem each. */
  teaserGrid: `(min-width: 75rem) 16.8rem, (min-width: 60rem) 22rem, ${TEASER_GRID_NARROW}`,
  /** `.teaser-grid--four` from 60rem: four columns of the page, 1.5rem gaps. */
  teaserGridFour: `(min-width: 75rem) 17.2rem, (min-width: 60rem) calc(25vw - 1.6rem), ${TEASER_GRID_NARROW}`,
  /** `.index-page__list`: the whole width on a phone, a 12rem column beside the text from 40rem. */
  listing: `(min-width: 40rem) 12rem, ${FULL_WIDTH}`,
} as const;

/**
 * Images inside an article's body (story blocks, lib/story-blocks/render.ts), in `.article__body`, the
 * same column as the hero. `wide` reaches the screen's edges below 60rem (the gutters are 1rem);
 * `inset` floats beside the text at 45% of the column from 40rem; a gallery shows two a row from 31.5rem
 * (gap 0.75rem).
 */
export const storyImageSizes = {
  column: imageSizes.articleHero,
  wide: `(min-width: 67rem) 42rem, (min-width: 60rem) calc(100vw - 25rem), 100vw`,
  inset: `(min-width: 67rem) 18.9rem, (min-width: 60rem) calc(45vw - 11.25rem), (min-width: 40rem) calc(45vw - 0.9rem), ${FULL_WIDTH}`,
  gallery: `(min-width: 67rem) 20.7rem, (min-width: 60rem) calc(50vw - 12.9rem), (min-width: 31.5rem) calc(50vw - 1.4rem), ${FULL_WIDTH}`,
} as const;

/**
 * `sizes` for an image cropped to fill a square box (`object-fit: cover`): a landscape picture is
 * shown as wide as the box is high times its aspect ratio, and cropped at the sides.
 */
export function coverSizes(image: Pick<ImageRef, 'width' | 'height'>, boxRem: number): string {
  const aspect = image.width > 0 && image.height > 0 ? image.width / image.height : 1;
  return `${Math.ceil(boxRem * Math.max(1, aspect) * 10) / 10}rem`;
}
