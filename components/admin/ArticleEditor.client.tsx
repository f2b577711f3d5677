'use client';

import { useActionState, useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { saveArticle } from '@/app/admin/articles/actions';
import type { EditorState } from '@/lib/newsroom/editor-state';
import { KEY_POINT_ROWS_BLANK, readArticleForm, type ArticleFieldName, type ArticleFormValues } from '@/lib/newsroom/article-form-values';
import type { FieldConflict } from '@/lib/newsroom/conflict-merge';
import { ConflictComparison, type Choice as Side } from './ConflictComparison.client';
import { EditorNotices } from './EditorNotices.client';
import { MarkdownPreview } from './MarkdownPreview.client';
import type { PrepublishFinding } from '@/lib/newsroom/prepublish';
import { MediaLibraryPicker, type MediaChoice } from './MediaLibraryPicker.client';
import { PrepublishButton, PublishActions } from './PublishActions.client';
import { RelatedFinder } from './RelatedFinder.client';
import { useAutosave } from './useAutosave.client';
import { usePresence } from './usePresence.client';

const noSubscription = () => () => undefined;

/** The page's images plus any the other editor chose in a conflict, each once (a radio per image). */
function withConflictMedia(media: readonly MediaChoice[], conflictMedia: readonly MediaChoice[] | null | undefined): MediaChoice[] {
  return [...media, ...(conflictMedia ?? []).filter((m) => !media.some((n) => n.id === m.id))];
}

interface Choice {
  id: number;
  name: string;
}

/**
 * The article form. A plain form posting to a server action: it works without JavaScript, and a
 * refused save comes back with every field as typed and the reason next to the field.
 */
export function ArticleEditor({
  initial,
  sections,
  authors,
  canPublish,
  publicPath,
  media,
  publishCheck,
}: {
  initial: EditorState;
  sections: readonly Choice[];
  authors: readonly Choice[];
  canPublish: boolean;
  publicPath: string | null;
  /** Recent library images, plus the article's own. */
  media: readonly MediaChoice[];
  /** The newsroom's time zone (for the go-live time) and the pre-publish check of the text as saved. */
  publishCheck: { timeZone: string; savedFindings: readonly PrepublishFinding[] };
}) {
  const [state, action, pending] = useActionState(saveArticle, initial);
  // What the form shows: the server's last answer, or text put in here since (a field taken from the
  // other editor, a local draft restored); `bump` rebuilds the form with it.
  const [local, setLocal] = useState({ state, values: state.values, version: state.version, bump: 0, choices: {} as Record<string, Side> });
  let shown = local;
  if (local.state !== state) {
    shown = { state, values: state.values, version: state.version, bump: 0, choices: {} };
    setLocal(shown);
  }
  const { values } = shown;
  const { errors } = state;
  const errorId = (field: ArticleFieldName) => (errors[field] ? `${field}-error` : undefined);
  const invalid = (field: ArticleFieldName) => (errors[field] ? true : undefined);
  const keyPointRows = [...values.keyPoints, ...Array.from({ length: KEY_POINT_ROWS_BLANK }, () => ({ label: '', text: '' }))];
  const authorSlots = Math.min(Math.max(values.authorIds.length + 1, 2), 4);
  const published = state.status === 'published';
  const formRef = useRef<HTMLFormElement>(null);
  const presence = usePresence(state.articleId);
  const takenOverBy = presence.view?.takenOverBy ?? null;
  const autosave = useAutosave({
    form: formRef,
    articleId: state.articleId,
    // Not while a refused save's comparison is open: the editor decides what goes in, then saves.
    serverSaves: state.articleId !== null && state.status !== 'archived' && !takenOverBy && !state.conflict,
    baseVersion: shown.version,
  });
  const { markSaved } = autosave;
  const [previewing, setPreviewing] = useState(false);
  const [body, setBody] = useState(values.body);
  const hydrated = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const answered = useRef(initial);
  useEffect(() => {
    // A save the server acknowledged (not the page as it opened: a crash-kept draft is offered then).
    if (answered.current !== state && state.message?.kind === 'ok') markSaved();
    answered.current = state;
  }, [state, markSaved]);

  /** Puts values into the form, keeping everything else as typed. */
  const putInForm = (changes: Partial<ArticleFormValues>, version = shown.version, choices = shown.choices) => {
    const typed = formRef.current ? readArticleForm(new FormData(formRef.current)) : shown.values;
    setLocal({ ...shown, values: { ...typed, ...changes }, version, bump: shown.bump + 1, choices });
    if (changes.body !== undefined) setBody(changes.body);
  };
  const choose = (conflict: FieldConflict, choice: Side) => {
    putInForm(choice === 'theirs' ? conflict.theirs : conflict.mine, shown.version, { ...shown.choices, [conflict.field]: choice });
    autosave.onInput();
  };
  const unpublishedAt = autosave.pendingAt ?? state.unpublished?.at ?? null;

  return (
    // Remounted after every save, so each field shows what the server sent back (React resets a form
    // after its action, and a <select> would otherwise return to the value it first had).
    <form
      action={action}
      className="editor"
      noValidate
      key={`${state.formKey}.${shown.bump}`}
      ref={formRef}
      data-kept-locally={autosave.keptAt ?? undefined}
      onSubmit={autosave.cancel}
      onInput={() => {
        autosave.onInput();
        presence.claim();
      }}
    >
      <div>
        {/* While a save is on its way, the last answer's message would describe the previous save. */}
        {state.message && !pending && (
          <p className={`notice notice--${state.message.kind}`} role={state.message.kind === 'error' ? 'alert' : 'status'}>
            {state.message.text}
          </p>
        )}
        <EditorNotices
          presence={presence.view}
          onTakeOver={presence.takeOver}
          offer={autosave.offer}
          onRestore={(draft) => {
            putInForm(draft.values, draft.version);
            autosave.settleOffer(true);
          }}
          onDiscard={() => autosave.settleOffer(false)}
        />
        {state.conflict && <ConflictComparison conflicts={state.conflict} inForm={shown.choices} onChoose={hydrated ? choose : null} />}
        <input type="hidden" name="articleId" value={state.articleId ?? ''} />
        <input type="hidden" name="version" value={autosave.version} />
        <p className="autosave-status" role="status" aria-live="polite">
          {autosave.status}
        </p>

        <Field name="headline" label="Headline" error={errors.headline}>
          <input id="headline" name="headline" type="text" defaultValue={values.headline} aria-invalid={invalid('headline')} aria-describedby={errorId('headline')} />
        </Field>
        <Field name="summary" label="Summary" hint="A standalone sentence or two, shown under the headline and in lists." error={errors.summary}>
          <textarea id="summary" name="summary" rows={3} defaultValue={values.summary} aria-invalid={invalid('summary')} aria-describedby={errorId('summary')} />
        </Field>
        <Field name="body" label="Body" hint="Markdown: blank lines between paragraphs, ## for a subheading, > for a quote, - for a list." error={errors.body}>
          <textarea
            id="body"
            name="body"
            rows={18}
            defaultValue={values.body}
            onChange={(event) => setBody(event.target.value)}
            aria-invalid={invalid('body')}
            aria-describedby={errorId('body')}
          />
          <button type="button" className="button button--secondary" aria-expanded={previewing} onClick={() => setPreviewing(!previewing)}>
            {previewing ? 'Hide preview' : 'Show preview'}
          </button>
          {previewing && <MarkdownPreview markdown={body} />}
        </Field>

        <fieldset className="field" aria-describedby={errorId('keyPoints')}>
          <legend>Key points</legend>
          {errors.keyPoints && (
            <p className="field__error" id="keyPoints-error">
              {errors.keyPoints}
            </p>
          )}
          <div className="field">
            <label htmlFor="keyPointsTitle">Block title</label>
            <input id="keyPointsTitle" name="keyPointsTitle" type="text" defaultValue={values.keyPointsTitle} aria-invalid={invalid('keyPointsTitle')} aria-describedby={errorId('keyPointsTitle')} />
            {errors.keyPointsTitle && (
              <p className="field__error" id="keyPointsTitle-error">
                {errors.keyPointsTitle}
              </p>
            )}
          </div>
          <p className="field__hint">
            A bold label and one sentence each. Empty rows are ignored; save to get more rows. To reorder, change the numbers.
          </p>
          {keyPointRows.map((point, i) => (
            <div className="key-point-row" key={i}>
              <input
                type="number"
                name={`keyPoints.${i}.order`}
                defaultValue={i + 1}
                min={1}
                max={50}
                aria-label={`Key point ${i + 1} position`}
              />
              <input type="text" name={`keyPoints.${i}.label`} defaultValue={point.label} aria-label={`Key point ${i + 1} label`} />
              <input type="text" name={`keyPoints.${i}.text`} defaultValue={point.text} aria-label={`Key point ${i + 1} text`} />
            </div>
          ))}
        </fieldset>

        <Field name="whyItMatters" label="Why it matters" hint="Markdown." error={errors.whyItMatters}>
          <textarea id="whyItMatters" name="whyItMatters" rows={5} defaultValue={values.whyItMatters} aria-invalid={invalid('whyItMatters')} aria-describedby={errorId('whyItMatters')} />
        </Field>
        <Field
          name="related"
          label="Related articles"
          hint="One per line, in the order readers should see them: the article's address or slug. Stories sharing tags follow automatically."
          error={errors.related}
        >
          <textarea id="related" name="related" rows={3} defaultValue={values.related} aria-invalid={invalid('related')} aria-describedby={errorId('related')} />
          <RelatedFinder targetId="related" />
        </Field>
        <Field name="contextNote" label="Context note" hint="Optional: what is confirmed and what is not, how figures were obtained." error={errors.contextNote}>
          <textarea id="contextNote" name="contextNote" rows={2} defaultValue={values.contextNote} aria-invalid={invalid('contextNote')} aria-describedby={errorId('contextNote')} />
        </Field>
      </div>

      <aside className="editor__side panel" aria-label="Publishing">
        <p>
          Status: <span className={`status status--${state.status}`}>{state.status}</span>
          {unpublishedAt !== null && (
            <>
              {' '}
              <span className="status status--review">unpublished changes</span>
            </>
          )}
          {publicPath && published && (
            <>
              {' '}
              <a href={publicPath}>View live</a>
            </>
          )}
          {state.articleId !== null && (
            <>
              {' '}
              <a href={`/preview/${state.articleId}`} target="_blank" rel="noopener">
                Preview
              </a>{' '}
              <a href={`/admin/articles/${state.articleId}/revisions`}>Revisions</a>
            </>
          )}
        </p>
        {unpublishedAt !== null && (
          <p className="field__hint">
            Changes {state.unpublished?.by && !autosave.pendingAt ? `by ${state.unpublished.by} ` : ''}saved at{' '}
            {new Date(unpublishedAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })} are not live: readers see them when you press
            “Update live article”.
          </p>
        )}
        <PublishActions
          status={state.status}
          articleId={state.articleId}
          canPublish={canPublish}
          pending={pending}
          timeZone={publishCheck.timeZone}
          savedFindings={publishCheck.savedFindings}
        />
        {canPublish && !published && (
          <div className="field">
            <label htmlFor="publishAt">Go live at</label>
            <p className="field__hint" id="publishAt-hint">
              Your newsroom&rsquo;s time zone. It goes live by itself, also after a restart.
            </p>
            <input
              id="publishAt"
              name="publishAt"
              type="datetime-local"
              step={1}
              defaultValue={values.publishAt}
             
              aria-invalid={invalid('publishAt')}
              aria-describedby={[errors.publishAt ? 'publishAt-error' : '', 'publishAt-hint'].join(' ').trim()}
            />
            {errors.publishAt && (
              <p className="field__error" id="publishAt-error">
                {errors.publishAt}
              </p>
            )}
            <PrepublishButton
              intent="schedule"
              label={state.status === 'scheduled' ? 'Reschedule' : 'Schedule'}
              timeZone={publishCheck.timeZone}
              disabled={pending}
              savedFindings={[]}
            />
          </div>
        )}

        <Field name="sectionId" label="Section" error={errors.sectionId}>
          <select id="sectionId" name="sectionId" defaultValue={values.sectionId} aria-invalid={invalid('sectionId')} aria-describedby={errorId('sectionId')}>
            <option value="">Choose…</option>
            {sections.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </Field>
        <MediaLibraryPicker media={withConflictMedia(media, state.conflictMedia)} selectedId={values.heroMediaId} legend="Image" error={errors.heroMediaId} />
        <Field name="slug" label="Slug" hint="Leave empty to make one from the headline." error={errors.slug}>
          <input id="slug" name="slug" type="text" defaultValue={values.slug} aria-invalid={invalid('slug')} aria-describedby={errorId('slug')} />
        </Field>
        <fieldset className="field" aria-describedby={errorId('authorIds')}>
          <legend>Byline</legend>
          {errors.authorIds && (
            <p className="field__error" id="authorIds-error">
              {errors.authorIds}
            </p>
          )}
          {Array.from({ length: authorSlots }, (_, i) => (
            <select key={i} name="authorIds" defaultValue={values.authorIds[i] ?? ''} aria-label={`Author ${i + 1}`}>
              <option value="">—</option>
              {authors.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          ))}
        </fieldset>
        <Field name="tags" label="Tags" hint="Separated by commas; new tags are created." error={errors.tags}>
          <input id="tags" name="tags" type="text" defaultValue={values.tags} aria-invalid={invalid('tags')} aria-describedby={errorId('tags')} />
        </Field>
        <Field name="seoTitle" label="Search title" hint="Optional; the headline by default." error={errors.seoTitle}>
          <input id="seoTitle" name="seoTitle" type="text" defaultValue={values.seoTitle} aria-invalid={invalid('seoTitle')} aria-describedby={errorId('seoTitle')} />
        </Field>
        <Field name="seoDescription" label="Search description" hint="Optional; the summary by default." error={errors.seoDescription}>
          <textarea id="seoDescription" name="seoDescription" rows={3} defaultValue={values.seoDescription} aria-invalid={invalid('seoDescription')} aria-describedby={errorId('seoDescription')} />
        </Field>
      </aside>
    </form>
  );
}

function Field({
  name,
  label,
  hint,
  error,
  children,
}: {
  name: ArticleFieldName;
  label: string;
  hint?: string;
  error?: string;
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      {hint && <p className="field__hint">{hint}</p>}
      {children}
      {error && (
        <p className="field__error" id={`${name}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
