import type { Db } from '@/db/client';
import type { EditableArticle } from '@/db/newsroom';
import type { WebhookEventType } from '@/db/schema';
import { enqueueWebhookEvents, type OutboxEvent } from '@/db/webhooks';
import { siteConfig } from '@/lib/config';
import { articlePath, sectionPath } from '@/lib/paths';
import { oncePerProcess } from '@/lib/process-state';
import { newMessageId } from './signing';

/**
 * The one place that decides which webhook events a change makes, and what they say (ADR 0025). The use
 * cases call `queueArticleEvents` & co. INSIDE the transaction of their change: the events go into the
 * outbox (db/webhooks.ts) with the change, or not at all, and the sender (./sender.ts) delivers them later.
 *
 * Every body has the Standard Webhooks shape `{ type, timestamp, data }`; `data` is small and stable:
 * ids, absolute URLs, the headline and section, ISO 8601 times. Fields are only ever added, never
 * renamed or removed (a receiver fetches anything else from the Content API).
 */

export interface WebhookEvent {
  type: WebhookEventType;
  data: Record<string, unknown>;
}

const iso = (epochMs: number | null) => (epochMs === null ? null : new Date(epochMs).toISOString());
const absolute = (path: string) => `${siteConfig().baseUrl}${path}`;

/** What every article event says about the article (as it is after the change). */
export function articleData(article: EditableArticle): Record<string, unknown> {
  return {
    id: article.id,
    url: absolute(articlePath({ slug: article.slug, section: article.sectionSlug })),
    headline: article.headline,
    section: article.sectionSlug,
    type: article.type,
    status: article.deletedAt === null ? article.status : 'trashed',
    published_at: iso(article.publishedAt),
    updated_at: iso(article.updatedAt),
  };
}

const isLive = (article: EditableArticle | null) => article !== null && article.status === 'published' && article.deletedAt === null;

/**
 * The event an article's change makes, if any: it went live (published), changed while live (updated: a
 * live edit, a correction), stopped being live (unpublished), or went into the trash after having been
 * published at some time (trashed: it answers 410 now; a draft never published makes no event). One change
 * makes at most one event: a live article moved to the trash is 'article.trashed' only.
 */
export function articleEvent(before: EditableArticle | null, after: EditableArticle | null): WebhookEvent | null {
  if (!after) return null;
  const trashedNow = before !== null && before.deletedAt === null && after.deletedAt !== null;
  if (trashedNow) return before.publishedAt !== null && before.status !== 'scheduled' ? { type: 'article.trashed', data: articleData(after) } : null;
  if (!isLive(before) && isLive(after)) return { type: 'article.published', data: articleData(after) };
  if (isLive(before) && isLive(after)) return { type: 'article.updated', data: articleData(after) };
  if (isLive(before) && !isLive(after)) return { type: 'article.unpublished', data: articleData(after) };
  return null;
}

/** A live blog's update posted (not a draft saved, not an edit). */
export function liveUpdatePostedEvent(article: EditableArticle, update: { id: number; title: string; keyEvent: boolean; postedAt: number }): WebhookEvent {
  const url = absolute(articlePath({ slug: article.slug, section: article.sectionSlug }));
  return {
    type: 'live_update.posted',
    data: {
      id: update.id,
      url: `${url}#update-${update.id}`,
      title: update.title,
      key_event: update.keyEvent,
      posted_at: iso(update.postedAt),
      article: { id: article.id, url, headline: article.headline, section: article.sectionSlug },
    },
  };
}

/** A front's arrangement saved: 'home' or a section's slug. */
export function frontChangedEvent(front: string | null): WebhookEvent {
  return { type: 'front.changed', data: { front: front ?? 'home', url: absolute(front === null ? '/' : sectionPath(front)) } };
}

/** The body sent for an event, exactly (Standard Webhooks: type, timestamp, data). */
export function eventBody(event: WebhookEvent, at: number): string {
  return JSON.stringify({ type: event.type, timestamp: new Date(at).toISOString(), data: event.data });
}

/** Wakes this process's sender (server/main.ts) once the current transaction has committed; nothing where none runs. */
const senderAlarm = () => oncePerProcess<{ ring: (() => void) | null }>('webhook sender alarm', () => ({ ring: null }));

export function onWebhooksQueued(ring: () => void): void {
  senderAlarm().ring = ring;
}

/**
 * Puts the events into the outbox for every endpoint that wants them. Call inside the change's
 * transaction (`db` is its connection). The sender is woken after the synchronous transaction is over.
 */
export function queueWebhookEvents(db: Db, events: readonly (WebhookEvent | null)[], now: number = Date.now()): void {
  const outbox: OutboxEvent[] = events.flatMap((event) => (event ? [{ messageId: newMessageId(), type: event.type, payload: eventBody(event, now) }] : []));
  if (outbox.length === 0) return;
  if (enqueueWebhookEvents(db, outbox, now) > 0) {
    const { ring } = senderAlarm();
    if (ring) setImmediate(ring);
  }
}
