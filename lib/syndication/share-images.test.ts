import { describe, expect, it } from 'vitest';
import { parseShareImageName, shareImage } from './share-images';

describe('share image names', () => {
  it('name an article card by id and version, and read back the id', () => {
    const image = shareImage({ id: 42, updatedAt: 1_764_000_000_000, headline: 'A headline' });
    expect(image).toEqual({ path: '/share/42-1764000000000.png', width: 1200, height: 630, alt: 'A headline' });
    expect(parseShareImageName('42-1764000000000.png')).toEqual({ kind: 'article', id: 42, version: 1_764_000_000_000 });
    expect(parseShareImageName('site.png')).toEqual({ kind: 'site' });
  });

  it.each(['42.png', '0-1.png', '42-1.jpg', '-1-2.png', '42-1.png.png', `${'9'.repeat(11)}-1.png`, '../x.png', ''])('refuse %j', (name) => {
    expect(parseShareImageName(name)).toBeNull();
  });
});
