'use client';

import { useActionState, useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore, type ComponentProps } from 'react';
import type { EditorState } from '@/lib/newsroom/forms/editor-state';
import { readArticleForm, type ArticleFormValues } from '@/lib/newsroom/forms/article-form-values';
import type { FieldConflict } from '@/lib/newsroom/conflict-merge';
import type { PrepublishFinding } from '@/lib/newsroom/prepublish';
import { ConflictComparison, type Choice as Side } from './ConflictComparison.client';
import { EditorContextFields } from './EditorContextFields.client';
import { EditorKeyPoints } from './EditorKeyPoints.client';
import { EditorNotices } from './EditorNotices.client';
import { EditorPlacementFields } from './EditorPlacementFields.client';
import { EditorPublishing } from './EditorPublishing.client';
import { EditorSearchFields } from './EditorSearchFields.client';
import { EditorStoryFacts } from './EditorStoryFacts.client';
import { EditorTextFields } from './EditorTextFields.client';
import { MediaLibraryPicker, type MediaChoice, type MediaPickerActions } from './MediaLibraryPicker.client';
import { useAutosave } from './useAutosave.client';
import { useKeepTypedBeforeHydration } from './useKeepTyped.client';
import { usePresence } from './usePresence.client';

const noSubscription = () => () => undefined;

/** The page's images plus any the other editor chose in a conflict, each once (a radio per image). */
function withConflictMedia(media: readonly MediaChoice[], conflictMedia: readonly MediaChoice[] | null | undefined): MediaChoice[] {
  return [...media, ...(conflictMedia ?? []).filter((m) => !media.some((n) => n.id === m.id))];
}

/** The server actions the editor calls (app/admin/articles/actions.ts, app/admin/media/actions.ts), passed by the page. */
export interface EditorActions extends MediaPickerActions {
  saveArticle: (previous: EditorState, form: FormData) => Promise<EditorState>;
  autosaveArticle: Parameters<typeof useAutosave>[0]['autosaveArticle'];
  articlePresence: Parameters<typeof usePresence>[1];
  previewMarkdown: ComponentProps<typeof EditorTextFields>['previewMarkdown'];
  findArticlesToRelate: ComponentProps<typeof EditorContextFields>['findArticlesToRelate'];
}

/**
 * The article form. A plain form posting to a server action: it works without JavaScript, and a
 * refused save comes back with every field as typed and the reason next to the field. This component
 * holds the state (the server's answer, autosave, presence, a conflict's choices); each fieldset is drawn
 * by its own Editor*.client.tsx.
 */
export function ArticleEditor({
  initial,
  sections,
  authors,
  canPublish,
  publicPath,
  media,
  publishCheck,
  actions,
}: {
  initial: EditorState;
  sections: ComponentProps<typeof EditorPlacementFields>['sections'];
  authors: ComponentProps<typeof EditorPlacementFields>['authors'];
  canPublish: boolean;
  publicPath: string | null;
  /** Recent library images, plus the article's own. */
  media: readonly MediaChoice[];
  /** The newsroom's time zone (for the go-live time) and the pre-publish check of the text as saved. */
  publishCheck: { timeZone: string; savedFindings: readonly PrepublishFinding[] };
  actions: EditorActions;
}) {
  const [state, action, pending] = useActionState(actions.saveArticle, initial);
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
  const formRef = useRef<HTMLFormElement>(null);
  useKeepTypedBeforeHydration(formRef, 'article');
  const presence = usePresence(state.articleId, actions.articlePresence);
  const takenOverBy = presence.view?.takenOverBy ?? null;
  const autosave = useAutosave({
    form: formRef,
    articleId: state.articleId,
    // Not while a refused save's comparison is open: the editor decides what goes in, then saves.
    serverSaves: state.articleId !== null && state.status !== 'archived' && !takenOverBy && !state.conflict,
    baseVersion: shown.version,
    handSaving: pending,
    autosaveArticle: actions.autosaveArticle,
  });
  const { settleHandSave, onInput: typedIntoForm } = autosave;
  const [previewing, setPreviewing] = useState(false);
  const [body, setBody] = useState(values.body);
  const hydrated = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  /** Set when the form is rebuilt with text the server does not have: it counts as typed once shown. */
  const unsavedAfterRebuild = useRef(false);
  /** Puts values into the form, keeping everything else as typed. */
  const putInForm = (changes: Partial<ArticleFormValues>, version = shown.version, choices = shown.choices) => {
    const typed = formRef.current ? readArticleForm(new FormData(formRef.current)) : shown.values;
    setLocal({ ...shown, values: { ...typed, ...changes }, version, bump: shown.bump + 1, choices });
    if (changes.body !== undefined) setBody(changes.body);
  };
  const answered = useRef(initial);
  // Before the browser paints the form rebuilt from a save's answer (not the page as it opened: a
  // crash-kept draft is offered then): what was typed while the save was on its way goes back in.
  useLayoutEffect(() => {
    if (answered.current === state) return;
    answered.current = state;
    const typedSince = settleHandSave(state.message?.kind === 'ok');
    if (!typedSince) return;
    unsavedAfterRebuild.current = true;
    putInForm(typedSince);
  });
  // Once the rebuilt form shows it, that text is kept in the browser and autosaved like any typing.
  useEffect(() => {
    if (!unsavedAfterRebuild.current) return;
    unsavedAfterRebuild.current = false;
    typedIntoForm();
  });
  const choose = (conflict: FieldConflict, choice: Side) => {
    unsavedAfterRebuild.current = true;
    putInForm(choice === 'theirs' ? conflict.theirs : conflict.mine, shown.version, { ...shown.choices, [conflict.field]: choice });
  };
  const unpublishedAt = autosave.pendingAt ?? state.unpublished?.at ?? null;
  // Whose changes they are is known from the server's answer, not for this tab's own autosave since.
  const unpublishedBy = autosave.pendingAt ? null : (state.unpublished?.by ?? null);

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
      data-keep-typed="article"
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

        <EditorTextFields
          values={values}
          errors={errors}
          body={body}
          onBodyChange={setBody}
          previewing={previewing}
          onPreviewToggle={() => setPreviewing(!previewing)}
          previewMarkdown={actions.previewMarkdown}
          media={withConflictMedia(media, state.conflictMedia)}
          mediaActions={actions}
        />
        <EditorKeyPoints values={values} errors={errors} />
        <EditorContextFields values={values} errors={errors} findArticlesToRelate={actions.findArticlesToRelate} mediaActions={actions} />
      </div>

      <aside className="editor__side panel" aria-label="Publishing">
        <EditorPublishing
          values={values}
          errors={errors}
          status={state.status}
          articleId={state.articleId}
          unpublished={unpublishedAt === null ? null : { at: unpublishedAt, by: unpublishedBy }}
          publicPath={publicPath}
          canPublish={canPublish}
          pending={pending}
          publishCheck={publishCheck}
        />
        <EditorPlacementFields
          values={values}
          errors={errors}
          sections={sections}
          authors={authors}
          image={
            <MediaLibraryPicker
              media={withConflictMedia(media, state.conflictMedia)}
              selectedId={values.heroMediaId}
              legend="Image"
              error={errors.heroMediaId}
              actions={actions}
            />
          }
        />
        <EditorSearchFields values={values} errors={errors} />
        <EditorStoryFacts body={body} publicPath={publicPath} media={withConflictMedia(media, state.conflictMedia)} />
      </aside>
    </form>
  );
}
