import type { Node as PMNode } from '@tiptap/pm/model';
import { MarkdownSerializer, defaultMarkdownSerializer, type MarkdownSerializerState } from './vendor/prosemirror-to-markdown';
import { imageDirective, writeAttributes, type StoryImageAttrs } from './directives';
import type { StoryTableAttrs } from './story-schema';

/**
 * The visual editor's document as the body's Markdown (decision 18), in the canonical form of the blocks
 * format: prosemirror-markdown's serializer (its copy in vendor/, without the package's markdown-it) with a
 * writer per story block; raw nodes are written back as they were read. Apart from the parser (story-markdown.ts), so the browser can write Markdown without
 * loading markdown-it until it has text to read that the server has not read for it.
 */

const marks = defaultMarkdownSerializer.marks as Record<'em' | 'strong' | 'link' | 'code', MarkdownSerializer['marks'][string]>;
const nodes = defaultMarkdownSerializer.nodes as Record<'blockquote' | 'heading' | 'list_item' | 'paragraph' | 'text' | 'hard_break', NodeWriter>;

type NodeWriter = (state: MarkdownSerializerState, node: PMNode, parent: PMNode, index: number) => void;

const block = (state: MarkdownSerializerState, node: PMNode, line: string) => {
  state.write(line);
  state.closeBlock(node);
};

function writeTable(state: MarkdownSerializerState, table: StoryTableAttrs): void {
  const row = (cells: readonly string[]) => `| ${cells.map((c) => c.replace(/\n/g, ' ').replace(/\|/g, '\\|')).join(' | ')} |`;
  const rule = table.align.map((a) => (a === 'left' ? ':---' : a === 'center' ? ':---:' : a === 'right' ? '---:' : '---'));
  const lines = [row(table.header), `|${rule.join('|')}|`, ...table.rows.map(row)];
  if (table.caption) lines.unshift(`:::table${writeAttributes('table', { caption: table.caption })}`);
  if (table.caption) lines.push(':::');
  lines.forEach((line, i) => {
    state.write(line);
    if (i < lines.length - 1) state.ensureNewLine();
  });
}

const writers: Record<string, NodeWriter> = {
  blockquote: nodes.blockquote,
  codeBlock: (state, node) => {
    const backticks = node.textContent.match(/`{3,}/gm);
    const fence = backticks ? `${backticks.sort().slice(-1)[0]}\`` : '```';
    state.write(`${fence}${(node.attrs.language as string | null) ?? ''}\n`);
    state.text(node.textContent, false);
    state.write('\n');
    state.write(fence);
    state.closeBlock(node);
  },
  heading: nodes.heading,
  horizontalRule: (state, node) => block(state, node, '---'),
  bulletList: (state, node) => state.renderList(node, '  ', () => '- '),
  orderedList: (state, node) => {
    const start = (node.attrs.start as number) ?? 1;
    const width = String(start + node.childCount - 1).length;
    state.renderList(node, ' '.repeat(width + 2), (i) => `${start + i}. `);
  },
  listItem: nodes.list_item,
  // An empty paragraph (the line the cursor waits on after a block) has no Markdown: nothing is written.
  paragraph: (state, node, parent, index) => {
    if (node.childCount > 0 || parent.childCount === 1) nodes.paragraph(state, node, parent, index);
  },
  text: nodes.text,
  hardBreak: nodes.hard_break,
  rawInline: (state, node) => state.text(node.attrs.source as string, false),
  rawBlock: (state, node) => {
    state.text(node.attrs.source as string, false);
    state.closeBlock(node);
  },
  storyImage: (state, node) => block(state, node, imageDirective(node.attrs as StoryImageAttrs)),
  storyEmbed: (state, node) => block(state, node, `::embed${writeAttributes('embed', node.attrs)}`),
  storyGallery: (state, node) => {
    state.write(':::gallery');
    for (const image of node.attrs.images as StoryImageAttrs[]) {
      state.ensureNewLine();
      state.write(imageDirective(image));
    }
    state.ensureNewLine();
    block(state, node, ':::');
  },
  storyTable: (state, node) => {
    writeTable(state, node.attrs as StoryTableAttrs);
    state.closeBlock(node);
  },
  pullQuote: (state, node) => {
    state.write(`:::pullquote${writeAttributes('pullquote', node.attrs)}`);
    state.ensureNewLine();
    state.renderInline(node);
    state.ensureNewLine();
    block(state, node, ':::');
  },
  factBox: (state, node) => {
    state.write(`:::factbox${writeAttributes('factbox', node.attrs)}`);
    state.ensureNewLine();
    state.renderContent(node);
    // The last paragraph or list asked for a blank line after it: the closing line follows it directly.
    (state as unknown as { flushClose: (size: number) => void }).flushClose(1);
    block(state, node, ':::');
  },
};

const serializer = new MarkdownSerializer(writers, {
  italic: { ...marks.em, open: '*', close: '*' },
  bold: marks.strong,
  strike: { open: '~~', close: '~~', mixable: true, expelEnclosingWhitespace: true },
  link: marks.link,
  code: marks.code,
});

/** The document as the body's canonical Markdown (no trailing blank lines). */
export function storyMarkdown(doc: PMNode): string {
  return serializer.serialize(doc, { tightLists: true }).replace(/\s+$/, '');
}
