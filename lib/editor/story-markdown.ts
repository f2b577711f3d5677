import MarkdownIt, { type StateBlock, type StateCore, type Token } from 'markdown-it';
import type { Schema } from '@tiptap/pm/model';
import { MarkdownParser } from 'prosemirror-markdown';
import { isDirectiveName, parseAttributes, readImageAttributes, type StoryImageAttrs } from './directives';
import type { CellAlign, StoryTableAttrs } from './story-schema';

export { storyMarkdown } from './story-serializer';

/**
 * The body's Markdown to the visual editor's document and back (decision 18). The text is tokenised by
 * markdown-it, the parser the server renders with (lib/markdown.ts), with the same options, plus a block
 * rule for the story blocks' directives; the document is written back by prosemirror-markdown's
 * serializer in the canonical form of docs/notes' blocks format (story-serializer.ts). Whatever the
 * editor cannot represent (an unknown directive, a block with a bad attribute, raw HTML, a Markdown
 * image, an entity) becomes a raw node that is written back exactly as it was: nothing is lost. The
 * browser loads this file only for text the server has not read for it (editor-documents.ts).
 */

type Nesting = -1 | 0 | 1;
const setMeta = (token: Token, meta: unknown) => {
  token.meta = meta as Record<string, unknown>;
};
const metaOf = <T>(token: Token) => token.meta as unknown as T;

/** A token of the parser's own class (markdown-it's Token, reached through a parse so this file needs no deep import). */
const TokenClass = new MarkdownIt().parse('x', {})[0]!.constructor as new (type: string, tag: string, nesting: Nesting) => Token;
const newToken = (type: string, tag: string, nesting: Nesting): Token => new TokenClass(type, tag, nesting);

const LEAF = /^::([a-z][a-z0-9-]*)(?:\{(.*)\})?[ \t]*$/;
const OPENER = /^:::([a-z][a-z0-9-]*)(?:\{(.*)\})?[ \t]*$/;
const CLOSER = /^:::[ \t]*$/;

interface DirectiveMeta {
  name: string;
  source: string;
  attributes: Map<string, string> | null;
  /** Why the block is kept as raw text (set while parsing or when validating its content). */
  problem?: string;
}

const lineOf = (state: StateBlock, line: number) => state.src.slice(state.bMarks[line]! + state.tShift[line]!, state.eMarks[line]);
const linesOf = (state: StateBlock, from: number, to: number) => state.src.slice(state.bMarks[from], state.eMarks[to]);

function pushRaw(state: StateBlock, startLine: number, endLine: number, reason: string): void {
  const token = state.push('raw_block', '', 0);
  token.content = linesOf(state, startLine, endLine);
  token.info = reason;
  token.map = [startLine, endLine + 1];
  state.line = endLine + 1;
}

/** `::name{…}` alone on a line, or `:::name{…}` … `:::` (containers nest). */
function directiveBlock(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
  const line = lineOf(state, startLine);
  if (!line.startsWith('::')) return false;
  const opener = OPENER.exec(line);
  const leaf = opener ? null : LEAF.exec(line);
  if (!opener && !leaf) return false;
  if (silent) return true;
  const [, name = '', attributeText = ''] = (opener ?? leaf)!;
  const attributes = parseAttributes(attributeText);
  if (leaf) {
    if (!isDirectiveName(name) || (name !== 'image' && name !== 'embed')) {
      pushRaw(state, startLine, startLine, `unknown block "::${name}"`);
      return true;
    }
    const token = state.push(`directive_${name}`, '', 0);
    setMeta(token, { name, source: line, attributes });
    token.map = [startLine, startLine + 1];
    state.line = startLine + 1;
    return true;
  }
  // The matching closing line, counting containers opened inside.
  let depth = 1;
  let close = startLine + 1;
  for (; close < endLine; close++) {
    if (state.sCount[close]! - state.blkIndent >= 4 || state.sCount[close]! < state.blkIndent) continue;
    const text = lineOf(state, close);
    if (CLOSER.test(text)) depth -= 1;
    else if (OPENER.test(text)) depth += 1;
    if (depth === 0) break;
  }
  if (depth !== 0) {
    pushRaw(state, startLine, startLine, `"${line}" is never closed with a line ":::"`);
    return true;
  }
  const meta: DirectiveMeta = { name, source: linesOf(state, startLine, close), attributes };
  if (!isDirectiveName(name) || name === 'image' || name === 'embed') {
    pushRaw(state, startLine, close, `unknown block ":::${name}"`);
    return true;
  }
  const open = state.push(`container_${name}_open`, '', 1);
  setMeta(open, meta);
  open.map = [startLine, close + 1];
  const oldParent = state.parentType;
  const oldMax = state.lineMax;
  state.parentType = 'container' as typeof state.parentType;
  state.lineMax = close;
  state.md.block.tokenize(state, startLine + 1, close);
  state.parentType = oldParent;
  state.lineMax = oldMax;
  const end = state.push(`container_${name}_close`, '', -1);
  setMeta(end, meta);
  state.line = close + 1;
  return true;
}

