import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { forgetShareImages, storedShareImage } from './share-image-store';

describe('stored share images', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'share-store-'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  let drawings = 0;
  const draw = (text: string) => async () => {
    drawings++;
    await new Promise((resolve) => setTimeout(resolve, 20));
    return Buffer.from(`png of ${text}`);
  };
  const files = (owner: string) => fs.readdirSync(path.join(root, owner)).sort();

  it('draws a card once, however many ask at the same time, and serves it from disk after', async () => {
    drawings = 0;
    const card = { owner: '7', version: 100, content: ['Politics', 'A headline'] };
    const first = await Promise.all(Array.from({ length: 5 }, () => storedShareImage(root, card, draw('a'))));
    expect(drawings).toBe(1);
    for (const image of first) expect(image.toString()).toBe('png of a');
    expect(files('7')).toHaveLength(1);
    expect((await storedShareImage(root, card, draw('again'))).toString()).toBe('png of a');
    expect(drawings).toBe(1);
  });

  it('keeps only the newest card of an article: a redraw deletes the old one', async () => {
    await storedShareImage(root, { owner: '7', version: 100, content: ['Politics', 'Old'] }, draw('old'));
    await storedShareImage(root, { owner: '8', version: 100, content: ['Politics', 'Other'] }, draw('other'));
    const image = await storedShareImage(root, { owner: '7', version: 200, content: ['Politics', 'New'] }, draw('new'));
    expect(image.toString()).toBe('png of new');
    expect(files('7')).toEqual([expect.stringMatching(/^200-[0-9a-z_-]+\.png$/i)]);
    expect(files('8')).toHaveLength(1);
    // What is drawn changed without a new version (a section renamed): drawn again, still one file.
    await storedShareImage(root, { owner: '7', version: 200, content: ['World', 'New'] }, draw('moved'));
    expect(files('7')).toHaveLength(1);
    forgetShareImages(root, '7');
    expect(fs.existsSync(path.join(root, '7'))).toBe(false);
    forgetShareImages(root, '999');
  });

  it('still answers with the drawing when it cannot be stored', async () => {
    const file = path.join(root, 'not-a-folder');
    fs.writeFileSync(file, '');
    const image = await storedShareImage(file, { owner: '7', version: 1, content: [] }, draw('unstored'));
    expect(image.toString()).toBe('png of unstored');
  });
});
