'use client';

import { createContext, useContext, useEffect, useId, useMemo, useRef, useState, type ReactNode, type RefObject } from 'react';
import { createPortal } from 'react-dom';
import { getSchema, type Editor } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { Selection } from '@tiptap/pm/state';
import { EditorContent, NodeViewContent, NodeViewWrapper, ReactNodeViewRenderer, useEditor, useEditorState, type ReactNodeViewProps } from '@tiptap/react';
import { embedProvider, IMAGE_SIZES, type StoryImageAttrs } from '@/lib/editor/directives';
import type { EditorDocument } from '@/lib/editor/editor-documents';
import { storyMarkdown } from '@/lib/editor/story-serializer';
import { FactBox, PullQuote, RawBlock, RawInline, StoryEmbed, StoryGallery, StoryImage, StoryTable, storyExtensions, type CellAlign, type StoryTableAttrs } from '@/lib/editor/story-schema';
import type { MediaChoice, MediaPickerActions } from './MediaLibraryPicker.client';
import { MediaThumbnail } from './MediaThumbnail.client';
import './visual-editor.css';

/** The library images the editor knows (the page's recent ones, those found or uploaded since), and the picker's actions. */
interface Library {
  media: ReadonlyMap<number, MediaChoice>;
  remember: (media: readonly MediaChoice[]) => void;
  actions: MediaPickerActions;
}
const LibraryContext = createContext<Library | null>(null);
const useLibrary = () => useContext(LibraryContext)!;

/** An input inside a block's form must not submit the article form on Enter. */
const noSubmit = (event: React.KeyboardEvent) => {
  if (event.key === 'Enter' && !(event.target instanceof HTMLTextAreaElement)) event.preventDefault();
};

