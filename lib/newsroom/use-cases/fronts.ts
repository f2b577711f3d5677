import { writeWithAudit } from '@/db/audit';
import { listLatestArticles } from '@/db/articles/reads';
import { getDb } from '@/db/client';
import { findArticlesBySlug, frontKeyOf, getFrontArrangement, listLiveFrontSlots, mediaExists, replaceFrontArrangement, searchFrontCandidates, type FrontArrangement } from '@/db/fronts';
import { getSection, listSections } from '@/db/sections';
import type { Section } from '@/db/types';
import { invalidate } from '@/lib/cache/invalidate';
import type { SessionUser } from '@/lib/auth/sessions';
import { fillFrontSlots, slotCountOf } from '@/lib/reader/front-slots';
import { isValidSlug } from '@/lib/paths';
import { frontChangedEvent, queueWebhookEvents } from '@/lib/webhooks/events';
import {
  emptySlot,
  parseFrontSlots,
  rearrange,
  slotField,
  slotLabel,
  slugFromReference,
  type FrontFormState,
  type FrontSlotValues,
} from '../forms/front-form';

/**
 * Arranging a front page (/admin/front): which story goes in which slot, with the front's own texts.
 * A save is checked (every story exists, is published or scheduled, once), written with its audit line
 * in one transaction if the front is still at the version the editor opened, then the front's page is
 * invalidated. Empty slots fill on the reader's page (lib/reader/front-slots.ts).
 */

export interface FrontTarget {
  /** 'home', or the section's slug. */
  front: string;
  section: Section | null;
  key: string;
  slotCount: number;
  title: string;
}

/** The front a `front` parameter names ('home', empty, or a section's slug); null when there is none. */
export function frontTarget(front: string | undefined): FrontTarget | null {
  if (front === undefined || front === '' || front === 'home') {
    return { front: 'home', section: null, key: frontKeyOf(null), slotCount: slotCountOf('home'), title: 'Front page' };
  }
  if (!isValidSlug(front)) return null;
  const section = getSection(front);
  if (!section) return null;
  return { front: section.slug, section, key: frontKeyOf(section.id), slotCount: slotCountOf('section'), title: `${section.name} front` };
}

/** Every front an editor can arrange, for the page's front chooser. */
export const listFronts = (): { front: string; title: string }[] => [
  { front: 'home', title: 'Front page' },
  ...listSections().map((section) => ({ front: section.slug, title: `${section.name} front` })),
];

const slotValuesOf = (arrangement: FrontArrangement, slotCount: number): FrontSlotValues[] => {
  const slots = Array.from({ length: slotCount }, () => ({ ...emptySlot }));
  for (const slot of arrangement.slots) {
    if (slot.position >= slotCount) continue;
    slots[slot.position] = {
      article: slot.article.slug,
      headline: slot.headline,
      summary: slot.summary,
      image: slot.mediaId === null ? '' : String(slot.mediaId),
    };
  }
  return slots;
};

/** The form as the front is saved now. */
export function frontFormOf(target: FrontTarget): FrontFormState {
  const arrangement = getFrontArrangement(target.key);
  return {
    front: target.front,
    version: String(arrangement.version),
    slots: slotValuesOf(arrangement, target.slotCount),
    errors: {},
    message: null,
    changes: [],
    answers: 0,
  };
}

/** What readers see in each slot now: "Pinned: …", "Automatic: …", and pinned stories not live. */
export function frontNotes(target: FrontTarget): { slug: string; note: string }[] {
  const arrangement = getFrontArrangement(target.key);
  const { live } = listLiveFrontSlots(target.key);
  const newest = listLatestArticles({ limit: target.slotCount, sectionId: target.section?.id, excludeIds: live.map((s) => s.teaser.id) });
  const filled = fillFrontSlots(target.slotCount, live, newest);
  return filled.map((slot, position) => {
    const saved = arrangement.slots.find((s) => s.position === position);
    if (saved && saved.article.status !== 'published') {
      const waiting = saved.article.deleted ? 'in the trash' : saved.article.status === 'scheduled' ? 'scheduled: shown once it goes live' : `${saved.article.status}: not shown`;
      const instead = slot ? ` Readers see “${slot.teaser.headline}” until then.` : '';
      return { slug: saved.article.slug, note: `Pinned “${saved.article.headline}” is ${waiting}.${instead}` };
    }
    if (!slot) return { slug: '', note: 'Empty: no story to fill it.' };
    return slot.pinned
      ? { slug: saved?.article.slug ?? '', note: `Pinned: readers see “${slot.teaser.headline}”.` }
      : { slug: '', note: `Automatic: readers see the newest story not shown above, now “${slot.teaser.headline}”.` };
  });
}

/** Suggestions for a slot as the editor types: published and scheduled stories. */
export function findStoriesForFront(query: string): { slug: string; headline: string }[] {
  const text = query.trim().slice(0, 100);
  if (text.length < 2) return [];
  return searchFrontCandidates(text, 10).map(({ slug, headline, status }) => ({ slug, headline: status === 'scheduled' ? `${headline} (scheduled)` : headline }));
}

const statusWords = { draft: 'a draft', review: 'in review', archived: 'archived' } as const;

