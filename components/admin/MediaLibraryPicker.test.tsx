import { renderToStaticMarkup } from 'react-dom/server';
import { expect, it } from 'vitest';
import { MediaLibraryPicker, type MediaChoice, type MediaPickerActions } from './MediaLibraryPicker.client';

// What the server renders, and a browser without JavaScript gets: radio buttons for the images given.

/** The value of the one checked radio button. */
const checkedValue = (html: string) => {
  const checked = html.match(/<input [^>]*checked=""[^>]*>/g) ?? [];
  expect(checked).toHaveLength(1);
  return /value="([^"]*)"/.exec(checked[0] ?? '')?.[1];
};

const image = (id: number, alt: string): MediaChoice => ({ id, alt, fileName: `base${id}abcde-1600.webp`, width: 1600, height: 900 });
// Searching and uploading happen only after hydration, never while the server renders.
const actions: MediaPickerActions = {
  findMedia: () => Promise.reject(new Error('not called while rendering')),
  uploadMediaFromPicker: () => Promise.reject(new Error('not called while rendering')),
};

it('offers no image and each image by its thumbnail and alt text, the current choice checked', () => {
  const html = renderToStaticMarkup(<MediaLibraryPicker media={[image(2, 'Ferry at dawn'), image(1, 'Market stalls')]} selectedId="1" actions={actions} />);
  expect(html.match(/<input type="radio"[^>]* name="heroMediaId"/g)).toHaveLength(3);
  expect(html).toContain('No image');
  expect(checkedValue(html)).toBe('1');
  expect(html).toContain('src="/media/base1abcde-480.webp" alt="" width="144" height="81"');
  expect(html).toContain('<span>Ferry at dawn</span>');
});

it('keeps a chosen image it was given earlier, and checks "No image" when there is none', () => {
  // The editor passes the article's own image along with the newest ones; a later render without it
  // (the form rebuilt after a save) still offers and checks it.
  renderToStaticMarkup(<MediaLibraryPicker media={[image(3, 'Old portrait')]} selectedId="3" actions={actions} />);
  const older = renderToStaticMarkup(<MediaLibraryPicker media={[image(9, 'New')]} selectedId="3" actions={actions} />);
  expect(older).toContain('Old portrait');
  expect(checkedValue(older)).toBe('3');
  const none = renderToStaticMarkup(<MediaLibraryPicker media={[image(9, 'New')]} selectedId="" error="That image no longer exists." actions={actions} />);
  expect(checkedValue(none)).toBe('');
  expect(none).toContain('id="heroMediaId-error"');
  expect(none).toContain('That image no longer exists.');
});
