import type { KeyPoint } from '@/db/articles/model';

/**
 * The plain-text format of an article copied from a page (see lib/newsroom/importer-fixtures/): its lines
 * and blocks. What each block becomes in the article (section, summary, body, note, Markdown) is decided
 * by lib/newsroom/importer.ts; the rules of both are listed there.
 */

export interface Line {
  text: string;
  /** 1-based, in the original text, for messages. */
  number: number;
}

/** The text cut into its parts, in order. */
export interface ArticleTextBlocks {
  /** The short label lines above the headline (site name, section): at most two. */
  header: string[];
  headline: string;
  /** The first paragraph after the headline, unless a block starts there. */
  lead: string | null;
  /** Paragraphs before the first block. */
  body: Line[];
  /** The first key points block: its title (without a trailing colon) and its "Label: sentence" lines. */
  keyPoints: { title: string; points: KeyPoint[] } | null;
  /** Paragraphs after the key points block, outside why-it-matters. */
  afterKeyPoints: Line[];
  /** The paragraphs under a "Why It Matters" heading; null when the text has none. */
  why: Line[] | null;
  /** The part the last paragraph went to, and whether that paragraph is the last line of the text. */
  last: { part: 'body' | 'afterKeyPoints' | 'why'; endsText: boolean };
}

export type TextParse = { ok: true; blocks: ArticleTextBlocks; warnings: string[] } | { ok: false; error: string };

const MAX_HEADLINE_LENGTH = 200;

const PAGE_FURNITURE =
  /^(?:related(?: articles| stories| coverage)?|trending(?: now| stories)?|most (?:read|popular)|read (?:more|next)|more stories|you may also like|share this (?:article|story))$/i;
const WHY_IT_MATTERS = /^why (?:this|it) matters:?$/i;
const BYLINE = /^(?:By|BY) \p{Lu}\D*$/u;
const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?';
const DATE_LINE = new RegExp(
  `^(?:(?:updated|published|posted):? )?(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,? )?` +
    `(?:${MONTH} \\d{1,2},? \\d{4}|\\d{1,2} ${MONTH},? \\d{4}|\\d{4}-\\d{2}-\\d{2})` +
    `(?:,? (?:at )?\\d{1,2}[:.]\\d{2}(?: ?[ap]\\.?m\\.?)?(?: [a-z]{2,4})?)?$`,
  'i',
);
const isMetaLine = (text: string) => text.length <= 60 && (BYLINE.test(text) || DATE_LINE.test(text));
const KEY_POINT = /^(?:[•\-*–]\s+)?([^:]+):\s+(\S.*)$/;

const words = (text: string) => text.split(' ').length;
const sameText = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Site names and section names: short, and not a sentence. */
const isLabelLine = (text: string) => words(text) <= 5 && text.length <= 40 && !/[.!?,;:]$/.test(text);

/** Block titles and subheadings. A trailing colon is allowed only where a block title is expected. */
export function isTitleLine(text: string, { colonAllowed }: { colonAllowed: boolean }): boolean {
  const title = colonAllowed ? text.replace(/:$/, '') : text;
  return (
    words(title) <= 8 &&
    title.length <= 80 &&
    /^[\p{Lu}\p{N}]/u.test(title) &&
    !/[.,;:!]$/.test(title) &&
    !title.includes(': ')
  );
}

function keyPointOf(text: string): KeyPoint | null {
  const match = KEY_POINT.exec(text);
  if (!match) return null;
  const label = match[1]!.trim();
  if (words(label) > 10 || /[.!?]$/.test(label)) return null;
  return { label, text: match[2]! };
}

/** The "Label: sentence" lines from `start` on, as long as they last. */
function keyPointsFrom(lines: readonly Line[], start: number): KeyPoint[] {
  const points: KeyPoint[] = [];
  for (let i = start; i < lines.length; i++) {
    const point = keyPointOf(lines[i]!.text);
    if (!point) break;
    points.push(point);
  }
  return points;
}

function readLines(text: string): Line[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((raw, index) => ({
      // \s covers tabs, no-break spaces and a BOM; zero-width spaces and soft hyphens are invisible noise.
      text: raw.replace(/[\u200b\u2060\u00ad]/g, '').replace(/\s+/g, ' ').trim(),
      number: index + 1,
    }))
    .filter((line) => line.text !== '');
}

