import { getSchema } from '@tiptap/core';
import { describe, expect, it } from 'vitest';
import { editorDocuments } from './editor-documents';
import { storyMarkdown, storyParser } from './story-markdown';
import { storyExtensions } from './story-schema';

const schema = getSchema(storyExtensions());

describe('the documents the server reads for the visual editor', () => {
  it('are what the browser’s parser reads, once per text, with the line ends the browser’s textarea gives', () => {
    const body = 'One.\r\n\r\n::image{id=3 size="wide"}\r\n\r\n:::factbox{title="Facts"}\r\n- a\r\n:::';
    const documents = editorDocuments([body, '', body]);
    expect(documents.map((d) => d.markdown)).toEqual([body.replace(/\r\n/g, '\n'), '']);
    const [first] = documents;
    expect(first!.doc).toEqual(storyParser(schema).parse(first!.markdown).toJSON());
    expect(storyMarkdown(schema.nodeFromJSON(first!.doc))).toBe(first!.markdown);
  });

  it('are plain data a server component may hand to a client component (ProseMirror keeps attributes in null-prototype objects)', () => {
    const [document] = editorDocuments(['::image{id=3 size="wide"}\n\n:::gallery\n::image{id=4}\n:::\n\n::embed{url="https://vimeo.com/1"}\n\n## A *heading*']);
    const notPlain: string[] = [];
    const visit = (value: unknown, path: string) => {
      if (value === null || typeof value !== 'object') return;
      const prototype = Object.getPrototypeOf(value) as unknown;
      if (prototype !== Object.prototype && prototype !== Array.prototype) notPlain.push(path);
      for (const [key, inner] of Object.entries(value)) visit(inner, `${path}.${key}`);
    };
    visit(document!.doc, 'doc');
    expect(notPlain).toEqual([]);
  });

  it('keep a text named like an object’s own properties as text', () => {
    expect(editorDocuments(['__proto__', 'constructor']).map((d) => d.markdown)).toEqual(['__proto__', 'constructor']);
  });
});
