'use client';

import './deliberate.css';
import { useId, useRef, type ReactNode } from 'react';
import { useHydrated } from './useHydrated.client';

export interface ConfirmProps {
  /** The button's own label, e.g. "Unpublish". */
  label: string;
  /** The question, e.g. "Unpublish this article?": the dialog's name. */
  title: string;
  /** What happens, and what readers will see. */
  children: ReactNode;
  /** The button that does it, e.g. "Yes, unpublish": a submit button of the surrounding form. */
  confirmLabel: string;
  name?: string;
  value?: string;
  className?: string;
  disabled?: boolean;
}

/**
 * A submit button that asks first. Without JavaScript (and until the page is hydrated) it is a
 * disclosure: the label opens a panel with the explanation and the one button that submits. With
 * JavaScript it opens a modal <dialog>: Cancel has the focus, Escape closes it, and focus returns to
 * the button. Either way the form's fields are untouched until the editor confirms.
 */
export function ConfirmButton({ label, title, children, confirmLabel, name, value, className = 'button button--danger', disabled }: ConfirmProps) {
  const enhanced = useHydrated();
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const confirm = (
    <button className="button button--danger" type="submit" name={name} value={value} disabled={disabled} onClick={() => dialog.current?.close()}>
      {confirmLabel}
    </button>
  );

  if (!enhanced) {
    return (
      <details className="confirm">
        <summary className={className}>{label}</summary>
        <div className="confirm__panel">
          <p className="confirm__title">{title}</p>
          {children}
          {confirm}
        </div>
      </details>
    );
  }
  return (
    <>
      <button
        ref={opener}
        className={className}
        type="button"
        aria-haspopup="dialog"
        disabled={disabled}
        onClick={() => {
          dialog.current?.showModal();
          cancel.current?.focus();
        }}
      >
        {label}
      </button>
      <dialog ref={dialog} className="confirm-dialog" aria-labelledby={titleId} onClose={() => opener.current?.focus()}>
        <h2 id={titleId}>{title}</h2>
        {children}
        <div className="confirm-dialog__actions">
          <button ref={cancel} className="button button--secondary" type="button" onClick={() => dialog.current?.close()}>
            Cancel
          </button>
          {confirm}
        </div>
      </dialog>
    </>
  );
}
