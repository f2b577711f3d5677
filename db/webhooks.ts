import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { getDb, WRITE_TRANSACTION, type Db } from './client';
import { webhookAttempts, webhookDeliveries, webhookEndpoints, type WebhookDeliveryState, type WebhookEventType } from './schema';

/**
 * Webhooks (issue 19): the endpoints admins add, the outbox of deliveries and the log of attempts. The
 * policy (which change makes which event, when to retry, when to pause) is in lib/webhooks/; here is only SQL.
 */

export interface WebhookEndpoint {
  id: number;
  name: string;
  url: string;
  events: WebhookEventType[];
  pausedAt: number | null;
  pausedReason: string;
  failingSince: number | null;
  createdAt: number;
}

const endpointColumns = {
  id: webhookEndpoints.id,
  name: webhookEndpoints.name,
  url: webhookEndpoints.url,
  events: webhookEndpoints.events,
  pausedAt: webhookEndpoints.pausedAt,
  pausedReason: webhookEndpoints.pausedReason,
  failingSince: webhookEndpoints.failingSince,
  createdAt: webhookEndpoints.createdAt,
};

const parseEvents = (json: string): WebhookEventType[] => {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? (value.filter((v) => typeof v === 'string') as WebhookEventType[]) : [];
  } catch {
    return [];
  }
};
const toEndpoint = (row: Omit<WebhookEndpoint, 'events'> & { events: string }): WebhookEndpoint => ({ ...row, events: parseEvents(row.events) });

export function listWebhookEndpoints(db: Db = getDb()): WebhookEndpoint[] {
  return db.select(endpointColumns).from(webhookEndpoints).orderBy(webhookEndpoints.id).all().map(toEndpoint);
}

export function getWebhookEndpoint(id: number, db: Db = getDb()): WebhookEndpoint | null {
  const row = db.select(endpointColumns).from(webhookEndpoints).where(eq(webhookEndpoints.id, id)).get();
  return row ? toEndpoint(row) : null;
}

/** Returns the new endpoint's id. */
export function insertWebhookEndpoint(input: { name: string; url: string; events: readonly WebhookEventType[]; secret: string }, db: Db = getDb()): number {
  return db
    .insert(webhookEndpoints)
    .values({ name: input.name, url: input.url, events: JSON.stringify(input.events), secret: input.secret })
    .returning({ id: webhookEndpoints.id })
    .get().id;
}

/** Pauses (with the reason shown to admins) or resumes (reason cleared, failures forgotten). False: no such endpoint. */
export function setWebhookEndpointPaused(id: number, paused: { at: number; reason: string } | null, db: Db = getDb()): boolean {
  const changes = db
    .update(webhookEndpoints)
    .set(paused ? { pausedAt: paused.at, pausedReason: paused.reason } : { pausedAt: null, pausedReason: '', failingSince: null })
    .where(eq(webhookEndpoints.id, id))
    .run().changes;
  return changes > 0;
}

export function setWebhookEndpointSecret(id: number, secret: string, db: Db = getDb()): boolean {
  return db.update(webhookEndpoints).set({ secret }).where(eq(webhookEndpoints.id, id)).run().changes > 0;
}

/** Deletes the endpoint with its deliveries and their attempts (cascade). */
export function deleteWebhookEndpoint(id: number, db: Db = getDb()): boolean {
  return db.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id)).run().changes > 0;
}

export interface OutboxEvent {
  messageId: string;
  type: WebhookEventType;
  /** The JSON body, exactly as it will be sent. */
  payload: string;
}

/**
 * Queues each event for every active endpoint that subscribed to its type. Call it inside the transaction
 * of the change that made the events (the outbox): both are kept, or neither. Returns how many rows it queued.
 */