const ALIGN: Record<string, CellAlign> = { 'text-align:left': 'left', 'text-align:center': 'center', 'text-align:right': 'right' };

/** table_open … table_close as one table: its cells' source and alignment. */
function readTable(tokens: Token[], from: number, to: number): StoryTableAttrs {
  const header: string[] = [];
  const rows: string[][] = [];
  const align: CellAlign[] = [];
  let inHead = false;
  for (let i = from; i <= to; i++) {
    const t = tokens[i]!;
    if (t.type === 'thead_open') inHead = true;
    else if (t.type === 'thead_close') inHead = false;
    else if (t.type === 'tr_open' && !inHead) rows.push([]);
    else if (t.type === 'th_open') align.push(ALIGN[t.attrGet('style') ?? ''] ?? null);
    else if (t.type === 'inline') (inHead ? header : rows[rows.length - 1]!).push(t.content);
  }
  return { caption: '', align, header, rows };
}

/** The index of the token closing the one at `from` (same level, the given type). */
function closing(tokens: Token[], from: number, type: string): number {
  for (let i = from + 1; i < tokens.length; i++) if (tokens[i]!.type === type && tokens[i]!.level === tokens[from]!.level) return i;
  return tokens.length - 1;
}

const rawToken = (template: Token, source: string, reason: string): Token => {
  const token = newToken('raw_block', '', 0);
  token.content = source;
  token.info = reason;
  return token;
};

/**
 * After the inline pass: tables become one token each; directives are checked (attributes, content)
 * and become the editor's tokens, or raw blocks with the reason; soft line breaks stay line breaks and
 * entities stay as written.
 */
function storyTokens(state: StateCore): void {
  state.tokens = transform(state.tokens);
}

function transform(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type === 'inline' && t.children) {
      for (const child of t.children) {
        if (child.type === 'softbreak') {
          child.type = 'text';
          child.content = '\n';
        } else if (child.type === 'text_special' && child.info === 'entity') {
          child.type = 'raw_inline';
          child.content = child.markup;
        } else if (child.type === 'html_inline') {
          child.type = 'raw_inline';
        } else if (child.type === 'image') {
          child.type = 'raw_inline';
          const title = child.attrGet('title');
          child.content = `![${child.content}](${child.attrGet('src') ?? ''}${title ? ` "${title}"` : ''})`;
        }
      }
    }
    if (t.type === 'table_open') {
      const end = closing(tokens, i, 'table_close');
      const table = newToken('story_table', '', 0);
      setMeta(table, readTable(tokens, i, end));
      out.push(table);
      i = end;
      continue;
    }
    if (t.type === 'html_block') {
      out.push(rawToken(t, t.content.replace(/\n$/, ''), 'raw HTML'));
      continue;
    }
    if (t.type === 'directive_image' || t.type === 'directive_embed') {
      const meta = metaOf<DirectiveMeta>(t);
      const token = validLeaf(t, meta);
      out.push(token);
      continue;
    }
    const container = /^container_(\w+)_open$/.exec(t.type);
    if (container) {
      const end = closing(tokens, i, `container_${container[1]!}_close`);
      out.push(...validContainer(t, transform(tokens.slice(i + 1, end)), metaOf<DirectiveMeta>(t)));
      i = end;
      continue;
    }
    out.push(t);
  }
  return out;
}

function validLeaf(t: Token, meta: DirectiveMeta): Token {
  if (!meta.attributes) return rawToken(t, meta.source, 'its attributes do not parse');
  if (meta.name === 'image') {
    const image = readImageAttributes(meta.attributes);
    if (typeof image === 'string') return rawToken(t, meta.source, image);
    t.type = 'story_image';
    setMeta(t, image);
    return t;
  }
  for (const name of meta.attributes.keys()) if (name !== 'url' && name !== 'title') return rawToken(t, meta.source, `unknown attribute "${name}"`);
  const url = meta.attributes.get('url');
  if (!url) return rawToken(t, meta.source, 'an embed needs a url');
  t.type = 'story_embed';
  setMeta(t, { url, title: meta.attributes.get('title') ?? '' });
  return t;
}

