'use client';

import { useActionState, useRef, useState } from 'react';
import type { LiveUpdate } from '@/db/live-blogs';
import type { LiveComposerState } from '@/lib/newsroom/forms/live-update-form';
import { useKeepTypedBeforeHydration } from './useKeepTyped.client';

type ComposerAction = (previous: LiveComposerState, form: FormData) => Promise<LiveComposerState>;

const timeOf = (epochMs: number, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', day: 'numeric', month: 'short' }).format(epochMs);

/**
 * The live blog's composer: type, press Post, and the update is live (the server action invalidates the
 * page); edit or delete an update from the list below. Without JavaScript the same forms post the page.
 */
export function LiveComposer({
  articleId,
  canPost,
  timeZone,
  initialUpdates,
  initialEditing,
  postLiveUpdate,
}: {
  articleId: number;
  canPost: boolean;
  timeZone: string;
  initialUpdates: LiveUpdate[];
  /** The update to edit when the page opens (?edit=<id>, the no-JavaScript way in). */
  initialEditing: LiveUpdate | null;
  postLiveUpdate: ComposerAction;
}) {
  const [state, action, pending] = useActionState(postLiveUpdate, {
    updateId: initialEditing?.id ?? null,
    values: initialEditing ? { title: initialEditing.title, body: initialEditing.body, keyEvent: initialEditing.keyEvent } : { title: '', body: '', keyEvent: false },
    errors: {},
    message: null,
    formKey: 0,
    updates: null,
  });
  const [editing, setEditing] = useState<{ update: LiveUpdate; atKey: number } | null>(null);
  // An update opened for editing (?edit=) is served in its textarea, which hydration would reset.
  const formRef = useRef<HTMLFormElement>(null);
  useKeepTypedBeforeHydration(formRef, 'live-update');
  const updates = state.updates ?? initialUpdates;
  // Editing chosen in this tab since the last submission wins; otherwise what the last submission left.
  const current = editing && editing.atKey === state.formKey ? editing.update : null;
  const editingId = current?.id ?? state.updateId;
  const values = current ? { title: current.title, body: current.body, keyEvent: current.keyEvent } : state.values;
  const editingPosted = updates.find((u) => u.id === editingId)?.status === 'posted';

  return (
    <div className="live-composer">
      <form
        action={action}
        key={`${state.formKey}-${editingId ?? 'new'}`}
        ref={formRef}
        data-keep-typed="live-update"
        className="panel live-composer__form"
        aria-labelledby="live-composer-title"
      >
        <h2 id="live-composer-title">{editingId ? 'Edit update' : 'New update'}</h2>
        <input type="hidden" name="articleId" value={articleId} />
        {editingId && <input type="hidden" name="updateId" value={editingId} />}
        {state.message && (
          <p className="notice notice--ok" role="status">
            {state.message}
          </p>
        )}
        {state.errors.form && (
          <p className="notice notice--error" role="alert">
            {state.errors.form}
          </p>
        )}
        <ComposerField name="title" label="Title (optional)" value={values.title} error={state.errors.title} readOnly={pending} />
        <ComposerField name="body" label="Update (Markdown)" value={values.body} error={state.errors.body} readOnly={pending} multiline />
        <div className="field field--inline">
          <label>
            <input type="checkbox" name="keyEvent" defaultChecked={values.keyEvent} /> Key event (pinned to the summary at the top)
          </label>
        </div>
        <div className="live-composer__buttons">
          {canPost && (
            <button className="button" type="submit" name="intent" value="post" disabled={pending}>
              {editingPosted ? 'Save edit' : 'Post'}
            </button>
          )}
          {!editingPosted && (
            <button className={canPost ? 'button button--secondary' : 'button'} type="submit" name="intent" value="draft" disabled={pending}>
              Save draft
            </button>
          )}
          {editingId && (
            <a className="button button--secondary" href={`/admin/articles/${articleId}/live`} onClick={(event) => {
              event.preventDefault();
              setEditing(null);
            }}>
              Cancel edit
            </a>
          )}
        </div>
      </form>

      <section aria-labelledby="live-updates-title">
        <h2 id="live-updates-title">Updates ({updates.length})</h2>
        {updates.length === 0 && <p>No updates yet.</p>}
        <ol className="live-composer__list">
          {updates.map((update) => (
            <li key={update.id} className="panel" id={`composer-update-${update.id}`}>
              <p className="live-composer__meta">
                <strong>{update.status === 'posted' ? 'Posted' : 'Draft'}</strong>
                {update.postedAt !== null && <> {timeOf(update.postedAt, timeZone)}</>}
                {update.editedAt !== null && <> · edited {timeOf(update.editedAt, timeZone)}</>}
                {update.keyEvent && <> · key event</>}
                {update.byline && <> · {update.byline}</>}
              </p>
              {update.title && <h3>{update.title}</h3>}
              <p className="live-composer__excerpt">{update.body.length > 280 ? `${update.body.slice(0, 280)}…` : update.body}</p>
              <div className="live-composer__buttons">
                <a
                  className="button button--secondary"
                  href={`/admin/articles/${articleId}/live?edit=${update.id}`}
                  onClick={(event) => {
                    event.preventDefault();
                    setEditing({ update, atKey: state.formKey });
                  }}
                >
                  Edit<span className="visually-hidden"> update {update.id}</span>
                </a>
                <form action={action}>
                  <input type="hidden" name="articleId" value={articleId} />
                  <input type="hidden" name="updateId" value={update.id} />
                  <button className="button button--danger" type="submit" name="intent" value="delete" disabled={pending}>
                    Delete<span className="visually-hidden"> update {update.id}</span>
                  </button>
                </form>
              </div>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

/** One text field of the composer with its reason next to it. Read-only while a post is on its way: what is typed then would be cleared with the posted text. */
function ComposerField({ name, label, value, error, readOnly, multiline = false }: { name: 'title' | 'body'; label: string; value: string; error?: string; readOnly: boolean; multiline?: boolean }) {
  const common = { id: `live-${name}`, name, readOnly, defaultValue: value, 'aria-invalid': error ? true : undefined, 'aria-describedby': error ? `live-${name}-error` : undefined };
  return (
    <div className="field">
      <label htmlFor={`live-${name}`}>{label}</label>
      {multiline ? <textarea rows={6} {...common} /> : <input type="text" {...common} />}
      {error && (
        <p className="field__error" id={`live-${name}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