function TextInput({
  label,
  value,
  onChange,
  placeholder,
  hint,
  onKeyDown = noSubmit,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  hint?: string;
  /** Instead of the default (Enter does not submit the article form). */
  onKeyDown?: (event: React.KeyboardEvent) => void;
}) {
  const id = useId();
  return (
    <div className="block-form__field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="text" value={value} placeholder={placeholder} onChange={(e) => onChange(e.target.value)} onKeyDown={onKeyDown} aria-describedby={hint ? `${id}-hint` : undefined} />
      {hint && (
        <span className="block-form__hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
    </div>
  );
}

/** The first field of a block's form, where the keyboard goes when it opens. */
const firstField = (form: HTMLElement | null) => form?.querySelector<HTMLElement>('input, select, textarea, button');

/**
 * A block's frame: its kind, its buttons (edit, remove), its look and, when open, its form. With the
 * keyboard: the Edit button opens the form and puts the focus in its first field; Escape anywhere in the
 * form (or Done) closes it and gives the focus back to the Edit button, so the writer is where they were.
 */
function BlockFrame({ kind, props, children, form, problem }: { kind: string; props: ReactNodeViewProps; children: ReactNode; form?: ReactNode; problem?: string | null }) {
  const [editing, setEditing] = useState(false);
  const formId = useId();
  const editButton = useRef<HTMLButtonElement>(null);
  const formRef = useRef<HTMLDivElement>(null);
  const opened = useRef(false);
  useEffect(() => {
    const formElement = formRef.current;
    if (!editing || !formElement) return;
    // Only when the writer opened it now (not when a re-render finds it open).
    if (opened.current) firstField(formElement)?.focus();
    opened.current = false;
    // Escape from any of its fields (text, select, the table's cells and buttons) closes it.
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      event.stopPropagation();
      setEditing(false);
      editButton.current?.focus();
    };
    formElement.addEventListener('keydown', onKeyDown);
    return () => formElement.removeEventListener('keydown', onKeyDown);
  }, [editing]);
  return (
    <NodeViewWrapper className={`story-block${props.selected ? ' story-block--selected' : ''}`} data-block={kind} contentEditable={false}>
      <div className="story-block__bar">
        <span className="story-block__kind">{kind}</span>
        {form && (
          <button
            type="button"
            ref={editButton}
            className="story-block__button"
            aria-expanded={editing}
            aria-controls={formId}
            onClick={() => {
              opened.current = !editing;
              setEditing(!editing);
            }}
          >
            {editing ? 'Done' : `Edit ${kind.toLowerCase()}`}
          </button>
        )}
        <button type="button" className="story-block__button" onClick={() => props.deleteNode()}>
          Remove {kind.toLowerCase()}
        </button>
      </div>
      {problem && (
        <p className="story-block__problem" role="note">
          {problem}
        </p>
      )}
      {children}
      {form && editing && (
        <div className="block-form" id={formId} ref={formRef} role="group" aria-label={`${kind} details`}>
          {form}
        </div>
      )}
    </NodeViewWrapper>
  );
}

function ImageFigure({ image, library }: { image: StoryImageAttrs; library: Library }) {
  const media = library.media.get(image.id);
  const alt = image.alt || media?.alt || '';
  return (
    <figure className={`story-image story-image--${image.size}`}>
      {media?.fileName ? <MediaThumbnail media={media} width={320} /> : <span className="story-image__missing">Image #{image.id}</span>}
      <figcaption>
        <span className="story-image__alt">{alt ? `Alt text: ${alt}` : 'No alt text'}</span>
        {image.caption && <span> {image.caption}</span>}
        {image.credit && <span className="story-image__credit"> {image.credit}</span>}
      </figcaption>
    </figure>
  );
}

function imageProblem(image: StoryImageAttrs, library: Library): string | null {
  const media = library.media.get(image.id);
  if (!image.alt && media && !media.alt) return 'This image needs alt text: readers who cannot see it get nothing.';
  if (!media) return `Image #${image.id} is not among the library images this page knows: the preview shows whether it exists.`;
  return null;
}

function ImageFields({ image, onChange, library }: { image: StoryImageAttrs; onChange: (changes: Partial<StoryImageAttrs>) => void; library: Library }) {
  const id = useId();
  const media = library.media.get(image.id);
  return (
    <>
      <TextInput label="Alt text" value={image.alt} onChange={(alt) => onChange({ alt })} placeholder={media?.alt} hint="Empty: the library's alt text." />
      <TextInput label="Caption" value={image.caption} onChange={(caption) => onChange({ caption })} hint="Empty: the library's caption." />
      <TextInput label="Credit" value={image.credit} onChange={(credit) => onChange({ credit })} hint="Empty: the library's credit." />
      <div className="block-form__field">
        <label htmlFor={`${id}-size`}>Size</label>
        <select id={`${id}-size`} value={image.size} onChange={(e) => onChange({ size: e.target.value as StoryImageAttrs['size'] })}>
          {IMAGE_SIZES.map((size) => (
            <option key={size} value={size}>
              {size === 'column' ? 'Column width' : size === 'wide' ? 'Full width' : 'Inset beside the text'}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}

function ImageView(props: ReactNodeViewProps) {
  const library = useLibrary();
  const image = props.node.attrs as StoryImageAttrs;
  return (
    <BlockFrame kind="Image" props={props} problem={imageProblem(image, library)} form={<ImageFields image={image} library={library} onChange={(c) => props.updateAttributes(c)} />}>
      <ImageFigure image={image} library={library} />
    </BlockFrame>
  );
}

function GalleryView(props: ReactNodeViewProps) {
  const library = useLibrary();
  const images = props.node.attrs.images as StoryImageAttrs[];
  const change = (index: number, changes: Partial<StoryImageAttrs>) => props.updateAttributes({ images: images.map((image, i) => (i === index ? { ...image, ...changes } : image)) });
  const problems = images.map((image) => imageProblem(image, library)).filter(Boolean);
  return (
    <BlockFrame
      kind="Gallery"
      props={props}
      problem={problems[0] ?? (images.length === 0 ? 'This gallery has no images.' : null)}
      form={images.map((image, i) => (
        <fieldset key={i} className="block-form__group">
          <legend>Image {i + 1}</legend>
          <ImageFields image={image} library={library} onChange={(c) => change(i, c)} />
          <button type="button" className="story-block__button" onClick={() => props.updateAttributes({ images: images.filter((_, j) => j !== i) })}>
            Remove image {i + 1}
          </button>
        </fieldset>
      ))}
    >
      <div className="story-gallery">
        {images.map((image, i) => (
          <ImageFigure key={i} image={image} library={library} />
        ))}
      </div>
    </BlockFrame>
  );
}

function EmbedView(props: ReactNodeViewProps) {
  const { url, title } = props.node.attrs as { url: string; title: string };
  const provider = embedProvider(url);
  return (
    <BlockFrame
      kind="Embed"
      props={props}
      problem={provider ? null : 'Not a link to a known provider (YouTube, Vimeo, X, Bluesky, Mastodon, Instagram, TikTok): readers get a plain link.'}
      form={
        <>
          <TextInput label="Link" value={url} onChange={(value) => props.updateAttributes({ url: value.trim() })} />
          <TextInput label="Title or post text" value={title} onChange={(value) => props.updateAttributes({ title: value })} hint="Shown before the reader loads the player." />
        </>
      }
    >
      <div className="story-embed">
        <strong>{provider ?? 'Link'}</strong> {title && <span>{title}</span>}
        <span className="story-embed__url">{url}</span>
      </div>
    </BlockFrame>
  );
}

/**
 * A block whose text is edited in place (pull quote, fact box): its bar, its text and its one attribute's
 * field. From the field, Escape or Enter puts the caret at the end of the block's text (the keyboard's way
 * back into the block, whose text the Tab key never reaches: it is the editor's own).
 */
function TextBlock({ kind, props, field, quote }: { kind: string; props: ReactNodeViewProps; field: { label: string; attr: string; placeholder: string }; quote: boolean }) {
  const toText = () => {
    const at = props.getPos();
    if (typeof at !== 'number') return;
    const { state, view } = props.editor;
    // The end of the block's content, or the nearest place text can go before it (a fact box's last paragraph).
    const end = state.doc.resolve(at + props.node.nodeSize - 1);
    view.dispatch(state.tr.setSelection(Selection.near(end, -1)).scrollIntoView());
    view.focus();
  };
  const input = (
    <div className="block-form block-form--inline" contentEditable={false}>
      <TextInput
        label={field.label}
        value={props.node.attrs[field.attr] as string}
        onChange={(value) => props.updateAttributes({ [field.attr]: value })}
        placeholder={field.placeholder}
        hint="Enter or Escape: back to the text."
        onKeyDown={(event) => {
          if (event.key !== 'Escape' && event.key !== 'Enter') return;
          event.preventDefault();
          event.stopPropagation();
          toText();
        }}
      />
    </div>
  );
  return (
    <NodeViewWrapper className="story-block story-block--text" data-block={kind}>
      <div className="story-block__bar" contentEditable={false}>
        <span className="story-block__kind">{kind}</span>
        <button type="button" className="story-block__button" onClick={() => props.deleteNode()}>
          Remove {kind.toLowerCase()}
        </button>
      </div>
      {quote ? (
        <>
          <blockquote className="story-pullquote">
            <NodeViewContent className="story-pullquote__text" />
          </blockquote>
          {input}
        </>
      ) : (
        <aside className="story-factbox">
          {input}
          <NodeViewContent className="story-factbox__text" />
        </aside>
      )}
    </NodeViewWrapper>
  );
}

const PullQuoteView = (props: ReactNodeViewProps) => <TextBlock kind="Pull quote" props={props} quote field={{ label: 'Quote by', attr: 'cite', placeholder: 'Name, role' }} />;
const FactBoxView = (props: ReactNodeViewProps) => <TextBlock kind="Fact box" props={props} quote={false} field={{ label: 'Fact box title', attr: 'title', placeholder: 'What we know' }} />;

function TableView(props: ReactNodeViewProps) {
  const table = props.node.attrs as StoryTableAttrs;
  const set = (changes: Partial<StoryTableAttrs>) => props.updateAttributes(changes);
  const width = table.header.length;
  const setCell = (row: number, col: number, value: string) => {
    if (row < 0) set({ header: table.header.map((c, i) => (i === col ? value : c)) });
    else set({ rows: table.rows.map((r, i) => (i === row ? r.map((c, j) => (j === col ? value : c)) : r)) });
  };
  const alignLabel = (a: CellAlign) => (a === 'right' ? 'right' : a === 'center' ? 'centre' : 'left');
  return (
    <BlockFrame
      kind="Table"
      props={props}
      problem={table.header.every((c) => !c.trim()) ? 'This table has no header cells.' : null}
      form={
        <>
          <TextInput label="Table caption" value={table.caption} onChange={(caption) => set({ caption })} hint="What the table shows." />
          <div className="story-table__grid">
            <table>
              <tbody>
                {[table.header, ...table.rows].map((row, r) => (
                  <tr key={r}>
                    {row.map((cell, c) => (
                      <td key={c}>
                        <input
                          type="text"
                          aria-label={r === 0 ? `Header ${c + 1}` : `Row ${r} column ${c + 1}`}
                          value={cell}
                          onChange={(e) => setCell(r - 1, c, e.target.value)}
                          onKeyDown={noSubmit}
                        />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="block-form__buttons">
            <button type="button" className="story-block__button" onClick={() => set({ rows: [...table.rows, Array<string>(width).fill('')] })}>
              Add a row
            </button>
            <button
              type="button"
              className="story-block__button"
              onClick={() => set({ header: [...table.header, ''], align: [...table.align, null], rows: table.rows.map((r) => [...r, '']) })}
            >
              Add a column
            </button>
            {table.rows.length > 1 && (
              <button type="button" className="story-block__button" onClick={() => set({ rows: table.rows.slice(0, -1) })}>
                Remove the last row
              </button>
            )}
            {width > 1 && (
              <button
                type="button"
                className="story-block__button"
                onClick={() => set({ header: table.header.slice(0, -1), align: table.align.slice(0, -1), rows: table.rows.map((r) => r.slice(0, -1)) })}
              >
                Remove the last column
              </button>
            )}
            {table.align.map((a, i) => (
              <button
                key={i}
                type="button"
                className="story-block__button"
                onClick={() => set({ align: table.align.map((b, j) => (j === i ? (b === 'right' ? null : 'right') : b)) })}
              >
                Column {i + 1}: aligned {alignLabel(a)}
              </button>
            ))}
          </div>
        </>
      }
    >
      <table className="story-table">
        {table.caption && <caption>{table.caption}</caption>}
        <thead>
          <tr>
            {table.header.map((cell, i) => (
              <th key={i} scope="col" style={{ textAlign: table.align[i] ?? undefined }}>
                {cell || <span className="visually-hidden">Header {i + 1} (empty)</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, r) => (
            <tr key={r}>
              {row.map((cell, c) => (
                <td key={c} style={{ textAlign: table.align[c] ?? undefined }}>
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </BlockFrame>
  );
}

function RawView(props: ReactNodeViewProps) {
  return (
    <BlockFrame kind="Unsupported block" props={props} problem={`Kept exactly as written, but not shown as a block: ${props.node.attrs.reason as string}. Edit it in Markdown mode.`}>
      <pre className="story-raw">{props.node.attrs.source as string}</pre>
    </BlockFrame>
  );
}

/** The blocks with their views (the schema itself is shared with the round-trip tests). */
const viewed = [
  StoryImage.extend({ addNodeView: () => ReactNodeViewRenderer(ImageView) }),
  StoryGallery.extend({ addNodeView: () => ReactNodeViewRenderer(GalleryView) }),
  PullQuote.extend({ addNodeView: () => ReactNodeViewRenderer(PullQuoteView) }),
  FactBox.extend({ addNodeView: () => ReactNodeViewRenderer(FactBoxView) }),
  StoryTable.extend({ addNodeView: () => ReactNodeViewRenderer(TableView) }),
  StoryEmbed.extend({ addNodeView: () => ReactNodeViewRenderer(EmbedView) }),
  RawBlock.extend({ addNodeView: () => ReactNodeViewRenderer(RawView) }),
  RawInline,
];

/** Word's list bullets and conditional comments, which would otherwise arrive as stray characters. */
export function cleanPastedHtml(html: string): string {
  return html
    .replace(/<!--\[if !supportLists\]-->[\s\S]*?<!--\[endif\]-->/g, '')
    .replace(/<span[^>]*mso-list:\s*Ignore[^>]*>[\s\S]*?<\/span>/gi, '')
    .replace(/<\/?o:p>/g, '');
}

type Dialog =
  | { kind: 'link' }
  | { kind: 'embed' }
  | { kind: 'image'; gallery: boolean; file?: File; at?: number };

const setTextareaValue = (textarea: HTMLTextAreaElement, value: string) => {
  Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!.call(textarea, value);
  // The form hears it as typing: autosave, presence and the preview follow.
  textarea.dispatchEvent(new Event('input', { bubbles: true }));
};

interface EditorProps {
  textarea: RefObject<HTMLTextAreaElement | null>;
  initialBody: string;
  /** Documents read on the server for the texts the page opened with. */
  documents: readonly EditorDocument[];
  media: readonly MediaChoice[];
  actions: MediaPickerActions;
  label?: string;
  /** Bold, italic, links and lists only (no blocks), for the other long text fields. */
  compact?: boolean;
}

/**
 * The last document each editor on this page wrote, by its label, with the text it wrote: the form is
 * rebuilt after every save with the text the server sent back, which is usually that text, so the editor
 * opens again without reading it (and without loading the parser).
 */
const written = new Map<string, { markdown: string; doc: PMNode }>();

/** The document for a text, if the server or an editor of this page has read it already. */
function knownDocument(markdown: string, documents: readonly EditorDocument[]): object | null {
  for (const kept of written.values()) if (kept.markdown === markdown) return kept.doc.toJSON() as object;
  return documents.find((d) => d.markdown === markdown)?.doc ?? null;
}

/**
 * Reads a text the server has not read for the editor (Markdown typed in the source mode, a local draft
 * or the other editor's version put into the form): markdown-it and the parser, loaded on demand.
 */
async function readMarkdown(markdown: string): Promise<object> {
  const { storyParser } = await import('@/lib/editor/story-markdown');
  return storyParser(getSchema(storyExtensions())).parse(markdown).toJSON() as object;
}

/**
 * The visual editor of the body (decision 18): Tiptap over the Markdown the form saves. It reads the
 * textarea's text when it opens (from the document the server read for it when there is one) and
 * writes the Markdown back into it after every change (the text as it was, when the change is undone):
 * the textarea stays the field that is saved.
 */
export function VisualBodyEditor(props: EditorProps) {
  const { textarea, initialBody, documents } = props;
  const [start] = useState(() => {
    const original = textarea.current?.value ?? initialBody;
    return { original, doc: knownDocument(original, documents) };
  });
  const [content, setContent] = useState<object | null>(start.doc);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (content) return;
    let open = true;
    readMarkdown(start.original).then(
      (doc) => open && setContent(doc),
      () => open && setFailed(true),
    );
    return () => {
      open = false;
    };
  }, [content, start.original]);
  if (failed) {
    return (
      <p className="field__error" role="alert">
        The visual editor could not read this text (is the connection down?): press “Markdown” to edit the source.
      </p>
    );
  }
  if (!content) return <p className="visual-editor__loading">Loading the visual editor…</p>;
  return <LoadedEditor {...props} original={start.original} content={content} />;
}

function LoadedEditor({
  textarea,
  media,
  actions,
  label = 'Body',
  compact = false,
  original,
  content,
}: EditorProps & { original: string; content: object }) {
  const helpId = useId();
  const [known, setKnown] = useState(() => new Map(media.map((m) => [m.id, m])));
  const library = useMemo<Library>(
    () => ({
      media: known,
      actions,
      remember: (more) => setKnown((current) => new Map([...current, ...more.map((m) => [m.id, m] as const)])),
    }),
    [known, actions],
  );
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [menuOpen, setMenuOpen] = useState(false);
  const [status, setStatus] = useState('');
  const [setup] = useState(() => {
    const extensions = storyExtensions(viewed);
    const doc = getSchema(extensions).nodeFromJSON(content);
    written.set(label, { markdown: original, doc });
    return { extensions, original, baseline: storyMarkdown(doc), content };
  });
  const openDialog = useRef<(d: Dialog) => void>(setDialog);
  const openMenu = useRef<() => void>(() => setMenuOpen(true));

  const editor = useEditor({
    extensions: setup.extensions,
    content: setup.content,
    immediatelyRender: false,
    shouldRerenderOnTransaction: false,
    editorProps: {
      attributes: {
        class: `visual-editor__text${compact ? ' visual-editor__text--compact' : ''}`,
        'aria-label': `${label} (visual editor)`,
        'aria-describedby': helpId,
        'aria-multiline': 'true',
        role: 'textbox',
        spellcheck: 'true',
      },
      transformPastedHTML: cleanPastedHtml,
      handleKeyDown: (view, event) => {
        const { $from, empty } = view.state.selection;
        if (!compact && event.key === '/' && empty && $from.parent.type.name === 'paragraph' && $from.parent.content.size === 0) {
          event.preventDefault();
          openMenu.current();
          return true;
        }
        if (event.key === 'k' && (event.metaKey || event.ctrlKey) && !event.altKey) {
          event.preventDefault();
          openDialog.current({ kind: 'link' });
          return true;
        }
        return false;
      },
      handlePaste: (view, event) => {
        if (compact) return false;
        const file = [...(event.clipboardData?.files ?? [])].find((f) => f.type.startsWith('image/'));
        if (file) {
          openDialog.current({ kind: 'image', gallery: false, file });
          return true;
        }
        const text = event.clipboardData?.getData('text/plain')?.trim() ?? '';
        const { $from } = view.state.selection;
        if (/^https?:\/\/\S+$/.test(text) && embedProvider(text) && $from.parent.type.name === 'paragraph' && $from.parent.content.size === 0) {
          view.dispatch(view.state.tr.replaceSelectionWith(view.state.schema.nodes.storyEmbed!.create({ url: text })));
          return true;
        }
        return false;
      },
      handleDrop: (view, event) => {
        if (compact) return false;
        const file = [...(event.dataTransfer?.files ?? [])].find((f) => f.type.startsWith('image/'));
        if (!file) return false;
        event.preventDefault();
        const at = view.posAtCoords({ left: event.clientX, top: event.clientY })?.pos;
        openDialog.current({ kind: 'image', gallery: false, file, at });
        return true;
      },
    },
    onUpdate: ({ editor: current }) => {
      const area = textarea.current;
      if (!area) return;
      const markdown = storyMarkdown(current.state.doc);
      // Back to the document as it opened: the text exactly as it was (even if not written canonically).
      const value = markdown === setup.baseline ? setup.original : markdown;
      written.set(label, { markdown: value, doc: current.state.doc });
      if (area.value !== value) setTextareaValue(area, value);
    },
  });

  return (
    <LibraryContext.Provider value={library}>
      <div className="visual-editor">
        {editor && (
          <Toolbar editor={editor} label={label} compact={compact} onLink={() => setDialog({ kind: 'link' })} menuOpen={menuOpen} setMenuOpen={setMenuOpen} onInsert={(d) => setDialog(d)} />
        )}
        <EditorContent editor={editor} className="visual-editor__content" />
        <p className="visual-editor__help" id={helpId}>
          {compact
            ? 'Ctrl+B bold, Ctrl+I italic, Ctrl+K link.'
            : 'Type “/” on an empty line to insert a block. Ctrl+B bold, Ctrl+I italic, Ctrl+K link, Ctrl+Alt+2 and 3 subheadings.'}
        </p>
        <p role="status" className="visually-hidden">
          {status}
        </p>
        {editor && dialog?.kind === 'link' && <LinkDialog editor={editor} onClose={() => setDialog(null)} />}
        {editor && dialog?.kind === 'embed' && <EmbedDialog editor={editor} onClose={() => setDialog(null)} />}
        {editor && dialog?.kind === 'image' && (
          <ImageDialog
            editor={editor}
            gallery={dialog.gallery}
            file={dialog.file}
            at={dialog.at}
            onDone={(message) => {
              setDialog(null);
              if (message) setStatus(message);
            }}
          />
        )}
      </div>
    </LibraryContext.Provider>
  );
}

const BLOCKS: { label: string; run: (editor: Editor, open: (d: Dialog) => void) => void }[] = [
  { label: 'Image', run: (_e, open) => open({ kind: 'image', gallery: false }) },
  { label: 'Gallery', run: (_e, open) => open({ kind: 'image', gallery: true }) },
  {
    label: 'Pull quote',
    run: (e) => e.chain().focus().insertContent({ type: 'pullQuote', attrs: { cite: '' }, content: [] }).run(),
  },
  {
    label: 'Fact box',
    run: (e) => e.chain().focus().insertContent({ type: 'factBox', attrs: { title: '' }, content: [{ type: 'paragraph' }] }).run(),
  },
  {
    label: 'Table',
    run: (e) =>
      e
        .chain()
        .focus()
        .insertContent({ type: 'storyTable', attrs: { caption: '', align: [null, null], header: ['', ''], rows: [['', ''], ['', '']] } })
        .run(),
  },
  { label: 'Embed (video or post)', run: (_e, open) => open({ kind: 'embed' }) },
  { label: 'Horizontal rule', run: (e) => e.chain().focus().setHorizontalRule().run() },
];

function Toolbar({
  editor,
  label,
  compact,
  onLink,
  menuOpen,
  setMenuOpen,
  onInsert,
}: {
  editor: Editor;
  label: string;
  compact: boolean;
  onLink: () => void;
  menuOpen: boolean;
  setMenuOpen: (open: boolean) => void;
  onInsert: (d: Dialog) => void;
}) {
  const active = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      link: e.isActive('link'),
      h2: e.isActive('heading', { level: 2 }),
      h3: e.isActive('heading', { level: 3 }),
      bullet: e.isActive('bulletList'),
      ordered: e.isActive('orderedList'),
      quote: e.isActive('blockquote'),
      undo: e.can().undo(),
      redo: e.can().redo(),
    }),
  });
  const menuId = useId();
  const menuRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (menuOpen) menuRef.current?.querySelector<HTMLButtonElement>('[role="menuitem"]')?.focus();
  }, [menuOpen]);
  const button = (label: string, pressed: boolean | null, run: () => void, shortcut?: string, text?: ReactNode) => (
    <button
      type="button"
      className="visual-editor__tool"
      aria-pressed={pressed ?? undefined}
      aria-keyshortcuts={shortcut}
      title={shortcut ? `${label} (${shortcut.replace('Control', 'Ctrl')})` : label}
      onMouseDown={(e) => e.preventDefault()}
      onClick={run}
      aria-label={text ? label : undefined}
    >
      {text ?? label}
    </button>
  );
  const chain = () => editor.chain().focus();
  const closeMenu = () => {
    setMenuOpen(false);
    editor.commands.focus();
  };
  return (
    <div className="visual-editor__toolbar" role="toolbar" aria-label={`${label} formatting`}>
      {button('Bold', active.bold, () => chain().toggleBold().run(), 'Control+B', <b>B</b>)}
      {button('Italic', active.italic, () => chain().toggleItalic().run(), 'Control+I', <i>I</i>)}
      {button('Link', active.link, onLink, 'Control+K')}
      {!compact && button('Subheading', active.h2, () => chain().toggleHeading({ level: 2 }).run(), 'Control+Alt+2', 'H2')}
      {!compact && button('Smaller subheading', active.h3, () => chain().toggleHeading({ level: 3 }).run(), 'Control+Alt+3', 'H3')}
      {button('Bulleted list', active.bullet, () => chain().toggleBulletList().run(), undefined, '• List')}
      {button('Numbered list', active.ordered, () => chain().toggleOrderedList().run(), undefined, '1. List')}
      {!compact && button('Quote', active.quote, () => chain().toggleBlockquote().run())}
      <button type="button" className="visual-editor__tool" disabled={!active.undo} onMouseDown={(e) => e.preventDefault()} onClick={() => chain().undo().run()} aria-keyshortcuts="Control+Z">
        Undo
      </button>
      <button type="button" className="visual-editor__tool" disabled={!active.redo} onMouseDown={(e) => e.preventDefault()} onClick={() => chain().redo().run()} aria-keyshortcuts="Control+Shift+Z">
        Redo
      </button>
      {!compact && (
      <span className="visual-editor__insert">
        <button type="button" className="visual-editor__tool" aria-haspopup="menu" aria-expanded={menuOpen} aria-controls={menuId} onClick={() => setMenuOpen(!menuOpen)}>
          + Insert
        </button>
        {menuOpen && (
          <div
            className="visual-editor__menu"
            role="menu"
            tabIndex={-1}
            id={menuId}
            aria-label="Insert a block"
            ref={menuRef}
            onKeyDown={(e) => {
              const items = [...(menuRef.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];
              const at = items.indexOf(document.activeElement as HTMLButtonElement);
              if (e.key === 'Escape') {
                e.preventDefault();
                closeMenu();
              } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                e.preventDefault();
                items[(at + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus();
              } else if (e.key === 'Home' || e.key === 'End') {
                e.preventDefault();
                items[e.key === 'Home' ? 0 : items.length - 1]?.focus();
              } else if (e.key === 'Tab') {
                setMenuOpen(false);
              }
            }}
          >
            {BLOCKS.map((block) => (
              <button
                key={block.label}
                type="button"
                role="menuitem"
                tabIndex={-1}
                onClick={() => {
                  setMenuOpen(false);
                  block.run(editor, onInsert);
                }}
              >
                {block.label}
              </button>
            ))}
          </div>
        )}
      </span>
      )}
    </div>
  );
}

/** A modal dialog, outside the article's form (its fields must never be sent with the article). */
function Modal({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return createPortal(
    <dialog ref={ref} className="visual-editor__dialog" aria-labelledby={titleId} onClose={onClose} onCancel={onClose}>
      <h2 id={titleId}>{title}</h2>
      {children}
    </dialog>,
    document.body,
  );
}

function LinkDialog({ editor, onClose }: { editor: Editor; onClose: () => void }) {
  const current = (editor.getAttributes('link').href as string | undefined) ?? '';
  const [href, setHref] = useState(current);
  const [error, setError] = useState('');
  const close = () => {
    onClose();
    editor.commands.focus();
  };
  return (
    <Modal title={current ? 'Edit link' : 'Add a link'} onClose={close}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const url = href.trim();
          if (!url) {
            editor.chain().focus().extendMarkRange('link').unsetLink().run();
            return close();
          }
          if (!/^(https?:\/\/|mailto:|\/)/i.test(url)) {
            setError('A link starts with https://, http://, mailto: or / (a page of this site).');
            return;
          }
          const chain = editor.chain().focus().extendMarkRange('link');
          if (editor.state.selection.empty && !current) chain.insertContent({ type: 'text', text: url, marks: [{ type: 'link', attrs: { href: url } }] }).run();
          else chain.setLink({ href: url }).run();
          close();
        }}
      >
        <label htmlFor="visual-editor-link">Link address</label>
        <input id="visual-editor-link" type="url" value={href} onChange={(e) => setHref(e.target.value)} aria-invalid={!!error} aria-describedby={error ? 'visual-editor-link-error' : undefined} />
        {error && (
          <p className="field__error" id="visual-editor-link-error">
            {error}
          </p>
        )}
        <div className="visual-editor__dialog-buttons">
          <button type="submit" className="button">
            {href.trim() || !current ? 'Apply link' : 'Remove link'}
          </button>
          <button type="button" className="button button--secondary" onClick={close}>
            Cancel
          </button>
        </div>
      </form>
    </Modal>
  );
}

function EmbedDialog({ editor, onClose }: { editor: Editor; onClose: () => void }) {
  const [url, setUrl] = useState('');
  const [title, setTitle] = useState('');
  const provider = embedProvider(url.trim());
  const close = () => {
    onClose();
    editor.commands.focus();
  };
  return (
    <Modal title="Embed a video or post" onClose={close}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!url.trim()) return;
          editor.chain().focus().insertContent({ type: 'storyEmbed', attrs: { url: url.trim(), title } }).run();
          close();
        }}
      >
        <label htmlFor="visual-editor-embed">Link to the video or post</label>
        <input id="visual-editor-embed" type="url" value={url} onChange={(e) => setUrl(e.target.value)} aria-describedby="visual-editor-embed-hint" />
        <p className="field__hint" id="visual-editor-embed-hint" aria-live="polite">
          {url.trim() ? (provider ? `Recognised: ${provider}.` : 'Not a known provider: readers will get a plain link.') : 'YouTube, Vimeo, X, Bluesky, Mastodon, Instagram or TikTok.'}
        </p>
        <label htmlFor="visual-editor-embed-title">Title or post text (optional)</label>
        <input id="visual-editor-embed-title" type="text" value={title} onChange={(e) => setTitle(e.target.value)} />
        <div className="visual-editor__dialog-buttons">
          <button type="submit" className="button">
            Insert embed
          </button>
          <button type="button" className="button button--secondary" onClick={close}>
            Cancel
          </button>
        </div>
      </form>
    </Modal>
  );
}

/** Chooses library images (one, or several for a gallery), searching the library, or uploads one first. */
function ImageDialog({ editor, gallery, file, at, onDone }: { editor: Editor; gallery: boolean; file?: File; at?: number; onDone: (message?: string) => void }) {
  const library = useLibrary();
  const [items, setItems] = useState<readonly MediaChoice[]>(() => [...library.media.values()].slice(0, 24));
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<number[]>([]);
  const [message, setMessage] = useState(file ? `Describe “${file.name}” to upload it into the library.` : '');
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [busy, setBusy] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);
  const [upload, setUpload] = useState({ alt: '', caption: '', credit: '' });
  const id = useId();

  const place = (ids: number[]) => {
    if (ids.length === 0) return;
    const images = ids.map((i) => ({ id: i, size: 'column', alt: '', caption: '', credit: '' }));
    const content = gallery ? { type: 'storyGallery', attrs: { images } } : { type: 'storyImage', attrs: images[0] };
    const chain = editor.chain().focus();
    if (at !== undefined) chain.insertContentAt(at, content).run();
    else chain.insertContent(content).run();
    onDone(gallery ? `Gallery of ${ids.length} images inserted.` : 'Image inserted.');
  };
  const search = async () => {
    setBusy(true);
    try {
      const found = await library.actions.findMedia(query, 1);
      library.remember(found.items);
      setItems(found.items);
      setMessage(`${found.total} image${found.total === 1 ? '' : 's'} found.`);
    } catch {
      setMessage('The search failed: try again.');
    } finally {
      setBusy(false);
    }
  };
  const send = async () => {
    const picked = file ?? fileRef.current?.files?.[0];
    if (!picked) {
      setErrors({ file: 'Choose an image file.' });
      return;
    }
    const data = new FormData();
    data.set('file', picked);
    data.set('alt', upload.alt);
    data.set('caption', upload.caption);
    data.set('credit', upload.credit);
    setBusy(true);
    setMessage('Uploading…');
    try {
      const result = await library.actions.uploadMediaFromPicker(data);
      if (!result.ok) {
        setErrors(result.errors);
        setMessage(result.message);
        return;
      }
      library.remember([result.media]);
      if (gallery) {
        setItems((current) => [result.media, ...current]);
        setChosen((current) => [...current, result.media.id]);
        setMessage(`Uploaded “${result.media.alt}” and added it to the gallery.`);
      } else place([result.media.id]);
    } catch {
      setMessage('The upload failed (the connection, or a file over the size limit): try again.');
    } finally {
      setBusy(false);
    }
  };
  const fieldError = (name: string) =>
    errors[name] ? (
      <p className="field__error" id={`${id}-${name}-error`}>
        {errors[name]}
      </p>
    ) : null;

  return (
    <Modal title={gallery ? 'Insert a gallery' : file ? 'Upload and insert an image' : 'Insert an image'} onClose={() => onDone()}>
      <div aria-busy={busy || undefined}>
        {!file && (
          <>
            <div className="visual-editor__search">
              <label htmlFor={`${id}-q`}>Search the library</label>
              <input
                id={`${id}-q`}
                type="search"
                value={query}
                onChange={(e) => setQuery(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') {
                    e.preventDefault();
                    void search();
                  }
                }}
              />
              <button type="button" className="button button--secondary" onClick={() => void search()}>
                Search
              </button>
            </div>
            <ul className="visual-editor__images" aria-label="Library images">
              {items.map((m) => {
                const picked = chosen.includes(m.id);
                return (
                  <li key={m.id}>
                    <button
                      type="button"
                      aria-pressed={gallery ? picked : undefined}
                      onClick={() => (gallery ? setChosen(picked ? chosen.filter((c) => c !== m.id) : [...chosen, m.id]) : place([m.id]))}
                    >
                      {m.fileName && <MediaThumbnail media={m} width={120} />}
                      <span>{m.alt || `Image #${m.id}`}</span>
                    </button>
                  </li>
                );
              })}
            </ul>
            {gallery && (
              <button type="button" className="button" disabled={chosen.length === 0} onClick={() => place(chosen)}>
                Insert gallery ({chosen.length} chosen)
              </button>
            )}
          </>
        )}
        <fieldset className="visual-editor__upload">
          <legend>{file ? `Upload “${file.name}”` : 'Or upload a new image'}</legend>
          {!file && (
            <>
              <label htmlFor={`${id}-file`}>Image file</label>
              <input id={`${id}-file`} ref={fileRef} type="file" accept="image/jpeg,image/png,image/webp,image/gif" />
              {fieldError('file')}
            </>
          )}
          {(['alt', 'caption', 'credit'] as const).map((name) => (
            <div key={name}>
              <label htmlFor={`${id}-${name}`}>{name === 'alt' ? 'Alt text (required)' : name === 'caption' ? 'Caption' : 'Credit'}</label>
              <input
                id={`${id}-${name}`}
                type="text"
                value={upload[name]}
                onChange={(e) => setUpload({ ...upload, [name]: e.target.value })}
                aria-invalid={!!errors[name]}
                aria-describedby={errors[name] ? `${id}-${name}-error` : undefined}
              />
              {fieldError(name)}
            </div>
          ))}
          <button type="button" className="button" onClick={() => void send()} disabled={busy}>
            {gallery ? 'Upload and add' : 'Upload and insert'}
          </button>
        </fieldset>
        <p role="status" className="field__hint">
          {message}
        </p>
        <button type="button" className="button button--secondary" onClick={() => onDone()}>
          Cancel
        </button>
      </div>
    </Modal>
  );
}