function validContainer(open: Token, inner: Token[], meta: DirectiveMeta): Token[] {
  const raw = (reason: string) => [rawToken(open, meta.source, reason)];
  if (!meta.attributes) return raw('its attributes do not parse');
  const allowed: readonly string[] = { gallery: [], pullquote: ['cite'], factbox: ['title'], table: ['caption'] }[meta.name] ?? [];
  for (const name of meta.attributes.keys()) if (!allowed.includes(name)) return raw(`unknown attribute "${name}"`);
  if (meta.name === 'gallery') {
    const images: StoryImageAttrs[] = [];
    for (const t of inner) {
      if (t.type === 'raw_block' && t.info !== 'raw HTML') return raw(`an image in it: ${t.info}`);
      if (t.type !== 'story_image') return raw('a gallery holds only ::image lines');
      images.push(metaOf<StoryImageAttrs>(t));
    }
    const gallery = newToken('story_gallery', '', 0);
    setMeta(gallery, { images });
    return [gallery];
  }
  if (meta.name === 'pullquote') {
    const [first, text] = inner;
    if (inner.length !== 3 || first?.type !== 'paragraph_open' || !text || text.type !== 'inline') return raw('a pull quote holds one paragraph');
    const start = newToken('pullquote_open', '', 1);
    setMeta(start, { cite: meta.attributes.get('cite') ?? '' });
    return [start, text, newToken('pullquote_close', '', -1)];
  }
  if (meta.name === 'table') {
    const [table] = inner;
    if (inner.length !== 1 || table?.type !== 'story_table') return raw('a table block holds one pipe table');
    setMeta(table, { ...metaOf<StoryTableAttrs>(table), caption: meta.attributes.get('caption') ?? '' });
    return [table];
  }
  // factbox
  const start = newToken('factbox_open', '', 1);
  setMeta(start, { title: meta.attributes.get('title') ?? '' });
  return [start, ...inner, newToken('factbox_close', '', -1)];
}

/** The tokenizer: the server's options (lib/markdown.ts) plus the directives. */
function tokenizer() {
  const md = new MarkdownIt('default', { html: true, linkify: false, typographer: false, breaks: false });
  md.block.ruler.before('fence', 'story_directive', directiveBlock);
  md.core.ruler.after('inline', 'story_tokens', storyTokens);
  return md;
}

const meta = metaOf;

/** Markdown to the editor's document, for a schema built from storyExtensions(). */
export function storyParser(schema: Schema): MarkdownParser {
  return new MarkdownParser(schema, tokenizer(), {
    blockquote: { block: 'blockquote' },
    paragraph: { block: 'paragraph' },
    list_item: { block: 'listItem' },
    bullet_list: { block: 'bulletList', getAttrs: (_tok, tokens, i) => ({ tight: listIsTight(tokens, i) }) },
    ordered_list: { block: 'orderedList', getAttrs: (tok, tokens, i) => ({ start: Number(tok.attrGet('start') ?? 1), tight: listIsTight(tokens, i) }) },
    heading: { block: 'heading', getAttrs: (tok) => ({ level: Number(tok.tag.slice(1)) }) },
    code_block: { block: 'codeBlock', noCloseToken: true },
    fence: { block: 'codeBlock', getAttrs: (tok) => ({ language: tok.info || null }), noCloseToken: true },
    hr: { node: 'horizontalRule' },
    hardbreak: { node: 'hardBreak' },
    em: { mark: 'italic' },
    strong: { mark: 'bold' },
    s: { mark: 'strike' },
    link: { mark: 'link', getAttrs: (tok) => ({ href: tok.attrGet('href'), title: tok.attrGet('title') || null }) },
    code_inline: { mark: 'code', noCloseToken: true },
    raw_inline: { node: 'rawInline', getAttrs: (tok) => ({ source: tok.content }) },
    raw_block: { node: 'rawBlock', getAttrs: (tok) => ({ source: tok.content, reason: tok.info }) },
    story_image: { node: 'storyImage', getAttrs: (tok) => ({ ...meta<StoryImageAttrs>(tok) }) },
    story_gallery: { node: 'storyGallery', getAttrs: (tok) => ({ ...meta<object>(tok) }) },
    story_embed: { node: 'storyEmbed', getAttrs: (tok) => ({ ...meta<object>(tok) }) },
    story_table: { node: 'storyTable', getAttrs: (tok) => ({ ...meta<StoryTableAttrs>(tok) }) },
    pullquote: { block: 'pullQuote', getAttrs: (tok) => ({ ...meta<object>(tok) }) },
    factbox: { block: 'factBox', getAttrs: (tok) => ({ ...meta<object>(tok) }) },
  });
}

function listIsTight(tokens: readonly Token[], i: number): boolean {
  while (++i < tokens.length) if (tokens[i]!.type !== 'list_item_open') return tokens[i]!.hidden;
  return false;
}
