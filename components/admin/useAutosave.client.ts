'use client';

import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { autosaveArticle } from '@/app/admin/articles/actions';

const AUTOSAVE_DELAY_MS = 3_000;

/**
 * Autosave for the article form: a few seconds after the last keystroke, the form is sent to the
 * autosave action. Returns the version to save against next (autosaves move it on) and a status line.
 */
export function useAutosave(form: RefObject<HTMLFormElement | null>, enabled: boolean, savedVersion: number) {
  const [autosaved, setAutosaved] = useState<{ version: number; at: number } | null>(null);
  const [status, setStatus] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // A manual save may have moved the version past the last autosave.
  const version = Math.max(savedVersion, autosaved?.version ?? 0);

  const save = useCallback(async () => {
    const element = form.current;
    if (!element) return;
    const data = new FormData(element);
    data.set('version', String(version));
    const result = await autosaveArticle(data);
    if (result.saved) {
      setAutosaved({ version: result.version, at: result.at });
      setStatus(`Saved automatically at ${new Date(result.at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' })}.`);
    } else {
      setStatus(result.reason);
    }
  }, [form, version]);

  const onInput = useCallback(() => {
    if (!enabled) return;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(), AUTOSAVE_DELAY_MS);
  }, [enabled, save]);

  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  return { version, status, onInput };
}
