'use client';

import { useActionState, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { flushSync } from 'react-dom';
import type { FrontFormAction, FrontFormState, FrontSlotValues } from '@/lib/newsroom/forms/front-form';

/**
 * The slots of one front, in reading order: pick a story for each (suggestions as you type), reorder them
 * by dragging or with Move up / Move down, clear one, give one a headline, summary or image for the front
 * only, then Save. A plain form: without JavaScript, Move up / Move down / Clear post it and the server
 * answers with the slots rearranged (unsaved); with it, they rearrange in place.
 */

const label = (index: number) => (index === 0 ? 'Lead' : `Top story ${index}`);
const field = (name: keyof FrontSlotValues, index: number) => `${name}-${index}`;

interface Slot extends FrontSlotValues {
  key: number;
}

/** Enter in a field would press the form's first button: with JavaScript, Enter only picks a suggestion. */
const keepEnter = (event: KeyboardEvent<HTMLInputElement>) => {
  if (event.key === 'Enter') event.preventDefault();
};

/**
 * Each slot's key (and so its fields' ids) from the server's answer it came with and its place then: the same
 * on the server and in the browser that hydrates its markup (a counter kept by the module would differ, and
 * React would keep the server's ids while looking for its own), and new with each answer. Moves keep keys.
 */
const keyed = (slots: readonly FrontSlotValues[], answer: number): Slot[] => slots.map((slot, index) => ({ ...slot, key: answer * 1_000 + index }));

export function FrontArranger({
  action,
  initial,
  slotCount,
  notes,
  findStories,
}: {
  action: FrontFormAction;
  initial: FrontFormState;
  slotCount: number;
  /** What readers see in each slot as saved now (by position), and the pinned story's slug. */
  notes: readonly { slug: string; note: string }[];
  findStories: (query: string) => Promise<{ slug: string; headline: string }[]>;
}) {
  // Without JavaScript the page is rendered with the last answer as `state`: the slots start from it.
  const [state, formAction, pending] = useActionState(action, initial);
  const [slots, setSlots] = useState<Slot[]>(() => keyed(state.slots, state.answers));
  const [answered, setAnswered] = useState(state.answers);
  const [announcement, setAnnouncement] = useState('');
  const dragFrom = useRef<number | null>(null);

  // Each answer from the server (saved, refused, rearranged) replaces the slots with what it says.
  if (answered !== state.answers) {
    setAnswered(state.answers);
    setSlots(keyed(state.slots, state.answers));
  }

  // While a save is on its way the slots stay as sent: its answer replaces them with what it says.
  const move = (from: number, to: number, focusId?: (key: number) => string) => {
    if (pending || to < 0 || to >= slotCount || from === to) return;
    const next = slots.slice();
    const [moved] = next.splice(from, 1);
    if (!moved) return;
    next.splice(to, 0, moved);
    // Rendered at once, so that focus moves with the story in this same keystroke: the button pressed may be
    // gone (the lead has no Move up), and a focus left to an effect is lost if anything renders in between.
    flushSync(() => {
      setSlots(next);
      setAnnouncement(`${moved.article || 'Empty slot'} moved to ${label(to)}.`);
    });
    if (focusId) document.getElementById(focusId(moved.key))?.focus();
  };

  const update = (index: number, change: Partial<FrontSlotValues>) => setSlots(slots.map((slot, i) => (i === index ? { ...slot, ...change } : slot)));

  return (
    <form action={formAction} className="front-arranger" noValidate>
      {state.message && (
        <div className={`notice notice--${state.message.kind}`} role={state.message.kind === 'error' ? 'alert' : 'status'}>
          <p>{state.message.text}</p>
          {state.changes.length > 0 && (
            <ul className="front-arranger__changes">
              {state.changes.map((change) => (
                <li key={change}>{change}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <input type="hidden" name="front" value={state.front} />
      <input type="hidden" name="version" value={state.version} />
      {/* First in the form: without JavaScript, Enter in a field presses it (not a slot's Move down). */}
      <button className="button" type="submit" name="intent" value="save" disabled={pending}>
        Save front
      </button>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      <ol className="front-slots">
        {slots.map((slot, index) => {
          const note = notes.find((n) => n.slug !== '' && n.slug === slot.article)?.note ?? (slot.article === '' && notes[index]?.slug === '' ? notes[index].note : null);
          const errors = {
            article: state.errors[field('article', index)],
            headline: state.errors[field('headline', index)],
            summary: state.errors[field('summary', index)],
            image: state.errors[field('image', index)],
          };
          const hasOverride = Boolean(slot.headline || slot.summary || slot.image || errors.headline || errors.summary || errors.image);
          const id = (name: string) => `slot-${slot.key}-${name}`;
          return (
            <li
              key={slot.key}
              className="front-slot"
              data-slot={index}
              onDragOver={(event) => event.preventDefault()}
              onDrop={(event) => {
                event.preventDefault();
                if (dragFrom.current !== null) move(dragFrom.current, index);
                dragFrom.current = null;
              }}
            >
              <fieldset>
                <legend>
                  <span
                    className="front-slot__handle"
                    draggable
                    title="Drag to reorder"
                    onDragStart={(event) => {
                      dragFrom.current = index;
                      event.dataTransfer.effectAllowed = 'move';
                      event.dataTransfer.setData('text/plain', String(index));
                    }}
                  >
                    <span aria-hidden="true">⠿ </span>
                    {label(index)}
                  </span>
                </legend>
                <div className="field">
                  <label htmlFor={id('article')}>Story</label>
                  <p className="field__hint" id={id('article-hint')}>
                    Type words of its headline and pick from the suggestions, or paste its address. Empty: automatic.
                  </p>
                  <StoryInput
                    id={id('article')}
                    name={field('article', index)}
                    value={slot.article}
                    onChange={(article) => update(index, { article })}
                    findStories={findStories}
                    describedBy={[id('article-hint'), errors.article ? id('article-error') : ''].filter(Boolean).join(' ')}
                    invalid={Boolean(errors.article)}
                    readOnly={pending}
                  />
                  {errors.article && (
                    <p className="field__error" id={id('article-error')}>
                      {errors.article}
                    </p>
                  )}
                  {note && <p className="front-slot__note">{note}</p>}
                </div>
                <details className="front-slot__overrides" open={hasOverride}>
                  <summary>Headline, summary or image for this front only</summary>
                  {(
                    [
                      ['headline', 'Front headline', 'Empty: the article’s own.'],
                      ['summary', 'Front summary', 'Empty: the article’s own.'],
                      ['image', 'Front image number', 'The number of an image in the media library (Media); empty: the article’s own.'],
                    ] as const
                  ).map(([name, text, hint]) => (
                    <div className="field" key={name}>
                      <label htmlFor={id(name)}>{text}</label>
                      <p className="field__hint" id={id(`${name}-hint`)}>
                        {hint}
                      </p>
                      {name === 'summary' ? (
                        <textarea
                          id={id(name)}
                          name={field(name, index)}
                          rows={2}
                          readOnly={pending}
                          value={slot[name]}
                          onChange={(event) => update(index, { [name]: event.target.value })}
                          aria-invalid={errors[name] ? true : undefined}
                          aria-describedby={[id(`${name}-hint`), errors[name] ? id(`${name}-error`) : ''].filter(Boolean).join(' ')}
                        />
                      ) : (
                        <input
                          id={id(name)}
                          name={field(name, index)}
                          type="text"
                          inputMode={name === 'image' ? 'numeric' : undefined}
                          onKeyDown={keepEnter}
                          readOnly={pending}
                          value={slot[name]}
                          onChange={(event) => update(index, { [name]: event.target.value })}
                          aria-invalid={errors[name] ? true : undefined}
                          aria-describedby={[id(`${name}-hint`), errors[name] ? id(`${name}-error`) : ''].filter(Boolean).join(' ')}
                        />
                      )}
                      {errors[name] && (
                        <p className="field__error" id={id(`${name}-error`)}>
                          {errors[name]}
                        </p>
                      )}
                    </div>
                  ))}
                </details>
                <div className="front-slot__buttons">
                  {index > 0 && (
                    <button
                      id={id('up')}
                      className="button button--secondary"
                      type="submit"
                      name="intent"
                      value={`up-${index}`}
                      aria-label={`Move ${label(index)} up`}
                      onClick={(event) => {
                        event.preventDefault();
                        move(index, index - 1, (key) => (index - 1 === 0 ? `slot-${key}-down` : `slot-${key}-up`));
                      }}
                    >
                      Move up
                    </button>
                  )}
                  {index < slotCount - 1 && (
                    <button
                      id={id('down')}
                      className="button button--secondary"
                      type="submit"
                      name="intent"
                      value={`down-${index}`}
                      aria-label={`Move ${label(index)} down`}
                      onClick={(event) => {
                        event.preventDefault();
                        move(index, index + 1, (key) => (index + 1 === slotCount - 1 ? `slot-${key}-up` : `slot-${key}-down`));
                      }}
                    >
                      Move down
                    </button>
                  )}
                  <button
                    className="button button--secondary"
                    type="submit"
                    name="intent"
                    value={`clear-${index}`}
                    aria-label={`Clear ${label(index)}`}
                    onClick={(event) => {
                      event.preventDefault();
                      if (pending) return;
                      update(index, { article: '', headline: '', summary: '', image: '' });
                      setAnnouncement(`${label(index)} cleared: it fills automatically.`);
                    }}
                  >
                    Clear
                  </button>
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <button className="button" type="submit" name="intent" value="save" disabled={pending}>
        Save front
      </button>
    </form>
  );
}

/** The story field: suggestions from published and scheduled stories as the editor types. */
function StoryInput({
  id,
  name,
  value,
  onChange,
  findStories,
  describedBy,
  invalid,
  readOnly,
}: {
  id: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  findStories: (query: string) => Promise<{ slug: string; headline: string }[]>;
  describedBy: string;
  invalid: boolean;
  readOnly: boolean;
}) {
  const [query, setQuery] = useState<string | null>(null);
  const [found, setFound] = useState<{ slug: string; headline: string }[]>([]);

  useEffect(() => {
    if (query === null) return;
    let current = true;
    const timer = setTimeout(() => {
      void findStories(query).then((stories) => {
        if (current) setFound(stories);
      });
    }, 200);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query, findStories]);

  return (
    <>
      <input
        id={id}
        name={name}
        type="search"
        list={`${id}-suggestions`}
        autoComplete="off"
        readOnly={readOnly}
        value={value}
        onKeyDown={keepEnter}
        onChange={(event) => {
          onChange(event.target.value);
          setQuery(event.target.value);
        }}
        aria-describedby={describedBy}
        aria-invalid={invalid ? true : undefined}
      />
      <datalist id={`${id}-suggestions`}>
        {found.map((story) => (
          <option key={story.slug} value={story.slug} label={story.headline} />
        ))}
      </datalist>
    </>
  );
}
