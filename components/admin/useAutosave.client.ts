'use client';

import { useEffect, useRef, useState, type FormEvent, type RefObject } from 'react';
import type { AutosaveResult } from '@/lib/newsroom/forms/form-states';
import { readArticleForm, type ArticleFormValues } from '@/lib/newsroom/forms/article-form-values';
import { draftKey, dropDraft, keepDraft, readDraft, type LocalDraft } from './local-drafts.client';

const AUTOSAVE_DELAY_MS = 3_000;
const LEAVE_WARNING = 'This article has unsaved changes. Leave anyway? (What you typed is kept in this browser and offered back when you open the article again.)';

const time = (at: number) => new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const formValues = (form: HTMLFormElement) => readArticleForm(new FormData(form));

/** The fields of `now` that differ from `before`, with their values in `now` (null: none). */
function changedFields(before: ArticleFormValues, now: ArticleFormValues): Partial<ArticleFormValues> | null {
  const changed = (Object.keys(now) as (keyof ArticleFormValues)[]).filter((field) => JSON.stringify(now[field]) !== JSON.stringify(before[field]));
  return changed.length > 0 ? (Object.fromEntries(changed.map((field) => [field, now[field]])) as Partial<ArticleFormValues>) : null;
}

/**
 * Every keystroke is safe: each one is written to the browser's IndexedDB at once (offered back after a
 * crash or reload), and a few seconds after typing stops the form goes to the server: a draft as an
 * autosave, a live article as unpublished changes. Until the server has it, leaving the page or following
 * a newsroom link asks first. Returns the version to save against next, a status line, the text kept
 * from an earlier visit (if any) and what to call on input and after a save.
 */
