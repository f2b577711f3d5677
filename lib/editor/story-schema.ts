import { Extension, Node, mergeAttributes, type AnyExtension } from '@tiptap/core';
import { Blockquote } from '@tiptap/extension-blockquote';
import { Bold } from '@tiptap/extension-bold';
import { Code } from '@tiptap/extension-code';
import { CodeBlock } from '@tiptap/extension-code-block';
import { Document } from '@tiptap/extension-document';
import { HardBreak } from '@tiptap/extension-hard-break';
import { Heading } from '@tiptap/extension-heading';
import { HorizontalRule } from '@tiptap/extension-horizontal-rule';
import { Italic } from '@tiptap/extension-italic';
import { BulletList } from '@tiptap/extension-list/bullet-list';
import { ListItem } from '@tiptap/extension-list/item';
import { ListKeymap } from '@tiptap/extension-list/keymap';
import { OrderedList } from '@tiptap/extension-list/ordered-list';
import { Paragraph } from '@tiptap/extension-paragraph';
import { Strike } from '@tiptap/extension-strike';
import { Text } from '@tiptap/extension-text';
import { Dropcursor } from '@tiptap/extensions/drop-cursor';
import { Gapcursor } from '@tiptap/extensions/gap-cursor';
import { TrailingNode } from '@tiptap/extensions/trailing-node';
import { UndoRedo } from '@tiptap/extensions/undo-redo';
import { embedProvider, IMAGE_SIZES, type StoryImageAttrs } from './directives';
import { StoryLink } from './story-link';

/**
 * The visual editor's document: what Tiptap's starter kit holds (paragraphs, headings, lists, quotes,
 * bold, italic…, imported one by one so nothing unused is shipped), a link mark of our own, plus one node
 * per story block of the stored format (decision 18). Here without any drawing code, so the round-trip
 * tests build the same schema in node; the browser adds node views to these.
 */

/** Lists remember whether they were written tight (no blank lines between items), so they are written back the same. */
const TightLists = Extension.create({
  name: 'tightLists',
  addGlobalAttributes() {
    return [
      {
        types: ['bulletList', 'orderedList'],
        attributes: {
          tight: {
            default: true,
            parseHTML: (element) => element.getAttribute('data-tight') !== 'false',
            renderHTML: (attributes) => ({ 'data-tight': attributes.tight ? 'true' : 'false' }),
          },
        },
      },
    ];
  },
});

const text = (element: HTMLElement, selector: string) => element.querySelector(selector)?.textContent?.trim() ?? '';

/** `::image{…}`: a library image with its size and its own alt text, caption and credit (empty: the library's). */
export const StoryImage = Node.create({
  name: 'storyImage',
  group: 'block',
  atom: true,
  draggable: true,
  addAttributes() {
    return {
      id: { default: 0 },
      size: { default: 'column' },
      alt: { default: '' },
      caption: { default: '' },
      credit: { default: '' },
    };
  },
  parseHTML() {
    return [
      {
        tag: 'figure[data-story-image]',
        getAttrs: (element) => {
          const size = element.getAttribute('data-size') ?? 'column';
          return {
            id: Number(element.getAttribute('data-story-image')) || 0,
            size: (IMAGE_SIZES as readonly string[]).includes(size) ? size : 'column',
            alt: element.querySelector('img')?.getAttribute('alt') ?? '',
            caption: text(element, 'figcaption .caption'),
            credit: text(element, 'figcaption .credit'),
          };
        },
      },
    ];
  },
  renderHTML({ node }) {
    const a = node.attrs as StoryImageAttrs;
    return ['figure', { 'data-story-image': String(a.id), 'data-size': a.size }, ['figcaption', {}, ['span', { class: 'caption' }, a.caption], ' ', ['span', { class: 'credit' }, a.credit]]];
  },
});

/** `:::gallery` of `::image{…}` lines. */
export const StoryGallery = Node.create({
  name: 'storyGallery',
  group: 'block',
  atom: true,
  draggable: true,
  addAttributes() {
    return { images: { default: [] as StoryImageAttrs[], parseHTML: (element) => JSON.parse(element.getAttribute('data-images') ?? '[]') as StoryImageAttrs[] } };
  },
  parseHTML() {
    return [{ tag: 'div[data-story-gallery]' }];
  },
  renderHTML({ node }) {
    return ['div', { 'data-story-gallery': '', 'data-images': JSON.stringify(node.attrs.images) }];
  },
});

/** `:::pullquote{cite="…"}`: a line of quoted words (inline Markdown) and who said them. */
export const PullQuote = Node.create({
  name: 'pullQuote',
  group: 'block',
  content: 'inline*',
  defining: true,
  addAttributes() {
    return { cite: { default: '', parseHTML: (element) => element.getAttribute('data-cite') ?? '' } };
  },
  parseHTML() {
    return [{ tag: 'blockquote[data-pullquote]', contentElement: 'p' }];
  },
  renderHTML({ node, HTMLAttributes }) {
    return ['blockquote', mergeAttributes(HTMLAttributes, { 'data-pullquote': '', 'data-cite': node.attrs.cite }), ['p', 0]];
  },
});

