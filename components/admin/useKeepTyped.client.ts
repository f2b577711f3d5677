'use client';

import { useLayoutEffect, type RefObject } from 'react';

declare global {
  interface Window {
    /** Written by KEEP_TYPED_SCRIPT (./KeepTypedScript.tsx): "form\nname\nindex" → the text typed before hydration. */
    __keptBeforeHydration?: Record<string, string>;
  }
}

/**
 * Puts back what was typed into the form before React hydrated it (hydration had put the server's text back).
 * Each field is set as a typist would, with an input event, so its own handlers and the form's (the autosave,
 * the browser's copy) see the text. A layout effect: it runs before any passive effect reads the fields.
 */
export function useKeepTypedBeforeHydration(formRef: RefObject<HTMLFormElement | null>, formName: string): void {
  useLayoutEffect(() => {
    const kept = window.__keptBeforeHydration;
    const form = formRef.current;
    if (!kept || !form) return;
    for (const [key, value] of Object.entries(kept)) {
      const [ofForm, name = '', index = '0'] = key.split('\n');
      if (ofForm !== formName) continue;
      delete kept[key];
      const field = form.querySelectorAll(`[name="${CSS.escape(name)}"]`)[Number(index)];
      if (!(field instanceof HTMLTextAreaElement || field instanceof HTMLInputElement) || field.value === value) continue;
      // The prototype's setter: React tracks values set through the element's own, and would see no change.
      Object.getOwnPropertyDescriptor(Object.getPrototypeOf(field), 'value')?.set?.call(field, value);
      field.dispatchEvent(new Event('input', { bubbles: true }));
    }
    // Once, for the form as the server sent it: the ref and the name never change.
  }, [formRef, formName]);
}
