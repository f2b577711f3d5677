import { getSchema } from '@tiptap/core';
import type { MarkdownParser } from 'prosemirror-markdown';
import { storyParser } from './story-markdown';
import { storyExtensions } from './story-schema';

/** A text and the visual editor's document for it (JSON), read on the server. */
export interface EditorDocument {
  markdown: string;
  doc: object;
}

let parser: MarkdownParser | undefined;

/**
 * The visual editor's documents for the texts a page opens with (the body, "Why it matters"), read by the
 * same parser as in the browser (story-markdown.ts), so the browser needs no parser (markdown-it) until
 * it is given text the server has not read for it (decision 18's amendment). Texts are at most the
 * form's limit (100,000 characters) and markdown-it reads in linear time. A text that fails to parse is
 * left out: the browser then reads it itself.
 */
export function editorDocuments(texts: readonly string[]): EditorDocument[] {
  parser ??= storyParser(getSchema(storyExtensions()));
  const documents: EditorDocument[] = [];
  // As the browser's textarea gives the text back (its value has \n line ends only), which the editor reads.
  for (const markdown of new Set(texts.map((text) => text.replace(/\r\n?/g, '\n')))) {
    try {
      // Through JSON: ProseMirror keeps attributes in null-prototype objects, which React will not send to the browser.
      documents.push({ markdown, doc: JSON.parse(JSON.stringify(parser.parse(markdown).toJSON())) as object });
    } catch {
      // Read in the browser instead.
    }
  }
  return documents;
}