/** `:::factbox{title="…"}`: a titled aside of paragraphs and lists. */
export const FactBox = Node.create({
  name: 'factBox',
  group: 'block',
  content: 'block+',
  defining: true,
  addAttributes() {
    return { title: { default: '', parseHTML: (element) => element.getAttribute('data-title') ?? '' } };
  },
  parseHTML() {
    return [{ tag: 'aside[data-factbox]' }];
  },
  renderHTML({ node, HTMLAttributes }) {
    return ['aside', mergeAttributes(HTMLAttributes, { 'data-factbox': '', 'data-title': node.attrs.title }), 0];
  },
});

export type CellAlign = 'left' | 'center' | 'right' | null;
export interface StoryTableAttrs {
  caption: string;
  align: CellAlign[];
  header: string[];
  /** Each cell's Markdown source, as written between the pipes. */
  rows: string[][];
}

/** Reads a pasted HTML table (Word, Google Docs, a web page) into the table block's cells, as plain text. */
function tableFromHtml(element: HTMLElement): StoryTableAttrs {
  const cellText = (cell: Element) => (cell.textContent ?? '').replace(/\s+/g, ' ').trim();
  const rows = [...element.querySelectorAll('tr')].map((row) => [...row.querySelectorAll('th, td')].map(cellText));
  const width = Math.max(1, ...rows.map((row) => row.length));
  const pad = (row: string[]) => [...row, ...Array<string>(width - row.length).fill('')];
  const [header = [], ...body] = rows;
  return { caption: text(element, 'caption'), align: Array<CellAlign>(width).fill(null), header: pad(header), rows: body.map(pad) };
}

/** A GFM pipe table, in `:::table{caption="…"}` when it has a caption. */
export const StoryTable = Node.create({
  name: 'storyTable',
  group: 'block',
  atom: true,
  draggable: true,
  addAttributes() {
    return {
      caption: { default: '' },
      align: { default: [null, null] as CellAlign[] },
      header: { default: ['', ''] },
      rows: { default: [['', '']] },
    };
  },
  parseHTML() {
    return [{ tag: 'table', getAttrs: (element) => ({ ...tableFromHtml(element) }) }];
  },
  renderHTML({ node }) {
    const a = node.attrs as StoryTableAttrs;
    return [
      'table',
      {},
      ['caption', {}, a.caption],
      ['thead', {}, ['tr', {}, ...a.header.map((cell) => ['th', {}, cell])]],
      ['tbody', {}, ...a.rows.map((row) => ['tr', {}, ...row.map((cell) => ['td', {}, cell])])],
    ];
  },
});

/** `::embed{url="…" title="…"}`: a video or post from a known provider, shown to readers as a facade. */
export const StoryEmbed = Node.create({
  name: 'storyEmbed',
  group: 'block',
  atom: true,
  draggable: true,
  addAttributes() {
    return { url: { default: '' }, title: { default: '' } };
  },
  parseHTML() {
    return [{ tag: 'div[data-story-embed]', getAttrs: (element) => ({ url: element.getAttribute('data-story-embed') ?? '', title: element.textContent?.trim() ?? '' }) }];
  },
  renderHTML({ node }) {
    return ['div', { 'data-story-embed': node.attrs.url, 'data-provider': embedProvider(node.attrs.url) ?? '' }, node.attrs.title];
  },
});

/** Text the editor cannot show as a block (an unknown directive, raw HTML…): kept verbatim, with the reason, and written back as it was. */
export const RawBlock = Node.create({
  name: 'rawBlock',
  group: 'block',
  atom: true,
  addAttributes() {
    return { source: { default: '' }, reason: { default: '' } };
  },
  // Never parsed from pasted HTML: only the Markdown makes these.
  renderHTML({ node }) {
    return ['pre', { 'data-raw-block': '' }, node.attrs.source];
  },
});

/** The same within a paragraph (an HTML tag, an entity, a Markdown image): written back verbatim. */
export const RawInline = Node.create({
  name: 'rawInline',
  group: 'inline',
  inline: true,
  atom: true,
  addAttributes() {
    return { source: { default: '' } };
  },
  renderHTML({ node }) {
    return ['code', { 'data-raw-inline': '' }, node.attrs.source];
  },
});

/** Everything the body's document is made of (the browser extends the block nodes with their node views). */
export function storyExtensions(blocks: readonly AnyExtension[] = [StoryImage, StoryGallery, PullQuote, FactBox, StoryTable, StoryEmbed, RawBlock, RawInline]): AnyExtension[] {
  // The starter kit's extensions in its order, less underline; StoryLink instead of its link (no linkifyjs).
  return [
    Bold,
    Blockquote,
    BulletList,
    Code,
    CodeBlock,
    Document,
    Dropcursor,
    Gapcursor,
    HardBreak,
    Heading.configure({ levels: [1, 2, 3, 4, 5, 6] }),
    UndoRedo,
    HorizontalRule,
    Italic,
    ListItem,
    ListKeymap,
    StoryLink,
    OrderedList,
    Paragraph,
    Strike,
    Text,
    TrailingNode,
    TightLists,
    ...blocks,
  ];
}