export function enqueueWebhookEvents(db: Db, events: readonly OutboxEvent[], now: number): number {
  let queued = 0;
  for (const event of events) {
    queued += db.run(sql`
      insert into webhook_deliveries (endpoint_id, message_id, event_type, payload, next_attempt_at, created_at)
      select e.id, ${event.messageId}, ${event.type}, ${event.payload}, ${now}, ${now}
      from webhook_endpoints e
      where e.paused_at is null and exists (select 1 from json_each(e.events) where json_each.value = ${event.type})
    `).changes;
  }
  return queued;
}

/** A delivery claimed by one sender, with what it needs to send it. */
export interface ClaimedDelivery {
  id: number;
  endpointId: number;
  messageId: string;
  eventType: WebhookEventType;
  payload: string;
  attempts: number;
  createdAt: number;
  url: string;
  secret: string;
  failingSince: number | null;
}

/**
 * Claims up to `limit` due deliveries of active endpoints for `leaseMs`: one UPDATE sets their lease and
 * this claim's token (unique to the claim), so of several processes claiming at once each row goes to one
 * (SQLite runs one write at a time), and the rows returned are this claim's only. A claim whose sender died runs out, and the row is due again: nothing is lost on a restart.
 */
export function claimDueDeliveries({ now, leaseMs, limit, token }: { now: number; leaseMs: number; limit: number; token: string }, db: Db = getDb()): ClaimedDelivery[] {
  return db.transaction(() => {
    db.run(sql`
      update webhook_deliveries set claimed_until = ${now + leaseMs}, claim_token = ${token}
      where id in (
        select d.id from webhook_deliveries d join webhook_endpoints e on e.id = d.endpoint_id
        where d.state = 'pending' and d.next_attempt_at <= ${now} and d.claimed_until <= ${now} and e.paused_at is null
        order by d.next_attempt_at, d.id limit ${limit}
      )
    `);
    return db
      .select({
        id: webhookDeliveries.id,
        endpointId: webhookDeliveries.endpointId,
        messageId: webhookDeliveries.messageId,
        eventType: webhookDeliveries.eventType,
        payload: webhookDeliveries.payload,
        attempts: webhookDeliveries.attempts,
        createdAt: webhookDeliveries.createdAt,
        url: webhookEndpoints.url,
        secret: webhookEndpoints.secret,
        failingSince: webhookEndpoints.failingSince,
      })
      .from(webhookDeliveries)
      .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
      .where(and(eq(webhookDeliveries.claimToken, token), eq(webhookDeliveries.state, 'pending'), sql`${webhookDeliveries.claimedUntil} > ${now}`))
      .orderBy(webhookDeliveries.id)
      .all();
  }, WRITE_TRANSACTION);
}

/** When the next due delivery of an active endpoint is (null: none pending). */
export function nextDeliveryAt(db: Db = getDb()): number | null {
  const row = db.get<{ at: number | null }>(sql`
    select min(max(d.next_attempt_at, d.claimed_until)) as at from webhook_deliveries d join webhook_endpoints e on e.id = d.endpoint_id
    where d.state = 'pending' and e.paused_at is null
  `);
  return row?.at ?? null;
}

export interface AttemptRecord {
  at: number;
  statusCode: number | null;
  error: string;
  durationMs: number;
  responseSnippet: string;
}

/**
 * Records one attempt and its outcome, in one transaction: the attempt's log line; the delivery delivered,
 * due again at `retryAt`, or failed for good (`retryAt` null); the endpoint's failing streak, and a pause
 * when the sender decided one. The delivery changes only while this claim (`token`) still holds it.
 */
