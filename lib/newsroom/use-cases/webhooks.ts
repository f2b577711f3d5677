import type { z } from 'zod';
import { writeWithAudit } from '@/db/audit';
import { getDb } from '@/db/client';
import { deleteWebhookEndpoint, getWebhookEndpoint, insertWebhookEndpoint, replayDelivery, setWebhookEndpointPaused, setWebhookEndpointSecret } from '@/db/webhooks';
import type { SessionUser } from '@/lib/auth/sessions';
import { newWebhookSecret } from '@/lib/webhooks/signing';
import type { FormState } from '../forms/admin-form';
import type { FormReply } from '../forms/form-actions';
import { emptyEndpointForm, eventsOf, type endpointSchema, type newEndpointSchema, type pauseSchema, type replaySchema } from '../forms/webhook-form';

/**
 * Webhook endpoints (/admin/webhooks, admins): add one (its signing secret shown once), pause and resume,
 * rotate the secret (the new one shown once), delete, replay a delivery. Each is audit-logged in the same
 * transaction. Nothing here changes a reader page.
 */

const GONE = 'This endpoint no longer exists.';

export function createEndpoint(input: z.output<typeof newEndpointSchema>, user: SessionUser, reply: FormReply): FormState {
  const events = eventsOf(input);
  if (events.length === 0) return reply.refuseField('event_article_published', 'Tick at least one event.');
  const secret = newWebhookSecret();
  const db = getDb();
  const id = writeWithAudit(
    db,
    () => insertWebhookEndpoint({ name: input.name, url: input.url, events, secret }, db),
    (created) => ({ userId: user.id, action: 'webhook added', entity: 'webhook', entityId: created, detail: `${input.name}: ${input.url} (${events.join(', ')})` }),
  );
  return reply.accept(`Endpoint “${input.name}” added (number ${id}). Its signing secret is below.`, { values: emptyEndpointForm, oneTimePassword: secret });
}

export function setEndpointPaused({ id, pause }: z.output<typeof pauseSchema>, user: SessionUser, reply: FormReply, now: number = Date.now()): FormState {
  const endpoint = getWebhookEndpoint(id);
  if (!endpoint) return reply.refuse(GONE);
  const db = getDb();
  writeWithAudit(
    db,
    () => setWebhookEndpointPaused(id, pause ? { at: now, reason: `Paused by ${user.email}.` } : null, db),
    () => ({ userId: user.id, action: pause ? 'webhook paused' : 'webhook resumed', entity: 'webhook', entityId: id, detail: endpoint.name }),
  );
  return reply.accept(pause ? 'Paused: no events are queued or sent to it until you resume it.' : 'Resumed: new events are sent to it, and deliveries still pending go out.', { values: {} });
}

export function rotateEndpointSecret({ id }: z.output<typeof endpointSchema>, user: SessionUser, reply: FormReply): FormState {
  const endpoint = getWebhookEndpoint(id);
  if (!endpoint) return reply.refuse(GONE);
  const secret = newWebhookSecret();
  const db = getDb();
  writeWithAudit(
    db,
    () => setWebhookEndpointSecret(id, secret, db),
    () => ({ userId: user.id, action: 'webhook secret rotated', entity: 'webhook', entityId: id, detail: endpoint.name }),
  );
  return reply.accept('New secret made: every delivery from now on, retries included, is signed with it. The old one no longer works.', { values: {}, oneTimePassword: secret });
}

export function deleteEndpoint({ id }: z.output<typeof endpointSchema>, user: SessionUser, reply: FormReply): FormState | { redirect: string } {
  const endpoint = getWebhookEndpoint(id);
  if (!endpoint) return reply.refuse(GONE);
  const db = getDb();
  writeWithAudit(
    db,
    () => deleteWebhookEndpoint(id, db),
    () => ({ userId: user.id, action: 'webhook deleted', entity: 'webhook', entityId: id, detail: `${endpoint.name}: ${endpoint.url}` }),
  );
  return { redirect: '/admin/webhooks?done=deleted' };
}

export function replayEndpointDelivery({ id, delivery }: z.output<typeof replaySchema>, user: SessionUser, reply: FormReply, now: number = Date.now()): FormState {
  const db = getDb();
  const replayed = writeWithAudit(
    db,
    () => replayDelivery(id, delivery, now, db),
    (newId) => (newId === null ? null : { userId: user.id, action: 'webhook delivery replayed', entity: 'webhook', entityId: id, detail: `delivery ${delivery} as ${newId}` }),
  );
  if (replayed === null) return reply.refuse('That delivery no longer exists.');
  return reply.accept(`Queued again as delivery ${replayed}: same webhook-id and body, a fresh signature.`, { values: {} });
}
