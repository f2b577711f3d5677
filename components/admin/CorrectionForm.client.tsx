'use client';

import { useActionState } from 'react';
import type { CorrectionState } from '@/lib/newsroom/forms/form-states';

const initial: CorrectionState = { text: '', error: null, added: false };

export function CorrectionForm({
  articleId,
  addCorrectionToArticle,
}: {
  articleId: number;
  addCorrectionToArticle: (previous: CorrectionState, form: FormData) => Promise<CorrectionState>;
}) {
  const [state, action, pending] = useActionState(addCorrectionToArticle, initial);
  return (
    <form action={action} key={state.added ? 'added' : 'typing'}>
      <input type="hidden" name="articleId" value={articleId} />
      {state.added && (
        <p className="notice notice--ok" role="status">
          Correction published.
        </p>
      )}
      <div className="field">
        <label htmlFor="correction-text">New correction</label>
        <p className="field__hint" id="correction-hint">
          Shown under the article with today&rsquo;s date. Corrections cannot be edited or removed afterwards.
        </p>
        <textarea
          id="correction-text"
          name="text"
          rows={3}
          defaultValue={state.text}
          // Read-only while it is on its way: the answer rebuilds the form from what was sent.
          readOnly={pending}
          aria-invalid={state.error ? true : undefined}
          aria-describedby={state.error ? 'correction-error correction-hint' : 'correction-hint'}
        />
        {state.error && (
          <p className="field__error" id="correction-error">
            {state.error}
          </p>
        )}
      </div>
      <button className="button button--secondary" type="submit" disabled={pending}>
        Publish correction
      </button>
    </form>
  );
}
