'use client';

import dynamic from 'next/dynamic';
import { createContext, useContext, useRef, useSyncExternalStore } from 'react';
import type { EditorDocument } from '@/lib/editor/editor-documents';
import type { MediaChoice, MediaPickerActions } from './MediaLibraryPicker.client';
import { useHydrated } from './useHydrated.client';

/**
 * The visual editor's documents for the texts the page opened with, read on the server
 * (lib/editor/editor-documents.ts): with them the browser opens the editor without loading the parser.
 */
const VisualEditorDocuments = createContext<readonly EditorDocument[]>([]);

/** Gives the body fields inside it the documents the page read for them (the editor page wraps the article form in it). */
export function VisualEditorDocumentsProvider({ documents, children }: { documents: readonly EditorDocument[]; children: React.ReactNode }) {
  return <VisualEditorDocuments value={documents}>{children}</VisualEditorDocuments>;
}

/** The visual editor, loaded only when a body is edited visually: the newsroom's other pages never pay for it. */
const VisualBodyEditor = dynamic(() => import('./VisualBodyEditor.client').then((m) => m.VisualBodyEditor), {
  ssr: false,
  loading: () => <p className="visual-editor__loading">Loading the visual editor…</p>,
});

/** Which way this browser edits bodies, remembered per browser ('visual' unless Markdown was chosen). */
const MODE_KEY = 'newsroom.bodyMode';
type Mode = 'visual' | 'markdown';
const listeners = new Set<() => void>();
function readMode(): Mode {
  try {
    return localStorage.getItem(MODE_KEY) === 'markdown' ? 'markdown' : 'visual';
  } catch {
    return 'visual';
  }
}
function writeMode(mode: Mode): void {
  try {
    localStorage.setItem(MODE_KEY, mode);
  } catch {
    // A browser that keeps nothing still switches, for this page.
  }
  for (const listener of listeners) listener();
}
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/**
 * The body: a <textarea name="body"> is the form's field, always (without JavaScript it is all there is,
 * and autosave, drafts kept in the browser, conflicts, the preview and revisions read it). With
 * JavaScript the visual editor stands in its place and writes the Markdown back into it as you type;
 * "Markdown" shows the textarea again.
 */
export function BodyField({
  textarea,
  initialBody,
  media,
  actions,
  label = 'Body',
  compact = false,
}: {
  /** The field's name as its label says it ('Body', 'Why it matters'). */
  label?: string;
  /** Bold, italic, links and lists only: for the other long text fields. */
  compact?: boolean;
  /** The textarea itself, drawn by the caller (its id, name, value and error wiring stay as they were). */
  textarea: (props: { hidden: boolean; ref: React.Ref<HTMLTextAreaElement> }) => React.ReactNode;
  initialBody: string;
  media: readonly MediaChoice[];
  actions: MediaPickerActions;
}) {
  const hydrated = useHydrated();
  const stored = useSyncExternalStore(subscribe, readMode, () => 'markdown' as Mode);
  const mode: Mode = hydrated ? stored : 'markdown';
  const ref = useRef<HTMLTextAreaElement>(null);
  const documents = useContext(VisualEditorDocuments);
  return (
    <>
      {/* One switch, on the body: the other fields follow it (the choice is the browser's, not the field's). */}
      {hydrated && !compact && (
        <div className="visual-editor__modes">
          <button
            type="button"
            className="button button--secondary visual-editor__mode"
            aria-pressed={mode === 'markdown'}
            onClick={() => writeMode(mode === 'markdown' ? 'visual' : 'markdown')}
          >
            Markdown
          </button>
          <span className="field__hint">{mode === 'markdown' ? 'Editing the Markdown source.' : 'Editing visually; “Markdown” shows the source (here and in “Why it matters”).'}</span>
        </div>
      )}
      {textarea({ hidden: mode === 'visual', ref })}
      {mode === 'visual' && <VisualBodyEditor textarea={ref} initialBody={initialBody} documents={documents} media={media} actions={actions} label={label} compact={compact} />}
    </>
  );
}
