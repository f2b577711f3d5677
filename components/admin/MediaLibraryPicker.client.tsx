'use client';

import { useId, useRef, useState } from 'react';
import { useHydrated } from './useHydrated.client';
import type { MediaFile } from '@/lib/media/names';
import { MediaThumbnail } from './MediaThumbnail.client';

/** An image the picker offers: its files and its alt text. */
export interface MediaChoice extends MediaFile {
  id: number;
  alt: string;
}

/** The server actions the picker calls (app/admin/media/actions.ts), passed down by the page. */
export interface MediaPickerActions {
  /** A page of the library, searched by alt text, caption and file name. */
  findMedia: (query: string, page: number) => Promise<{ items: MediaChoice[]; page: number; pageCount: number; total: number }>;
  /** Uploads an image with its text and answers with it, or with the reasons it was refused. */
  uploadMediaFromPicker: (form: FormData) => Promise<{ ok: true; media: MediaChoice } | { ok: false; message: string; errors: Record<string, string | undefined> }>;
}

/**
 * Every image this page has shown (searched, paged or uploaded), by id: the editor's form is rebuilt
 * after each save, and the image chosen must still be shown (and stay chosen) even when the page's own
 * list, the newest few, does not hold it.
 */
const seen = new Map<number, MediaChoice>();

const UPLOAD_FIELDS = [
  { name: 'alt', label: 'Alt text (required)', hint: 'What the image shows, for readers who cannot see it.' },
  { name: 'caption', label: 'Caption', hint: 'Optional. Shown under the image.' },
  { name: 'credit', label: 'Credit', hint: 'Optional. The photographer or agency.' },
] as const;

/**
 * The article's image. Without JavaScript: radio buttons for the newest images (and the current one)
 * and a link to the library. With JavaScript, the same list also searches the whole library (alt text,
 * caption, file name), pages through it, and uploads a new image in place, which it then chooses:
 * the editor never leaves the page. Its own fields have no names, so they never go with the article.
 */
