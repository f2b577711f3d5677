'use client';

import { useActionState } from 'react';
import type { FormAction, FormState } from '@/lib/newsroom/forms/admin-form';

export interface BreakingNewsNow {
  text: string;
  link: string | null;
  /** The expiry as the newsroom reads it (site time zone), or null: until cleared. */
  expires: string | null;
  /** Whether readers see it now (false: expired, coming down with the scheduler's next tick). */
  showing: boolean;
}

/**
 * The dashboard's breaking-news panel: the banner now up (with its expiry) and Clear, and the form that
 * sets it. Type the text, press "Set breaking news": two clicks. Plain forms posting to server actions,
 * so it works without JavaScript; a refused form comes back as typed with the reason next to its field.
 */
export function BreakingNewsForm({
  setAction,
  clearAction,
  initial,
  now,
  articleLinks,
  timeZone,
}: {
  setAction: FormAction;
  clearAction: FormAction;
  initial: FormState;
  now: BreakingNewsNow | null;
  /** Recently published articles, offered as links: path and headline. */
  articleLinks: readonly { path: string; headline: string }[];
  timeZone: string;
}) {
  const [state, formAction, pending] = useActionState(setAction, initial);
  const [cleared, clearFormAction, clearing] = useActionState(clearAction, initial);
  const field = (name: string) => ({
    id: `breaking-${name}`,
    name,
    defaultValue: state.values[name] ?? '',
    // Read-only while the save is on its way: its answer rebuilds the form from what was sent.
    readOnly: pending,
    'aria-invalid': state.errors[name] ? true : undefined,
    'aria-describedby': [`breaking-${name}-hint`, state.errors[name] ? `breaking-${name}-error` : ''].join(' ').trim(),
  });
  const error = (name: string) =>
    state.errors[name] && (
      <p className="field__error" id={`breaking-${name}-error`}>
        {state.errors[name]}
      </p>
    );
  return (
    <div className="breaking-form">
      <Notice message={cleared.message} />
      {now ? (
        <div className="breaking-form__now" id="breaking-now">
          <p>
            <strong>{now.showing ? 'On every reader page now:' : 'Expired, coming down now:'}</strong> “{now.text}”
            {now.link && (
              <>
                {' '}
                → <a href={now.link}>{now.link}</a>
              </>
            )}
          </p>
          <p className="field__hint">{now.expires ? `Until ${now.expires}.` : "Until cleared."}</p>
          <form action={clearFormAction}>
            <button className="button button--danger" type="submit" disabled={clearing}>
              Clear breaking news
            </button>
          </form>
        </div>
      ) : (
        <p className="field__hint" id="breaking-none">
          No breaking news is shown.
        </p>
      )}
      <form action={formAction} noValidate key={state.answers}>
        <Notice message={state.message} />
        <div className="field">
          <label htmlFor="breaking-text">Breaking news text</label>
          <p className="field__hint" id="breaking-text-hint">
            Up to 120 characters, shown at the top of every reader page{now ? ', replacing the one up now' : ''}.
          </p>
          <input type="text" {...field('text')} />
          {error('text')}
        </div>
        <div className="field">
          <label htmlFor="breaking-link">Link (optional)</label>
          <p className="field__hint" id="breaking-link-hint">
            A page of this site: a path such as /politics/story-slug (an article or a live blog), or pick a recent article.
          </p>
          <input type="text" list="breaking-link-articles" {...field('link')} />
          <datalist id="breaking-link-articles">
            {articleLinks.map((article) => (
              <option key={article.path} value={article.path}>
                {article.headline}
              </option>
            ))}
          </datalist>
          {error('link')}
        </div>
        <div className="field">
          <label htmlFor="breaking-expiresAt">Take down at (optional)</label>
          <p className="field__hint" id="breaking-expiresAt-hint">
            Your newsroom&rsquo;s time zone ({timeZone}). Leave empty to keep it up until cleared.
          </p>
          <input type="datetime-local" step={1} {...field('expiresAt')} />
          {error('expiresAt')}
        </div>
        <button className="button" type="submit" disabled={pending}>
          Set breaking news
        </button>
      </form>
    </div>
  );
}

function Notice({ message }: { message: FormState['message'] }) {
  if (!message) return null;
  return (
    <p className={`notice notice--${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'}>
      {message.text}
    </p>
  );
}
