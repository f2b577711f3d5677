import type { MarkdownIt, StateBlock, Token } from 'markdown-it';
import container from 'markdown-it-container';
import { parseAttributes, type BlockAttributes } from './attributes';

/**
 * The syntax of story blocks in the article body (docs/decisions/0017, /docs in the ADR): generic
 * directives as remark-directive writes them, read by markdown-it.
 * - Leaf blocks, one line each: `::image{id=12 size="wide"}`, `::embed{url="…" title="…"}` (a rule of
 *   our own: a leaf is one line, read in one pass).
 * - Container blocks: `:::gallery` … `:::`, `:::pullquote{cite="…"}`, `:::factbox{title="…"}`,
 *   `:::table{caption="…"}` (markdown-it-container, the markdown-it project's own plugin).
 * Each block's token carries what it says in `meta` (a StoryBlock), with the problem when it says it
 * wrongly; rendering (render.ts) and the editor's problem list (problems.ts) read the same tokens.
 */

export const LEAF_BLOCKS = {
  image: { required: ['id'], allowed: ['id', 'size', 'alt', 'caption', 'credit'] },
  embed: { required: ['url'], allowed: ['url', 'title'] },
} as const;
export const CONTAINER_BLOCKS = {
  gallery: { required: [], allowed: [] },
  pullquote: { required: [], allowed: ['cite'] },
  factbox: { required: [], allowed: ['title'] },
  table: { required: [], allowed: ['caption'] },
} as const;

export const IMAGE_SIZES = ['column', 'wide', 'inset'] as const;
export type ImageSize = (typeof IMAGE_SIZES)[number];

export type StoryBlock = {
  /** The directive's name as written (lower case when it is one of ours). */
  name: string;
  attributes: BlockAttributes;
  /** Why the block cannot be shown as written: readers get nothing of it, the editor the reason. */
  problem: string | null;
};

type Spec = { readonly required: readonly string[]; readonly allowed: readonly string[] };

/** A directive's name and attributes (the text after the colons) checked against what that block takes. */
export function readDirective(text: string, kinds: Record<string, Spec>, what: 'leaf' | 'container'): StoryBlock {
  // `s`: a value may hold any character but a newline, U+2028 and U+2029 included.
  const shape = /^([A-Za-z][\w-]*)(\[[^\]]*\])?(?:\{(.*)\})?[ \t]*$/s.exec(text);
  if (!shape) return { name: text.slice(0, 20), attributes: {}, problem: `Could not read this block: write ${what === 'leaf' ? '::name{…}' : ':::name{…}'} on a line of its own` };
  const [, rawName = '', label, inside = ''] = shape;
  const name = rawName.toLowerCase();
  const spec = Object.hasOwn(kinds, name) ? kinds[name] : undefined;
  if (!spec) {
    const known = Object.keys(kinds).map((k) => (what === 'leaf' ? '::' : ':::') + k);
    return { name, attributes: {}, problem: `Unknown block “${rawName}”: use ${known.join(', ')}` };
  }
  if (label) return { name, attributes: {}, problem: `Write the ${name} block's text as an attribute, not in [brackets]` };
  const parsed = parseAttributes(inside);
  if (!parsed.ok) return { name, attributes: {}, problem: `${name}: ${parsed.message}` };
  const { attributes } = parsed;
  const unknown = Object.keys(attributes).find((key) => !spec.allowed.includes(key));
  if (unknown) {
    const allowed = spec.allowed.length ? `it takes ${spec.allowed.join(', ')}` : 'it takes none';
    return { name, attributes, problem: `${name} has no attribute “${unknown}”: ${allowed}` };
  }
  const missing = spec.required.find((key) => !attributes[key]);
  if (missing) return { name, attributes, problem: `${name} needs ${missing}=…` };
  return { name, attributes, problem: checkValues(name, attributes) };
}

function checkValues(name: string, attributes: BlockAttributes): string | null {
  if (name === 'image') {
    if (!/^[1-9][0-9]{0,15}$/.test(attributes.id ?? '')) return 'image: id must be the number of an image in the media library';
    if (attributes.size !== undefined && !(IMAGE_SIZES as readonly string[]).includes(attributes.size)) {
      return `image: size must be ${IMAGE_SIZES.map((s) => `"${s}"`).join(', ')}`;
    }
  }
  if (name === 'embed' && !/^https?:\/\/\S+$/i.test(attributes.url ?? '')) return 'embed: url must be a web address (https://…)';
  return null;
}

const LEAF_LINE = /^::[A-Za-z]/;
/** Longest leaf line read as a block: longer lines stay text (a caption longer than this is not a caption). */
const MAX_LEAF_LENGTH = 4_000;

function leafRule(state: StateBlock, startLine: number, _endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
  const start = state.bMarks[startLine]! + state.tShift[startLine]!;
  const end = state.eMarks[startLine]!;
  if (end - start > MAX_LEAF_LENGTH || state.src.charCodeAt(start) !== 0x3a) return false;
  const line = state.src.slice(start, end);
  if (!LEAF_LINE.test(line)) return false;
  if (silent) return true;
  const token = state.push('story_leaf', '', 0);
  token.block = true;
  token.map = [startLine, startLine + 1];
  token.meta = readDirective(line.slice(2), LEAF_BLOCKS, 'leaf') satisfies StoryBlock;
  state.line = startLine + 1;
  return true;
}

/** The markdown-it plugin: story blocks in the token stream (tokens `story_leaf`, `container_story_open`/`_close`). */
export function storyBlocks(md: MarkdownIt): void {
  md.block.ruler.before('paragraph', 'story_leaf', leafRule, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });
  md.use(container, 'story', {
    // Any `:::word…` line opens a container, so that an unknown one is reported rather than shown as text.
    validate: (params: string) => /^[A-Za-z]/.test(params.trim()),
  });
  md.core.ruler.after('block', 'story_containers', (state) => {
    for (const token of state.tokens) {
      if (token.type === 'container_story_open') token.meta = readDirective(token.info.trim(), CONTAINER_BLOCKS, 'container') satisfies StoryBlock;
    }
  });
}

/** The blocks of a parsed body, in order, with the line (1-based) each starts on. */
export function blocksOf(tokens: readonly Token[]): { block: StoryBlock; line: number; token: Token; container: StoryBlock | null }[] {
  const found: { block: StoryBlock; line: number; token: Token; container: StoryBlock | null }[] = [];
  const open: StoryBlock[] = [];
  for (const token of tokens) {
    if (token.type === 'container_story_close') open.pop();
    const block = token.meta as StoryBlock | null;
    if ((token.type === 'story_leaf' || token.type === 'container_story_open') && block) {
      found.push({ block, line: (token.map?.[0] ?? 0) + 1, token, container: open.at(-1) ?? null });
    }
    if (token.type === 'container_story_open') open.push(block!);
  }
  return found;
}