export function MediaLibraryPicker({
  media,
  selectedId,
  name = 'heroMediaId',
  legend = 'Image',
  error,
  actions: { findMedia, uploadMediaFromPicker },
}: {
  /** The newest images (PICKER_PAGE_SIZE of them), and the current one. */
  media: readonly MediaChoice[];
  /** The chosen image's id as the form holds it ('' for none). */
  selectedId: string;
  name?: string;
  legend?: string;
  error?: string;
  actions: MediaPickerActions;
}) {
  for (const m of media) seen.set(m.id, m);
  const enhanced = useHydrated();
  const [items, setItems] = useState<readonly MediaChoice[]>(media);
  const [chosen, setChosen] = useState(selectedId);
  const [query, setQuery] = useState('');
  const [paging, setPaging] = useState({ page: 1, pageCount: media.length >= 12 ? 2 : 1, query: '' });
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const [uploadErrors, setUploadErrors] = useState<Record<string, string | undefined>>({});
  const uploadRef = useRef<HTMLDivElement>(null);
  const id = useId();

  const chosenId = Number(chosen);
  const chosenItem = chosen ? (seen.get(chosenId) ?? null) : null;
  // The chosen image is always offered, first when it is not on the page shown.
  const shown = chosen && !items.some((m) => m.id === chosenId) ? [chosenItem ?? { id: chosenId, alt: `Image ${chosen}`, fileName: '', width: 1, height: 1 }, ...items] : items;
  const errorId = error ? `${name}-error` : undefined;

  async function load(text: string, page: number) {
    setBusy(true);
    try {
      const result = await findMedia(text, page);
      for (const m of result.items) seen.set(m.id, m);
      setItems(result.items);
      setPaging({ page: result.page, pageCount: result.pageCount, query: text });
      setStatus(
        result.total === 0
          ? `No image matches “${text}”.`
          : `${result.total} ${result.total === 1 ? 'image' : 'images'}${text ? ` matching “${text}”` : ''}, page ${result.page} of ${result.pageCount}.`,
      );
    } catch {
      setStatus('The library could not be searched just now. Try again.');
    } finally {
      setBusy(false);
    }
  }

  async function upload() {
    const box = uploadRef.current;
    if (!box) return;
    const data = new FormData();
    const file = box.querySelector<HTMLInputElement>('input[type="file"]')?.files?.[0];
    if (file) data.set('file', file);
    for (const field of UPLOAD_FIELDS) data.set(field.name, box.querySelector<HTMLInputElement>(`#${CSS.escape(`${id}-${field.name}`)}`)?.value ?? '');
    setBusy(true);
    setStatus('Uploading…');
    try {
      const result = await uploadMediaFromPicker(data);
      if (!result.ok) {
        setUploadErrors(result.errors);
        setStatus(result.message);
        return;
      }
      seen.set(result.media.id, result.media);
      setUploadErrors({});
      setItems((current) => [result.media, ...current.filter((m) => m.id !== result.media.id)]);
      setChosen(String(result.media.id));
      for (const input of box.querySelectorAll<HTMLInputElement>('input')) input.value = '';
      setStatus(`Uploaded and chosen: “${result.media.alt}”.`);
    } catch {
      setStatus('The upload failed (the connection, or a file over the size limit). Nothing in the article was touched: try again.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <fieldset className="field media-picker" aria-describedby={[`${name}-hint`, errorId].filter(Boolean).join(' ')} aria-busy={busy || undefined}>
      <legend>{legend}</legend>
      {!enhanced && (
        <p className="field__hint" id={`${name}-hint`}>
          <a href="/admin/media" target="_blank" rel="noopener">
            Upload a new image or see older ones (opens in a new tab)
          </a>
          ; save this form before you reload the page to see a new image here.
        </p>
      )}
      {enhanced && (
        <>
          <p className="field__hint" id={`${name}-hint`}>
            Search the whole library, or upload an image below: this page keeps your text.
          </p>
          <div className="media-picker__search">
            <label htmlFor={`${id}-q`}>Find an image</label>
            <input
              id={`${id}-q`}
              type="search"
              value={query}
              onChange={(event) => setQuery(event.target.value)}
              onInput={(event) => event.stopPropagation()}
              onKeyDown={(event) => {
                // Enter searches; it must not submit the article.
                if (event.key !== 'Enter') return;
                event.preventDefault();
                void load(query, 1);
              }}
            />
            <button className="button button--secondary" type="button" onClick={() => void load(query, 1)}>
              Search
            </button>
          </div>
        </>
      )}
      {error && (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      )}
      <ul className="media-picker__list">
        <li>
          <label>
            <input type="radio" name={name} value="" defaultChecked={chosen === ''} onChange={() => setChosen('')} />
            No image
          </label>
        </li>
        {shown.map((m) => (
          <li key={m.id}>
            <label>
              <input
                type="radio"
                name={name}
                value={m.id}
                data-alt={m.alt}
                // Uncontrolled, so a choice made before the page is hydrated stands; a radio that appears
                // later (an upload) comes checked when it is the chosen one.
                defaultChecked={chosen === String(m.id)}
                onChange={() => setChosen(String(m.id))}
              />
              {m.fileName && <MediaThumbnail media={m} width={144} />}
              <span>{m.alt}</span>
            </label>
          </li>
        ))}
      </ul>
      {enhanced && (
        <>
          <p className="media-picker__status" role="status">
            {status}
          </p>
          <div className="media-picker__pages">
            {paging.page > 1 && (
              <button className="button button--secondary" type="button" disabled={busy} onClick={() => void load(paging.query, paging.page - 1)}>
                Newer images
              </button>
            )}
            {paging.page < paging.pageCount && (
              <button className="button button--secondary" type="button" disabled={busy} onClick={() => void load(paging.query, paging.page + 1)}>
                Older images
              </button>
            )}
          </div>
          {/* Its typing is not an edit of the article: autosave (the form's onInput) need not hear it. */}
          <div className="media-picker__upload" ref={uploadRef} role="group" aria-labelledby={`${id}-upload`} onInput={(event) => event.stopPropagation()}>
            <p id={`${id}-upload`} className="media-picker__upload-title">
              Upload a new image
            </p>
            <div className="field">
              <label htmlFor={`${id}-file`}>Image file</label>
              <input
                id={`${id}-file`}
                type="file"
                accept="image/jpeg,image/png,image/webp,image/avif,image/gif"
                aria-invalid={uploadErrors.file ? true : undefined}
                aria-describedby={uploadErrors.file ? `${id}-file-error` : undefined}
              />
              {uploadErrors.file && (
                <p className="field__error" id={`${id}-file-error`}>
                  {uploadErrors.file}
                </p>
              )}
            </div>
            {UPLOAD_FIELDS.map((field) => (
              <div className="field" key={field.name}>
                <label htmlFor={`${id}-${field.name}`}>{field.label}</label>
                <p className="field__hint" id={`${id}-${field.name}-hint`}>
                  {field.hint}
                </p>
                <input
                  id={`${id}-${field.name}`}
                  type="text"
                  onKeyDown={(event) => {
                    if (event.key === 'Enter') event.preventDefault();
                  }}
                  aria-invalid={uploadErrors[field.name] ? true : undefined}
                  aria-describedby={[`${id}-${field.name}-hint`, uploadErrors[field.name] && `${id}-${field.name}-error`].filter(Boolean).join(' ')}
                />
                {uploadErrors[field.name] && (
                  <p className="field__error" id={`${id}-${field.name}-error`}>
                    {uploadErrors[field.name]}
                  </p>
                )}
              </div>
            ))}
            <button className="button button--secondary" type="button" disabled={busy} onClick={() => void upload()}>
              Upload and use
            </button>
          </div>
        </>
      )}
    </fieldset>
  );
}
