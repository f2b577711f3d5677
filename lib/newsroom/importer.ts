import type { ImportedArticle } from '@/db/articles/model';
import { siteConfig } from '../config';
import { DEFAULT_STORY_TYPE, parseStoryType, type StoryType } from '../story-types';
import { isTitleLine, parseArticleBlocks, type Line } from './article-text';

/**
 * Reads an article pasted as plain text (the shape of text copied from an article page, see
 * lib/newsroom/importer-fixtures/) into the article's fields: lib/newsroom/article-text.ts cuts the text
 * into its lines and blocks (text, header, headline, byline, furniture, key points, why-it-matters), and
 * this module maps them to the article (section, summary, body, context note, Markdown).
 *
 * The rules, in order:
 * - Text: a BOM is dropped, any line ending is a line end, tabs and no-break spaces are spaces, runs of
 *   spaces become one, lines are trimmed. Everything else (curly quotes, dashes) is kept as written.
 * - One non-blank line is one paragraph; blank lines are optional. Hard-wrapped text is not re-joined:
 *   a warning says so when a line seems to continue on the next one.
 * - A line that is only page furniture ("Related Articles", "Trending", "Most Read" …) ends the article:
 *   it and everything after it are dropped.
 * - Header: at most two short "label lines" (five words or fewer, no punctuation at the end) before the
 *   headline. One that names a story type ("Opinion", "Analysis"…, not "News") sets the type; of the
 *   others, two are the site name, then the section; one is the site name if it is a known one
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

export type { ImportedArticle };

export type ParseResult = { ok: true; article: ImportedArticle; warnings: string[] } | { ok: false; error: string };

const MAX_NOTE_LENGTH = 600;

const NOTE_OPENING =
  /^(?:(?:editor[’']?s )?note|context|clarification|update)\s*:|^(?:all|none|some|most) of the (?:\w+ )?(?:above|elements|details|points|claims|figures)\b|^this (?:article|story|report) (?:is|was|has|will)\b/i;
const NOTE_WORDING =
  /\bpreliminary\b|\bunconfirmed\b|\bnot (?:yet |been |independently )*(?:verified|confirmed)\b|\bin (?:media |press |news )?reporting\b|\bdeveloping story\b|\bsubject to change\b/i;

/** The story type a header line names, by its label in any case; null for news and anything else. */
function storyTypeNamed(line: string): StoryType | null {
  const type = parseStoryType(line.trim().toLowerCase());
  return type === DEFAULT_STORY_TYPE ? null : type;
}

const knownSiteNames = () => new Set(['crbc news', siteConfig().name.toLowerCase()]);

const isNote = (text: string) => text.length <= MAX_NOTE_LENGTH && (NOTE_OPENING.test(text) || NOTE_WORDING.test(text));

const toMarkdown = (lines: readonly Line[]) =>
  lines.map(({ text }) => (isTitleLine(text, { colonAllowed: false }) ? `## ${text}` : text)).join('\n\n');

export function parseArticleText(text: string): ParseResult {
  const parsed = parseArticleBlocks(text);
  if (!parsed.ok) return parsed;
  const { blocks } = parsed;
  const warnings = [...parsed.warnings];

  // A header line naming a story type ("Opinion", "Analysis"…, but not "News": a section of that name is a
  // section) is the article's type; the other lines are the site name and the section, as before.
  const typeLine = blocks.header.find((line) => storyTypeNamed(line) !== null);
  const type = typeLine === undefined ? null : storyTypeNamed(typeLine);
  const header = blocks.header.filter((line) => line !== typeLine);
  const sectionName =
    header.length === 2 ? header[1]! : header.length === 1 && !knownSiteNames().has(header[0]!.toLowerCase()) ? header[0]! : null;

  const parts = { body: blocks.body, afterKeyPoints: blocks.afterKeyPoints, why: blocks.why ?? [] };
  let contextNote = '';
  const last = parts[blocks.last.part].at(-1);
  const followsBlock = blocks.last.part === 'afterKeyPoints' || (blocks.last.part === 'why' && parts.why.length >= 2);
  if (last && blocks.last.endsText && followsBlock && isNote(last.text)) {
    contextNote = last.text;
    parts[blocks.last.part] = parts[blocks.last.part].slice(0, -1);
  }

  const summary = blocks.lead ?? '';
  if (!summary) warnings.push('No summary: the headline is not followed by a paragraph.');
  const bodyLines = [...parts.body, ...parts.afterKeyPoints];
  if (bodyLines.length === 0) warnings.push('No body: nothing but the summary comes before the first block.');
  if (blocks.keyPoints === null) warnings.push('No key points block (a title line followed by at least two "Label: sentence" lines).');
  if (blocks.why === null) warnings.push('No "Why It Matters" block.');
  else if (parts.why.length === 0) warnings.push('The "Why It Matters" heading has no paragraphs under it.');
  if (parts.afterKeyPoints.length > 0) {
    const n = parts.afterKeyPoints.length;
    warnings.push(`${n} line${n === 1 ? '' : 's'} after the key points, outside Why It Matters, ${n === 1 ? 'was' : 'were'} added to the end of the body.`);
  }

  return {
    ok: true,
    article: {
      sectionName,
      ...(type && { type }),
      headline: blocks.headline,
      summary,
      body: toMarkdown(bodyLines),
      keyPointsTitle: blocks.keyPoints?.title ?? null,
      keyPoints: blocks.keyPoints?.points ?? [],
      whyItMatters: toMarkdown(parts.why),
      contextNote,
    },
    warnings,
  };
}