function findHeadline(lines: readonly Line[]): number {
  for (let i = 0; i < Math.min(3, lines.length - 1); i++) {
    if (sameText(lines[i]!.text, lines[i + 1]!.text)) return i;
  }
  const firstNotLabel = lines.findIndex((line) => !isLabelLine(line.text));
  const index = firstNotLabel === -1 ? Math.min(2, lines.length - 1) : Math.min(firstNotLabel, 2);
  // A sentence (not an abbreviation like "U.S.") after a label line: that label line is a short headline.
  return index > 0 && /[\p{Ll}\d”"’)]\.$/u.test(lines[index]!.text) ? index - 1 : index;
}

function hardWrapWarning(lines: readonly Line[]): string | null {
  const wrapped = lines.find(
    (line, i) =>
      lines[i + 1]?.number === line.number + 1 &&
      words(line.text) >= 6 &&
      !/[.!?:;…"”’')\]]$/.test(line.text) &&
      /^\p{Ll}/u.test(lines[i + 1]!.text),
  );
  return wrapped
    ? `Line ${wrapped.number} seems to continue on the next line (hard-wrapped text?): each line was taken as its own paragraph.`
    : null;
}

export const quoted = (text: string) => `“${text.length > 60 ? `${text.slice(0, 57)}…` : text}”`;

/** Cuts a pasted article into header, headline, lead, body, key points and why-it-matters; refuses a text with no headline. */
export function parseArticleBlocks(text: string): TextParse {
  const warnings: string[] = [];
  let lines = readLines(text);
  if (lines.length === 0) return { ok: false, error: 'The text is empty.' };

  const headlineIndex = findHeadline(lines);
  const headline = lines[headlineIndex]!.text;
  if (headline.length > MAX_HEADLINE_LENGTH) {
    return {
      ok: false,
      error: `The text does not start with a headline: line ${lines[headlineIndex]!.number} has ${headline.length} characters (a headline has at most ${MAX_HEADLINE_LENGTH}).`,
    };
  }
  const header = lines.slice(0, headlineIndex).map((line) => line.text);

  let start = headlineIndex + 1;
  if (sameText(lines[start]?.text ?? '', headline)) start++;
  const metaStart = start;
  while (isMetaLine(lines[start]?.text ?? '')) start++;
  if (start > metaStart) {
    const skipped = lines.slice(metaStart, start).map((line) => quoted(line.text));
    warnings.push(`Skipped ${skipped.join(' and ')}: authors and dates are set in the newsroom.`);
  }
  const furniture = lines.findIndex((line, i) => i >= start && PAGE_FURNITURE.test(line.text));
  if (furniture !== -1) {
    const dropped = lines.slice(furniture).filter((line) => !PAGE_FURNITURE.test(line.text));
    if (dropped.length > 0) {
      warnings.push(`Dropped ${dropped.length} line${dropped.length === 1 ? '' : 's'} after ${quoted(lines[furniture]!.text)} (page furniture).`);
    }
    lines = lines.slice(0, furniture);
  }
  if (start >= lines.length) return { ok: false, error: 'The text has a headline but nothing under it.' };
  const hardWrap = hardWrapWarning(lines.slice(start));
  if (hardWrap) warnings.push(hardWrap);

  const isBlockStart = (i: number) =>
    WHY_IT_MATTERS.test(lines[i]!.text) || (isTitleLine(lines[i]!.text, { colonAllowed: true }) && keyPointsFrom(lines, i + 1).length >= 2);

  const lead = isBlockStart(start) ? null : lines[start++]!.text;

  // Where each paragraph goes: the body until a block starts, then what the last block title says.
  const parts: Record<'body' | 'afterKeyPoints' | 'why', Line[]> = { body: [], afterKeyPoints: [], why: [] };
  let target: keyof typeof parts = 'body';
  let keyPoints: ArticleTextBlocks['keyPoints'] = null;
  let sawWhy = false;
  for (let i = start; i < lines.length; i++) {
    const line = lines[i]!;
    if (WHY_IT_MATTERS.test(line.text)) {
      target = 'why';
      sawWhy = true;
      continue;
    }
    if (isBlockStart(i)) {
      if (keyPoints === null) {
        keyPoints = { title: line.text.replace(/:$/, ''), points: keyPointsFrom(lines, i + 1) };
        i += keyPoints.points.length;
        target = 'afterKeyPoints';
        continue;
      }
      warnings.push(`A second key points block, ${quoted(line.text)}, was kept as text.`);
    }
    parts[target].push(line);
  }

  return {
    ok: true,
    blocks: {
      header,
      headline,
      lead,
      body: parts.body,
      keyPoints,
      afterKeyPoints: parts.afterKeyPoints,
      why: sawWhy ? parts.why : null,
      last: { part: target, endsText: parts[target].at(-1) !== undefined && parts[target].at(-1) === lines.at(-1) },
    },
    warnings,
  };
}
