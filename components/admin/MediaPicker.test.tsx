import { renderToStaticMarkup } from 'react-dom/server';
import { expect, it } from 'vitest';
import { MediaPicker, type MediaChoice } from './MediaPicker';

/** The value of the one checked radio button. */
const checkedValue = (html: string) => {
  const checked = html.match(/<input [^>]*checked=""[^>]*>/g) ?? [];
  expect(checked).toHaveLength(1);
  return /value="([^"]*)"/.exec(checked[0] ?? '')?.[1];
};

const image = (id: number, alt: string): MediaChoice => ({ id, alt, fileName: `base${id}abcde-1600.webp`, width: 1600, height: 900 });

it('offers no image and each recent image by its thumbnail and alt text, the current choice checked', () => {
  const html = renderToStaticMarkup(<MediaPicker media={[image(2, 'Ferry at dawn'), image(1, 'Market stalls')]} selected={image(1, 'Market stalls')} />);
  expect(html.match(/type="radio" name="heroMediaId"/g)).toHaveLength(3);
  expect(html).toContain('value=""/>No image');
  expect(checkedValue(html)).toBe('1');
  expect(html).toContain('src="/media/base1abcde-480.webp" alt="" width="144" height="81"');
  expect(html).toContain('<span>Ferry at dawn</span>');
  expect(html).toContain('href="/admin/media" target="_blank" rel="noopener"');
});

it('keeps an older current image that is not among the recent ones, and checks "No image" when there is none', () => {
  const older = renderToStaticMarkup(<MediaPicker media={[image(9, 'New')]} selected={image(3, 'Old portrait')} />);
  expect(older).toContain('Old portrait');
  expect(checkedValue(older)).toBe('3');
  const none = renderToStaticMarkup(<MediaPicker media={[image(9, 'New')]} selected={null} name="photoMediaId" error="That image no longer exists." />);
  expect(checkedValue(none)).toBe('');
  expect(none).toContain('id="photoMediaId-error"');
  expect(none).toContain('aria-describedby="photoMediaId-hint photoMediaId-error"');
});
