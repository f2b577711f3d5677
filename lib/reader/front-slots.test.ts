import { describe, expect, it } from 'vitest';
import type { ArticleTeaser } from '@/db/articles/model';
import { fillFrontSlots } from './front-slots';

const teaser = (id: number): ArticleTeaser => ({
  id,
  slug: `story-${id}`,
  type: 'news',
  live: false,
  headline: `Story ${id}`,
  summary: '',
  section: { slug: 'politics', name: 'Politics' },
  publishedAt: id,
  updatedAt: id,
  image: null,
});
const ids = (slots: ReturnType<typeof fillFrontSlots>) => slots.map((slot) => (slot ? `${slot.teaser.id}${slot.pinned ? '*' : ''}` : '-'));

describe('filling a front', () => {
  it('fills every slot with the newest stories when nothing is pinned', () => {
    expect(ids(fillFrontSlots(3, [], [teaser(9), teaser(8), teaser(7), teaser(6)]))).toEqual(['9', '8', '7']);
  });

  it('keeps pinned stories at their positions and fills the others with the newest not already shown', () => {
    const slots = fillFrontSlots(4, [{ position: 0, teaser: teaser(3) }, { position: 2, teaser: teaser(9) }], [teaser(9), teaser(8), teaser(7), teaser(6)]);
    expect(ids(slots)).toEqual(['3*', '8', '9*', '7']);
  });

  it('leaves slots empty only when the stories run out, and ignores positions past the last slot and repeated stories', () => {
    const slots = fillFrontSlots(3, [{ position: 1, teaser: teaser(5) }, { position: 2, teaser: teaser(5) }, { position: 7, teaser: teaser(4) }], [teaser(6)]);
    expect(ids(slots)).toEqual(['6', '5*', '-']);
  });
});
