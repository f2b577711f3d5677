import sharp from 'sharp';
import { expect, it } from 'vitest';
import { renderIllustration } from './illustration';

it('draws the same picture for the same article every time, at every width an upload this size gets', async () => {
  const first = await renderIllustration('a-story', 200, 1600, 900);
  const again = await renderIllustration('a-story', 200, 1600, 900);
  const other = await renderIllustration('another-story', 200, 1600, 900);
  expect(first.map((v) => [v.width, v.height])).toEqual([
    [480, 270],
    [960, 540],
    [1600, 900],
  ]);
  expect(again.map((v) => v.file)).toEqual(first.map((v) => v.file));
  expect(other.map((v) => v.file)).not.toEqual(first.map((v) => v.file));
  for (const variant of first) {
    const meta = await sharp(variant.file).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', variant.width, variant.height]);
  }
});
