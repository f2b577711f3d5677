import type { KeyPoint } from '@/db/types';
import { siteConfig } from '../config';

/**
 * Reads an article pasted as plain text (the shape of text copied from an article page, see
 * lib/newsroom/importer-fixtures/) into the article's fields.
 *
 * The rules, in order:
 * - Text: a BOM is dropped, any line ending is a line end, tabs and no-break spaces are spaces, runs of
 *   spaces become one, lines are trimmed. Everything else (curly quotes, dashes) is kept as written.
 * - One non-blank line is one paragraph; blank lines are optional. Hard-wrapped text is not re-joined:
 *   a warning says so when a line seems to continue on the next one.
 * - A line that is only page furniture ("Related Articles", "Trending", "Most Read" …) ends the article:
 *   it and everything after it are dropped.
 * - Header: at most two short "label lines" (five words or fewer, no punctuation at the end) before the
 *   headline. Two are the site name, then the section. One is the site name if it is a known one
 *   (SITE_NAME or CRBC News), otherwise the section.
 * - Headline: among the first four lines, the first one repeated on the next line (the repeat is
 *   skipped); otherwise the first line that is not a label line, but never later than the third line,
 *   and never a line ending in a full stop when a label line comes before it (that label line is a short
 *   headline). A "headline" over 200 characters means the text does not start with one, and a headline
 *   with nothing under it is not an article: both are errors.
 * - A byline ("By …", no digits) and a date line ("14 December 2025", "Updated Dec. 14, 2025, 10:32 GMT")
 *   right under the headline are skipped, with a warning: authors and dates are set in the newsroom.
 * - Summary: the first paragraph after the headline.
 * - Key points: a title line (eight words or fewer, starting with a capital or digit, no punctuation at the
 *   end but a question mark or colon) followed by at least two lines "Label: sentence" (the label is what
 *   comes before the first colon, ten words or fewer; a space follows the colon; a leading bullet is
 *   dropped). Only the first such block counts; a later one stays text.
 * - Why it matters: a line "Why This Matters" or "Why It Matters" (a colon may follow); the paragraphs
 *   after it.
 * - Body: the paragraphs between the summary and the first block. Paragraphs after the key points and
 *   outside why-it-matters are added to the end of the body, with a warning.
 * - Context note: the last paragraph, when it follows the key points or is not the only paragraph under
 *   why-it-matters, and reads as a note about the reporting itself: at most 600 characters, and it
 *   starts "Note:", "Editor's note:", "All of the … above", "This story is/was …", or says "preliminary",
 *   "unconfirmed", "not (yet) verified/confirmed", "in reporting", "developing story", "subject to change".
 * - Body and why-it-matters are Markdown: paragraphs separated by blank lines, a title line among them
 *   becomes a "##" heading. Summary and context note are plain text.
 */

export interface ImportedArticle {
  sectionName: string | null;
  headline: string;
  summary: string;
  body: string;
  /** Null when the text has no key points block. */
  keyPointsTitle: string | null;
  keyPoints: KeyPoint[];
  whyItMatters: string;
  contextNote: string;
}

export type ParseResult = { ok: true; article: ImportedArticle; warnings: string[] } | { ok: false; error: string };

interface Line {
  text: string;
  /** 1-based, in the original text, for messages. */
  number: number;
}

