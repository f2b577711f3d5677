/**
 * What the newsroom's smaller forms and the editor's autosave get back from their server actions
 * (app/admin/articles/actions.ts, app/admin/import/actions.ts). Client components take the actions as
 * props and type them from here, never from app/. The editor's own state is in ./editor-state.ts.
 */

export interface CorrectionState {
  text: string;
  error: string | null;
  added: boolean;
}

export interface ImportState {
  text: string;
  error: string | null;
  /** Articles whose headline has the same words as the text's: the import waits for "Import anyway". */
  sameHeadline?: { headline: string; status: string; href: string | null }[];
}

export type AutosaveResult = { saved: true; version: number; at: number; pending: boolean } | { saved: false; reason: string };
