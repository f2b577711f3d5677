'use client';

import './deliberate.css';
import { useId, useRef, useState } from 'react';
import { useHydrated } from './useHydrated.client';
import type { ArticleStatus } from '@/db/schema';
import { fromZonedLocalInput } from '@/lib/dates';
import { prepublishCheck, type PrepublishFinding } from '@/lib/newsroom/prepublish';
import { ConfirmButton } from './ConfirmButton.client';

const GONE_404 = 'Readers will get 404 Not Found at its address, and it leaves the front page, its section, feeds, sitemaps and search within a second.';

/** The finding list, as the dialog and the no-JavaScript check show it. */
function Findings({ findings }: { findings: readonly PrepublishFinding[] }) {
  return (
    <ul className="prepublish__list">
      {findings.map((f) => (
        <li key={f.field} className={f.refused ? 'prepublish__refused' : undefined}>
          {f.refused && <strong>Will be refused: </strong>}
          {f.text}
        </li>
      ))}
    </ul>
  );
}

/** What the form holds now, for the pre-publish check. */
function checkForm(form: HTMLFormElement, intent: 'publish' | 'schedule', timeZone: string): PrepublishFinding[] {
  const data = new FormData(form);
  const text = (name: string) => String(data.get(name) ?? '');
  const keyPoints = [...data.keys()]
    .filter((key) => /^keyPoints\.\d+\.text$/.test(key))
    .map((key) => ({ label: text(key.replace(/text$/, 'label')), text: text(key) }));
  const hero = form.querySelector<HTMLInputElement>('input[name="heroMediaId"]:checked');
  return prepublishCheck({
    intent,
    headline: text('headline'),
    summary: text('summary'),
    keyPoints,
    hero: { chosen: Boolean(hero?.value), alt: hero?.dataset.alt ?? '' },
    publishAt: fromZonedLocalInput(text('publishAt'), timeZone),
    now: Date.now(),
  });
}

/**
 * Publish or Schedule, checked first: with JavaScript, pressing it checks what the form holds now and,
 * when something is missing, opens a dialog listing it ("Publish anyway" or "Go back and fix"; a thing
 * the save would refuse offers no "anyway"). Without JavaScript the button submits at once, and the
 * check of the text as last saved is shown next to it (`savedFindings`).
 */
export function PrepublishButton({
  intent,
  label,
  timeZone,
  disabled,
  savedFindings,
  className = 'button button--secondary',
}: {
  intent: 'publish' | 'schedule';
  label: string;
  timeZone: string;
  disabled?: boolean;
  savedFindings: readonly PrepublishFinding[];
  className?: string;
}) {
  const enhanced = useHydrated();
  const [findings, setFindings] = useState<PrepublishFinding[]>([]);
  const dialog = useRef<HTMLDialogElement>(null);
  const goBack = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const title = intent === 'publish' ? 'Before publishing' : 'Before scheduling';
  const blocked = findings.some((f) => f.refused);

  return (
    <>
      <button
        className={className}
        type="submit"
        name="intent"
        value={intent}
        disabled={disabled}
        onClick={(event) => {
          const form = event.currentTarget.form;
          const found = form ? checkForm(form, intent, timeZone) : [];
          if (found.length === 0) return;
          event.preventDefault();
          setFindings(found);
          dialog.current?.showModal();
          goBack.current?.focus();
        }}
      >
        {label}
      </button>
      {!enhanced && savedFindings.length > 0 && (
        <div className="prepublish" role="note" aria-label={`${title}: as last saved`}>
          <p className="prepublish__title">{title} (as last saved):</p>
          <Findings findings={savedFindings} />
        </div>
      )}
      <dialog ref={dialog} className="confirm-dialog" aria-labelledby={titleId}>
        <h2 id={titleId}>{title}</h2>
        <p>{blocked ? 'Fix this first:' : 'Check these, or go ahead: they are warnings.'}</p>
        <Findings findings={findings} />
        <div className="confirm-dialog__actions">
          <button
            ref={goBack}
            className="button button--secondary"
            type="button"
            onClick={() => {
              dialog.current?.close();
              const first = findings[0]?.field;
              const target =
                first === 'keyPoints'
                  ? document.querySelector<HTMLElement>('[name="keyPoints.0.label"]')
                  : first === 'heroMediaId'
                    ? document.querySelector<HTMLElement>('input[name="heroMediaId"]:checked')
                    : first && document.getElementById(first);
              target?.focus();
            }}
          >
            Go back and fix
          </button>
          {findings.length > 0 && !blocked && (
            <button className="button" type="submit" name="intent" value={intent} disabled={disabled} onClick={() => dialog.current?.close()}>
              {intent === 'publish' ? 'Publish anyway' : 'Schedule anyway'}
            </button>
          )}
        </div>
      </dialog>
    </>
  );
}

/**
 * The editor's workflow buttons. Saving and submitting go at once; Publish shows the pre-publish check;
 * Unpublish (and archiving a live article) ask first and say what readers will get.
 */
export function PublishActions({
  status,
  articleId,
  canPublish,
  pending,
  timeZone,
  savedFindings,
}: {
  status: ArticleStatus;
  articleId: number | null;
  canPublish: boolean;
  pending: boolean;
  timeZone: string;
  savedFindings: readonly PrepublishFinding[];
}) {
  const published = status === 'published';
  return (
    <div className="editor__actions">
      <button className="button" type="submit" name="intent" value="save" disabled={pending}>
        {published ? 'Update live article' : 'Save draft'}
      </button>
      {!published && status !== 'review' && (
        <button className="button button--secondary" type="submit" name="intent" value="submit" disabled={pending}>
          Submit for review
        </button>
      )}
      {canPublish && !published && (
        <PrepublishButton intent="publish" label="Publish" timeZone={timeZone} disabled={pending} savedFindings={savedFindings} />
      )}
      {canPublish && published && (
        <ConfirmButton label="Unpublish" title="Unpublish this article?" confirmLabel="Yes, unpublish" name="intent" value="unpublish" disabled={pending}>
          <p>{GONE_404}</p>
          <p>It becomes a draft: publish it again to bring it back.</p>
        </ConfirmButton>
      )}
      {canPublish && articleId !== null && status !== 'archived' &&
        (published ? (
          <ConfirmButton
            label="Archive"
            title="Archive this live article?"
            confirmLabel="Yes, archive"
            name="intent"
            value="archive"
            disabled={pending}
            className="button button--secondary"
          >
            <p>{GONE_404}</p>
          </ConfirmButton>
        ) : (
          <button className="button button--secondary" type="submit" name="intent" value="archive" disabled={pending}>
            Archive
          </button>
        ))}
      {canPublish && status === 'scheduled' && (
        <button className="button button--danger" type="submit" name="intent" value="unpublish" disabled={pending}>
          Cancel schedule
        </button>
      )}
    </div>
  );
}