export function useAutosave({
  form,
  articleId,
  serverSaves,
  baseVersion,
  handSaving,
  autosaveArticle,
}: {
  form: RefObject<HTMLFormElement | null>;
  articleId: number | null;
  /** False for a new article (not on the server yet), an archived one, or a tab someone took over. */
  serverSaves: boolean;
  /** The version the form was loaded at (or a restored local draft's). */
  baseVersion: number;
  /** A save by hand is on its way (the form's action is pending). */
  handSaving: boolean;
  /** The server action that saves the form (app/admin/articles/actions.ts). */
  autosaveArticle: (form: FormData) => Promise<AutosaveResult>;
}) {
  const [autosaved, setAutosaved] = useState<{ from: number; version: number } | null>(null);
  const [status, setStatus] = useState('');
  const [pendingAt, setPendingAt] = useState<number | null>(null);
  const [offer, setOffer] = useState<LocalDraft | null>(null);
  const [keptAt, setKeptAt] = useState<number | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const edits = useRef(0);
  const dirty = useRef(false);
  const writing = useRef<Promise<void> | null>(null);
  const again = useRef(false);
  /** An autosave sent and not answered yet, and the version it answers with (null: refused). */
  const sending = useRef<Promise<number | null> | null>(null);
  /** A save by hand waiting for that answer: a second click meanwhile would queue the same save twice. */
  const saveWaiting = useRef(false);
  /** A save by hand on its way: the form as sent, and the edit count then. */
  const handSave = useRef<{ edits: number; values: ArticleFormValues } | null>(null);
  /** The form as last typed while a save by hand was on its way (its answer rebuilds the form). */
  const typedDuringSave = useRef<ArticleFormValues | null>(null);
  const key = draftKey(articleId);
  // An autosave moves the version on; a new answer from the server (another base) supersedes it.
  const version = autosaved?.from === baseVersion ? autosaved.version : baseVersion;
  const versionRef = useRef(version);
  const baseRef = useRef(baseVersion);
  const handSavingRef = useRef(handSaving);
  useEffect(() => {
    versionRef.current = version;
    baseRef.current = baseVersion;
    handSavingRef.current = handSaving;
  });

  /** Writes the form to IndexedDB; keystrokes during a write are folded into one more write after it. */
  const keepLocally = () => {
    if (writing.current) {
      again.current = true;
      return;
    }
    const write = async () => {
      do {
        again.current = false;
        const element = form.current;
        if (!element) return;
        const sent = articleId === null ? handSave.current?.values : undefined;
        const draft: LocalDraft = { values: formValues(element), version: versionRef.current, at: Date.now(), ...(sent ? { sent } : {}) };
        try {
          await keepDraft(key, draft);
          setKeptAt(draft.at);
          if (!serverSaves) setStatus(`Not saved yet: kept in this browser at ${time(draft.at)}.`);
        } catch {
          return; // No IndexedDB here (a private window may refuse it): the server saves still run.
        }
      } while (again.current);
    };
    writing.current = write().finally(() => {
      writing.current = null;
    });
  };

  /** The server has the text: nothing to guard, nothing to keep locally (unless typing went on). */
  const markSaved = (editsWhenSent = edits.current) => {
    if (editsWhenSent !== edits.current) return;
    dirty.current = false;
    void Promise.resolve(writing.current).then(() => (edits.current === editsWhenSent ? dropDraft(key).catch(() => undefined) : undefined));
  };

  const save = async () => {
    const element = form.current;
    if (!element) return;
    // Not while a save by hand is on its way: sent against the same version, one of the two would be
    // refused as someone else's. Its answer comes first, and this goes after it, with its version.
    if (handSavingRef.current) {
      timer.current = setTimeout(() => void save(), AUTOSAVE_DELAY_MS);
      return;
    }
    const sent = edits.current;
    const from = baseRef.current;
    const data = new FormData(element);
    data.set('version', String(versionRef.current));
    const answer = autosaveArticle(data);
    const sentNow = answer.then(
      (r) => (r.saved ? r.version : null),
      () => null,
    );
    sending.current = sentNow;
    const result = await answer.finally(() => {
      if (sending.current === sentNow) sending.current = null;
    });
    if (result.saved) {
      setAutosaved({ from, version: result.version });
      if (result.pending) {
        setPendingAt(result.at);
        // What that means for readers is said once, next to “Update live article” (ArticleEditor).
        setStatus(`Unpublished changes saved at ${time(result.at)}.`);
      } else {
        setStatus(`Saved automatically at ${time(result.at)}.`);
      }
      markSaved(sent);
    } else {
      setStatus(result.reason);
    }
  };

  const onInput = () => {
    edits.current++;
    dirty.current = true;
    if (handSave.current && form.current) typedDuringSave.current = formValues(form.current);
    keepLocally();
    if (!serverSaves) return;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(), AUTOSAVE_DELAY_MS);
  };

  // Offer back what was typed here before and never reached the server.
  useEffect(() => {
    const element = form.current;
    if (!element) return;
    readDraft(key)
      .then((draft) => {
        if (draft && JSON.stringify(draft.values) !== JSON.stringify(formValues(element))) setOffer(draft);
      })
      .catch(() => undefined);
    // A new article's text, kept until its first save, is done with once that save made this article,
    // except what was typed while the save was on its way: that is offered back here.
    if (articleId !== null) {
      const created = draftKey(null);
      readDraft(created)
        .then(async (draft) => {
          const shown = formValues(element);
          if (!draft || (draft.sent ?? draft.values).headline.trim() !== shown.headline.trim()) return;
          await dropDraft(created);
          const sent = draft.sent;
          if (!sent) return;
          const typedSince = changedFields(sent, draft.values);
          if (!typedSince) return;
          // Laid over the article as its first save made it, and against that version: not a conflict.
          const kept: LocalDraft = { values: { ...shown, ...typedSince }, version: baseRef.current, at: draft.at };
          await keepDraft(key, kept);
          setOffer(kept);
        })
        .catch(() => undefined);
    }
    // Only when the page opens: later the form holds what is typed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  // Ask before leaving with text the server does not have: closing or reloading, and newsroom links.
  useEffect(() => {
    const beforeUnload = (event: BeforeUnloadEvent) => {
      if (!dirty.current) return;
      event.preventDefault();
      event.returnValue = '';
    };
    const click = (event: MouseEvent) => {
      if (!dirty.current || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
      if (!link || link.getAttribute('target') === '_blank' || link.hasAttribute('download')) return;
      if (window.confirm(LEAVE_WARNING)) {
        dirty.current = false;
      } else {
        event.preventDefault();
        event.stopPropagation();
      }
    };
    window.addEventListener('beforeunload', beforeUnload);
    document.addEventListener('click', click, true);
    return () => {
      window.removeEventListener('beforeunload', beforeUnload);
      document.removeEventListener('click', click, true);
      if (timer.current) clearTimeout(timer.current);
    };
  }, []);

  return {
    version,
    status,
    pendingAt,
    /** When the text was last written to this browser's storage (tests wait for it). */
    keptAt,
    onInput,
    /**
     * A save by hand is on its way: the pending autosave would only repeat (or pre-empt) it. One already
     * sent moves the version on: the save waits for its answer and goes with that version, or the server
     * would refuse it as someone else's save.
     */
    cancel: (event?: FormEvent<HTMLFormElement>) => {
      if (timer.current) clearTimeout(timer.current);
      const inFlight = sending.current;
      const element = event?.currentTarget;
      if (!inFlight || !element) {
        const sent = element ?? form.current;
        handSave.current = sent ? { edits: edits.current, values: formValues(sent) } : null;
        typedDuringSave.current = null;
        // A new article's first save opens the article it makes: the copy kept here says what was sent.
        if (articleId === null && handSave.current) keepLocally();
        return;
      }
      event.preventDefault();
      if (saveWaiting.current) return;
      saveWaiting.current = true;
      const submitter = (event.nativeEvent as SubmitEvent).submitter;
      void inFlight.then((saved) => {
        saveWaiting.current = false;
        const field = element.elements.namedItem('version');
        if (saved !== null && field instanceof HTMLInputElement) field.value = String(saved);
        if (!element.isConnected) return;
        try {
          element.requestSubmit(submitter instanceof HTMLElement && submitter.isConnected ? submitter : null);
        } catch {
          element.requestSubmit();
        }
      });
    },
    /**
     * The answer to a save by hand has come (`acknowledged`: it was saved), and the form is rebuilt from
     * it, that is from what was sent. Returns the fields typed into while it was on its way, with their
     * latest text, for the editor to put back: the server does not have them yet.
     */
    settleHandSave: (acknowledged: boolean): Partial<ArticleFormValues> | null => {
      const sent = handSave.current;
      const latest = typedDuringSave.current;
      handSave.current = null;
      typedDuringSave.current = null;
      if (acknowledged) markSaved(sent?.edits);
      return sent && latest ? changedFields(sent.values, latest) : null;
    },
    offer,
    /** The offered text is now in the form (or thrown away): stop offering it. */
    settleOffer: (restored: boolean) => {
      setOffer(null);
      if (restored) {
        // The form is rebuilt with the restored text; the server gets it after the usual pause.
        dirty.current = true;
        edits.current++;
        if (serverSaves) timer.current = setTimeout(() => void save(), AUTOSAVE_DELAY_MS);
      } else {
        void dropDraft(key).catch(() => undefined);
      }
    },
  };
}
