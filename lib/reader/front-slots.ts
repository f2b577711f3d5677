import type { ArticleTeaser } from '@/db/articles/model';

/**
 * How a front's slots are filled: the stories editors pinned keep their positions; every other slot takes
 * the newest published story not already shown. Pure, so the newsroom's view of a front and the reader's
 * page agree.
 */

/** The home page: a lead and 6 top stories. A section front: a lead and 4. */
export const HOME_SLOTS = 7;
export const SECTION_SLOTS = 5;

export const slotCountOf = (front: 'home' | 'section') => (front === 'home' ? HOME_SLOTS : SECTION_SLOTS);

export interface FilledSlot {
  teaser: ArticleTeaser;
  /** Pinned by an editor, or filled automatically. */
  pinned: boolean;
}

/**
 * The front's slots in order. `pinned` are the live pinned stories by position (positions past `slotCount`
 * are ignored); `newest` are the newest published stories (at least `slotCount` of them when the site has
 * that many), from which empty slots fill, skipping those pinned. Slots stay empty only when stories run out.
 */
export function fillFrontSlots(
  slotCount: number,
  pinned: readonly { position: number; teaser: ArticleTeaser }[],
  newest: readonly ArticleTeaser[],
): (FilledSlot | null)[] {
  const slots: (FilledSlot | null)[] = Array.from({ length: slotCount }, () => null);
  const shown = new Set<number>();
  for (const { position, teaser } of pinned) {
    if (position < 0 || position >= slotCount || slots[position] || shown.has(teaser.id)) continue;
    slots[position] = { teaser, pinned: true };
    shown.add(teaser.id);
  }
  const fill = newest.filter((teaser) => !shown.has(teaser.id));
  for (let i = 0; i < slotCount; i++) {
    if (slots[i]) continue;
    const next = fill.shift();
    if (!next) break;
    slots[i] = { teaser: next, pinned: false };
    shown.add(next.id);
  }
  return slots;
}