/** What the other editor's arrangement has where it differs from `mine`, slot by slot. */
function describeDifferences(theirs: readonly FrontSlotValues[], mine: readonly FrontSlotValues[], slotCount: number): string[] {
  const lines: string[] = [];
  const name = (slot: FrontSlotValues) => (slot.article ? `“${slot.article}”` : 'automatic');
  for (let i = 0; i < slotCount; i++) {
    const a = theirs[i] ?? emptySlot;
    const b = mine[i] ?? emptySlot;
    if (slugFromReference(a.article) !== slugFromReference(b.article)) lines.push(`${slotLabel(i)}: saved ${name(a)}, yours ${name(b)}.`);
    else if (a.headline !== b.headline.trim() || a.summary !== b.summary.trim() || a.image !== b.image.trim()) {
      lines.push(`${slotLabel(i)}: the front's own headline, summary or image differ.`);
    }
  }
  return lines;
}

/**
 * Handles one post of the arranger: Move up / Move down / Clear rearrange the form (unsaved, for browsers
 * without JavaScript); anything else saves. `user` may arrange fronts (the action checked).
 */
export function arrangeFront(
  input: { front: string; version: string; intent: string; slots: FrontSlotValues[] },
  user: SessionUser,
  answers: number,
): FrontFormState {
  const target = frontTarget(input.front);
  const base = { front: input.front, version: input.version, errors: {}, changes: [], answers };
  const refuse = (text: string, errors: Record<string, string> = {}, extra: Partial<FrontFormState> = {}): FrontFormState => ({
    ...base,
    slots: input.slots,
    errors,
    message: { kind: 'error', text },
    ...extra,
  });
  if (!target) return refuse('This front no longer exists: its section was deleted or renamed. Open the front again from the list.');
  const slotsTyped = input.slots.slice(0, target.slotCount);

  const rearranged = rearrange(slotsTyped, input.intent, target.slotCount);
  if (rearranged) {
    return { ...base, slots: rearranged, message: { kind: 'ok', text: 'Rearranged. Save the front to show readers.' } };
  }

  const version = /^[0-9]{1,9}$/.test(input.version) ? Number(input.version) : null;
  if (version === null) return refuse('This form is out of date: open the front again.');

  const parsed = parseFrontSlots(slotsTyped);

  // Every story named must exist, be published or scheduled, and appear once; override images must exist.
  const slugs = parsed.slots.map((slot) => (slot.article ? slugFromReference(slot.article) : ''));
  const found = new Map(findArticlesBySlug(slugs.filter((s) => s && isValidSlug(s))).map((a) => [a.slug, a]));
  const errors: Record<string, string> = { ...parsed.errors };
  const firstSlotOf = new Map<number, number>();
  const slots = parsed.slots.flatMap((slot, position) => {
    if (!slot.article) return [];
    const article = found.get(slugs[position] ?? '');
    const field = slotField('article', position);
    if (errors[field]) return [];
    if (!article) {
      errors[field] = `No article has the address “${slot.article}”. Pick one from the suggestions, or paste its address.`;
      return [];
    }
    if (article.deleted) errors[field] = `“${article.headline}” is in the trash: only published or scheduled stories can be placed.`;
    else if (article.status !== 'published' && article.status !== 'scheduled') {
      errors[field] = `“${article.headline}” is ${statusWords[article.status]}: only published or scheduled stories can be placed.`;
    } else if (firstSlotOf.has(article.id)) errors[field] = `“${article.headline}” is already in ${slotLabel(firstSlotOf.get(article.id)!)}.`;
    firstSlotOf.set(article.id, firstSlotOf.get(article.id) ?? position);
    if (slot.image !== null && !errors[slotField('image', position)] && !mediaExists(slot.image)) errors[slotField('image', position)] = `No image number ${slot.image} in the media library.`;
    return [{ position, articleId: article.id, headline: slot.headline, summary: slot.summary, mediaId: slot.image }];
  });
  if (Object.keys(errors).length > 0) return refuse('Some slots need attention: see the messages next to them.', errors, { slots: slotsTyped });

  const db = getDb();
  const result = writeWithAudit(
    db,
    () => {
      const done = replaceFrontArrangement(target.key, version, slots, user.id, db);
      // Webhooks hear of a saved front in the same transaction.
      if (done.saved) queueWebhookEvents(db, [frontChangedEvent(target.section?.slug ?? null)]);
      return done;
    },
    (done) =>
      done.saved
        ? {
            userId: user.id,
            action: 'arranged',
            entity: 'front',
            entityId: target.section?.id ?? null,
            detail: `${target.title}: ${slots.length === 0 ? 'all slots automatic' : slots.map((s) => `${slotLabel(s.position)} “${slugs[s.position]}”`).join(', ')}`,
          }
        : null,
  );
  if (!result.saved) {
    const now = getFrontArrangement(target.key);
    const who = now.updatedByEmail ?? 'someone';
    return refuse(
      `Not saved: ${who} saved this front after you opened it. Your arrangement is still below; what they saved differs as listed. Save again to replace theirs with yours.`,
      {},
      { slots: slotsTyped, version: String(result.version), changes: describeDifferences(slotValuesOf(now, target.slotCount), slotsTyped, target.slotCount) },
    );
  }
  invalidate({ kind: 'front', sectionSlug: target.section?.slug ?? null }, 'server-action');
  return {
    ...base,
    version: String(result.version),
    slots: slotValuesOf(getFrontArrangement(target.key), target.slotCount),
    message: { kind: 'ok', text: 'Saved. Readers see the new arrangement now.' },
  };
}