export function recordDeliveryAttempt(
  { deliveryId, endpointId, token, attempt, delivered, retryAt, pause }: {
    deliveryId: number;
    endpointId: number;
    token: string;
    attempt: AttemptRecord;
    delivered: boolean;
    retryAt: number | null;
    pause: { reason: string } | null;
  },
  db: Db = getDb(),
): void {
  db.transaction(() => {
    db.insert(webhookAttempts).values({ deliveryId, ...attempt }).run();
    const state: WebhookDeliveryState = delivered ? 'delivered' : retryAt === null ? 'failed' : 'pending';
    db.update(webhookDeliveries)
      .set({ state, attempts: sql`${webhookDeliveries.attempts} + 1`, nextAttemptAt: retryAt ?? attempt.at, claimedUntil: 0, claimToken: '' })
      .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.claimToken, token)))
      .run();
    if (delivered) db.update(webhookEndpoints).set({ failingSince: null }).where(eq(webhookEndpoints.id, endpointId)).run();
    else {
      db.update(webhookEndpoints)
        .set({ failingSince: sql`coalesce(${webhookEndpoints.failingSince}, ${attempt.at})` })
        .where(eq(webhookEndpoints.id, endpointId))
        .run();
      if (pause) {
        db.update(webhookEndpoints)
          .set({ pausedAt: attempt.at, pausedReason: pause.reason })
          .where(and(eq(webhookEndpoints.id, endpointId), isNull(webhookEndpoints.pausedAt)))
          .run();
      }
    }
  }, WRITE_TRANSACTION);
}

export interface DeliveryLogEntry {
  id: number;
  messageId: string;
  eventType: WebhookEventType;
  payload: string;
  state: WebhookDeliveryState;
  attempts: number;
  nextAttemptAt: number;
  createdAt: number;
  log: (AttemptRecord & { id: number })[];
}

/** An endpoint's newest deliveries with their attempts, newest first. */
export function listDeliveries(endpointId: number, limit: number, db: Db = getDb()): DeliveryLogEntry[] {
  const rows = db
    .select({
      id: webhookDeliveries.id,
      messageId: webhookDeliveries.messageId,
      eventType: webhookDeliveries.eventType,
      payload: webhookDeliveries.payload,
      state: webhookDeliveries.state,
      attempts: webhookDeliveries.attempts,
      nextAttemptAt: webhookDeliveries.nextAttemptAt,
      createdAt: webhookDeliveries.createdAt,
    })
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.endpointId, endpointId))
    .orderBy(desc(webhookDeliveries.id))
    .limit(limit)
    .all();
  if (rows.length === 0) return [];
  const attempts = db
    .select({
      id: webhookAttempts.id,
      deliveryId: webhookAttempts.deliveryId,
      at: webhookAttempts.at,
      statusCode: webhookAttempts.statusCode,
      error: webhookAttempts.error,
      durationMs: webhookAttempts.durationMs,
      responseSnippet: webhookAttempts.responseSnippet,
    })
    .from(webhookAttempts)
    .where(inArray(webhookAttempts.deliveryId, rows.map((r) => r.id)))
    .orderBy(desc(webhookAttempts.id))
    .all();
  return rows.map((row) => ({ ...row, log: attempts.filter((a) => a.deliveryId === row.id).map(({ deliveryId: _, ...a }) => a) }));
}

/**
 * Sends a delivery again, as a new delivery of the same message (same `webhook-id` and body) due now.
 * Returns its id, or null when the delivery is not this endpoint's.
 */
export function replayDelivery(endpointId: number, deliveryId: number, now: number, db: Db = getDb()): number | null {
  const row = db.get<{ id: number } | undefined>(sql`
    insert into webhook_deliveries (endpoint_id, message_id, event_type, payload, next_attempt_at, created_at)
    select endpoint_id, message_id, event_type, payload, ${now}, ${now} from webhook_deliveries where id = ${deliveryId} and endpoint_id = ${endpointId}
    returning id
  `);
  return row?.id ?? null;
}

/** Deletes finished deliveries (delivered or failed) queued before `before`, with their attempts. Returns how many. */
export function pruneDeliveries(before: number, db: Db = getDb()): number {
  return db.run(sql`delete from webhook_deliveries where state != 'pending' and created_at < ${before}`).changes;
}
