/**
 * Reading time, from the words of an article's body (its Markdown: marks, link targets and image
 * addresses are not words). 230 words a minute, a common figure for adults reading news on a screen;
 * rounded up, never under a minute.
 */
export const WORDS_PER_MINUTE = 230;

// Link and image targets `](…)` and bare addresses are not read; a word is letters or digits, with the
// apostrophes, hyphens and separators inside it ("don't", "2,000-strong").
const LINK_TARGET = /\]\([^)\s]*\)|https?:\/\/\S+/g;
const WORD = /[\p{L}\p{N}]+(?:['’.,-][\p{L}\p{N}]+)*/gu;

export function wordCount(markdown: string): number {
  let count = 0;
  for (const _ of markdown.replace(LINK_TARGET, ' ').matchAll(WORD)) count++;
  return count;
}

export function readingMinutes(markdown: string): number {
  return Math.max(1, Math.ceil(wordCount(markdown) / WORDS_PER_MINUTE));
}

export const readingTimeLabel = (minutes: number) => `${minutes} min read`;

/** schema.org `timeRequired` is an ISO 8601 duration. */
export const readingTimeDuration = (minutes: number) => `PT${minutes}M`;
