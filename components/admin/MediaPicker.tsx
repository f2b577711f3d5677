import type { MediaFile } from '@/lib/media-names';
import { MediaThumbnail } from './MediaThumbnail';

export interface MediaChoice extends MediaFile {
  id: number;
  alt: string;
}

/**
 * Chooses an article's image from the library: radio buttons with thumbnails, and "No image". Props
 * only, no hooks, so it renders on the server and inside a client form alike. `selected` is shown
 * even when it is older than the recent images passed in `media`.
 */
export function MediaPicker({
  media,
  selected,
  name = 'heroMediaId',
  legend = 'Image',
  error,
  uploadHref = '/admin/media',
}: {
  /** Recent images, newest first (the page fetches them, e.g. `listMedia({ page: 1 }).items`). */
  media: readonly MediaChoice[];
  selected: MediaChoice | null;
  name?: string;
  legend?: string;
  error?: string;
  uploadHref?: string;
}) {
  const choices = selected && !media.some((m) => m.id === selected.id) ? [selected, ...media] : media;
  const errorId = error ? `${name}-error` : undefined;
  return (
    <fieldset className="field media-picker" aria-describedby={[`${name}-hint`, errorId].filter(Boolean).join(' ')}>
      <legend>{legend}</legend>
      <p className="field__hint" id={`${name}-hint`}>
        <a href={uploadHref} target="_blank" rel="noopener">
          Upload a new image (opens in a new tab)
        </a>
        ; save this form and reload the page to see it here.
      </p>
      {error && (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      )}
      <ul className="media-picker__list">
        <li>
          <label>
            <input type="radio" name={name} value="" defaultChecked={selected === null} />
            No image
          </label>
        </li>
        {choices.map((m) => (
          <li key={m.id}>
            <label>
              <input type="radio" name={name} value={m.id} defaultChecked={m.id === selected?.id} />
              <MediaThumbnail media={m} width={144} />
              <span>{m.alt}</span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