const MAX_HEADLINE_LENGTH = 200;
const MAX_NOTE_LENGTH = 600;

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
const NOTE_OPENING =
  /^(?:(?:editor[’']?s )?note|context|clarification|update)\s*:|^(?:all|none|some|most) of the (?:\w+ )?(?:above|elements|details|points|claims|figures)\b|^this (?:article|story|report) (?:is|was|has|will)\b/i;
const NOTE_WORDING =
  /\bpreliminary\b|\bunconfirmed\b|\bnot (?:yet |been |independently )*(?:verified|confirmed)\b|\bin (?:media |press |news )?reporting\b|\bdeveloping story\b|\bsubject to change\b/i;

const words = (text: string) => text.split(' ').length;
const sameText = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

const knownSiteNames = () => new Set(['crbc news', siteConfig().name.toLowerCase()]);

/** Site names and section names: short, and not a sentence. */
const isLabelLine = (text: string) => words(text) <= 5 && text.length <= 40 && !/[.!?,;:]$/.test(text);

/** Block titles and subheadings. A trailing colon is allowed only where a block title is expected. */
function isTitleLine(text: string, { colonAllowed }: { colonAllowed: boolean }): boolean {
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

const isNote = (text: string) => text.length <= MAX_NOTE_LENGTH && (NOTE_OPENING.test(text) || NOTE_WORDING.test(text));

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

const toMarkdown = (lines: readonly Line[]) =>
  lines.map(({ text }) => (isTitleLine(text, { colonAllowed: false }) ? `## ${text}` : text)).join('\n\n');

const quoted = (text: string) => `“${text.length > 60 ? `${text.slice(0, 57)}…` : text}”`;

export function parseArticleText(text: string): ParseResult {
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
  const sectionName =
    header.length === 2 ? header[1]! : header.length === 1 && !knownSiteNames().has(header[0]!.toLowerCase()) ? header[0]! : null;

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

  let summary = '';
  if (!isBlockStart(start)) summary = lines[start++]!.text;

  // Where each paragraph goes: the body until a block starts, then what the last block title says.
  const parts: Record<'body' | 'afterKeyPoints' | 'why', Line[]> = { body: [], afterKeyPoints: [], why: [] };
  let target: keyof typeof parts = 'body';
  let keyPointsTitle: string | null = null;
  let keyPoints: KeyPoint[] = [];
  let sawWhy = false;
  for (let i = start; i < lines.length; i++) {
    const line = lines[i]!;
    if (WHY_IT_MATTERS.test(line.text)) {
      target = 'why';
      sawWhy = true;
      continue;
    }
    if (isBlockStart(i)) {
      if (keyPointsTitle === null) {
        keyPointsTitle = line.text.replace(/:$/, '');
        keyPoints = keyPointsFrom(lines, i + 1);
        i += keyPoints.length;
        target = 'afterKeyPoints';
        continue;
      }
      warnings.push(`A second key points block, ${quoted(line.text)}, was kept as text.`);
    }
    parts[target].push(line);
  }

  let contextNote = '';
  const last = parts[target].at(-1);
  const followsBlock = target === 'afterKeyPoints' || (target === 'why' && parts.why.length >= 2);
  if (last && last === lines.at(-1) && followsBlock && isNote(last.text)) {
    contextNote = last.text;
    parts[target].pop();
  }

  if (!summary) warnings.push('No summary: the headline is not followed by a paragraph.');
  const bodyLines = [...parts.body, ...parts.afterKeyPoints];
  if (bodyLines.length === 0) warnings.push('No body: nothing but the summary comes before the first block.');
  if (keyPointsTitle === null) warnings.push('No key points block (a title line followed by at least two "Label: sentence" lines).');
  if (!sawWhy) warnings.push('No "Why It Matters" block.');
  else if (parts.why.length === 0) warnings.push('The "Why It Matters" heading has no paragraphs under it.');
  if (parts.afterKeyPoints.length > 0) {
    const n = parts.afterKeyPoints.length;
    warnings.push(`${n} line${n === 1 ? '' : 's'} after the key points, outside Why It Matters, ${n === 1 ? 'was' : 'were'} added to the end of the body.`);
  }

  return {
    ok: true,
    article: {
      sectionName,
      headline,
      summary,
      body: toMarkdown(bodyLines),
      keyPointsTitle,
      keyPoints,
      whyItMatters: toMarkdown(parts.why),
      contextNote,
    },
    warnings,
  };
}
