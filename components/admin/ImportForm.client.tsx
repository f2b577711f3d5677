'use client';

import { useActionState } from 'react';
import '@/components/admin/deliberate.css';
import type { ImportState } from '@/lib/newsroom/forms/form-states';

const initial: ImportState = { text: '', error: null };

export function ImportForm({ importArticle }: { importArticle: (previous: ImportState, form: FormData) => Promise<ImportState> }) {
  const [state, action, pending] = useActionState(importArticle, initial);
  return (
    <form action={action} className="panel">
      {state.error && (
        <p className="notice notice--error" role="alert" id="import-error">
          {state.error}
        </p>
      )}
      {state.sameHeadline && state.sameHeadline.length > 0 && (
        <div className="notice notice--warning" role="alert" id="import-same">
          <p>
            {state.sameHeadline.length === 1 ? 'An article with this headline already exists' : 'Articles with this headline already exist'}{' '}
            (the same words, whatever the case and punctuation):
          </p>
          <ul>
            {state.sameHeadline.map((article, i) => (
              <li key={i}>
                {article.href ? <a href={article.href}>{article.headline}</a> : article.headline} ({article.status})
              </li>
            ))}
          </ul>
          <p>Open it instead, or import this text as a new draft anyway.</p>
          <button className="button button--secondary" type="submit" name="importAnyway" value="1" disabled={pending}>
            Import anyway
          </button>
        </div>
      )}
      <div className="field">
        <label htmlFor="import-text">Article text</label>
        <p className="field__hint" id="import-hint">
          Section, headline, summary, body, a key points block (a title, then “Label: sentence” lines), “Why This Matters” and a
          context note, as on an article page. “Related Articles” and what follows are dropped.
        </p>
        <textarea
          id="import-text"
          name="text"
          rows={16}
          defaultValue={state.text}
          aria-describedby={state.error ? 'import-error import-hint' : 'import-hint'}
        />
      </div>
      <div className="field">
        <label htmlFor="import-file">Or a text file</label>
        <input id="import-file" name="file" type="file" accept=".txt,text/plain" />
      </div>
      <button className="button" type="submit" disabled={pending}>
        Import as a draft
      </button>
    </form>
  );
}
