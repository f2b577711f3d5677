import MarkdownIt, { type Token } from 'markdown-it';
import { recogniseEmbed } from './embeds';
import { blocksOf, storyBlocks } from './syntax';

/**
 * What in a body's story blocks readers would not get as written, line by line: for the editor to show
 * next to the body field (on save and in the preview; a visual editor may call it as the text changes).
 * Pure: no database. Give `images` (what the media library knows of the ids the body names) to have
 * unknown ids and missing alt text reported too.
 */

export interface BlockProblem {
  /** 1-based line of the body where the block starts. */
  line: number;
  message: string;
}

export interface KnownImage {
  alt: string;
}

// Its own parser (no sanitiser, no work counter): linear in the text, so safe to run on anything typed.
const md = new MarkdownIt('default', { html: true, linkify: false, maxNesting: 50 }).use(storyBlocks);

/** The ids of the images a body names, each once (to look them up in one query before findBlockProblems). */
export function imageIdsIn(markdown: string): number[] {
  const ids = new Set<number>();
  for (const { block } of blocksOf(md.parse(markdown, {}))) if (block.name === 'image' && !block.problem) ids.add(Number(block.attributes.id));
  return [...ids];
}

export function findBlockProblems(markdown: string, images?: ReadonlyMap<number, KnownImage>): BlockProblem[] {
  const problems: BlockProblem[] = [];
  const tokens = md.parse(markdown, {});
  // The containers that hold a table, in one pass.
  const withTable = new Set<Token>();
  const open: Token[] = [];
  for (const t of tokens) {
    if (t.type === 'container_story_open') open.push(t);
    else if (t.type === 'container_story_close') open.pop();
    else if (t.type === 'table_open' && open.length) withTable.add(open.at(-1)!);
  }
  for (const { block, line, container, token } of blocksOf(tokens)) {
    const problem = (message: string) => problems.push({ line, message });
    if (block.problem) {
      problem(`${block.problem}. Readers do not see this block.`);
      continue;
    }
    if (block.name === 'image' && images) {
      const image = images.get(Number(block.attributes.id));
      if (!image) problem(`There is no image ${block.attributes.id} in the media library. Readers do not see this block.`);
      else if (!block.attributes.alt && !image.alt) problem(`Image ${block.attributes.id} has no alt text: describe it with alt="…" or in the media library.`);
    }
    if (block.name === 'embed' && !recogniseEmbed(block.attributes.url ?? '')) {
      problem('This address is not one of the embeddable sites (YouTube, Vimeo, X, Bluesky, Mastodon, Instagram, TikTok): readers get it as a link.');
    }
    if (container?.name === 'gallery' && block.name !== 'image') problem('A gallery holds ::image lines only.');
    if (block.name === 'table' && !withTable.has(token)) problem('A table block needs a table: | a | b | lines with a |---|---| line under the first.');
  }
  return problems;
}

/** The problems in words for the field's message. */
export function describeBlockProblems(problems: readonly BlockProblem[]): string {
  const shown = problems.slice(0, 5).map((p) => `line ${p.line}: ${p.message}`);
  const more = problems.length > 5 ? ` (and ${problems.length - 5} more)` : '';
  return `Story blocks: ${shown.join(' ')}${more}`;
}
