import { randomUUID } from 'node:crypto';
import { getDb, type Db } from '@/db/client';
import { claimDueDeliveries, nextDeliveryAt, pruneDeliveries, recordDeliveryAttempt, type ClaimedDelivery } from '@/db/webhooks';
import { privateAddressesAllowed } from './address-policy';
import { ATTEMPT_TIMEOUT_MS, sendWebhook } from './deliver';
import { onWebhooksQueued } from './events';
import { nextRetryAt, pauseAfterMs, retrySchedule, shouldPause } from './retry-policy';
import { signedHeaders } from './signing';

/**
 * The background sender (ADR 0025), started by server/main.ts in every server process. It claims due
 * deliveries from the outbox with a lease (db/webhooks.ts claimDueDeliveries), so with several processes
 * each attempt is made by one; sends them (./deliver.ts); and records each attempt with what comes next:
 * delivered, retried later (./retry-policy.ts), failed for good, and the endpoint paused after a day of
 * failures. It wakes when this process queues events and polls for those queued by other processes and
 * for retries that fall due. Saves never wait for it: they only insert rows.
 */

export const MAX_IN_FLIGHT = 8;
/** A claim outlives the attempt's timeout: a sender that died mid-attempt frees its rows after this. */
export const LEASE_MS = ATTEMPT_TIMEOUT_MS + 20_000;
/** How long the delivery log keeps finished deliveries; pruned about once an hour. */
export const LOG_KEPT_MS = 30 * 86_400_000;
const PRUNE_EVERY_MS = 3_600_000;

export interface SenderOptions {
  db?: Db;
  pollMs?: number;
  env?: Readonly<Record<string, string | undefined>>;
  now?: () => number;
}

/** Sends one claimed delivery and records the attempt. */
export async function attemptDelivery(delivery: ClaimedDelivery, token: string, { db = getDb(), env = process.env, now = Date.now }: SenderOptions = {}): Promise<boolean> {
  const at = now();
  const outcome = await sendWebhook({
    url: delivery.url,
    headers: signedHeaders(delivery.secret, delivery.messageId, new Date(at), delivery.payload),
    body: delivery.payload,
    allowPrivate: privateAddressesAllowed(env),
  });
  const finished = now();
  const attemptsMade = delivery.attempts + 1;
  const retryAt = outcome.ok ? null : nextRetryAt(attemptsMade, finished, retrySchedule(env));
  const failingSince = delivery.failingSince ?? at;
  const what = outcome.statusCode !== null ? `HTTP ${outcome.statusCode}` : outcome.error;
  const pause =
    !outcome.ok && shouldPause(failingSince, finished, pauseAfterMs(env))
      ? { reason: `Paused by the sender on ${new Date(finished).toISOString()}: every delivery since ${new Date(failingSince).toISOString()} failed (last: ${what}). Fix the receiver, then resume.` }
      : null;
  recordDeliveryAttempt(
    {
      deliveryId: delivery.id,
      endpointId: delivery.endpointId,
      token,
      attempt: { at, statusCode: outcome.statusCode, error: outcome.error.slice(0, 500), durationMs: outcome.durationMs, responseSnippet: outcome.responseSnippet },
      delivered: outcome.ok,
      retryAt,
      pause,
    },
    db,
  );
  return outcome.ok;
}

/** Starts the sender; `stop()` ends claiming (attempts under way finish, or their lease runs out). */
export function startWebhookSender({ db = getDb(), pollMs = 1_000, env = process.env, now = Date.now }: SenderOptions = {}) {
  const process_ = `${process.pid}-${randomUUID()}`;
  let claims = 0;
  let inFlight = 0;
  let stopped = false;
  let exact: NodeJS.Timeout | undefined;
  let prunedAt = 0;

  function pass() {
    if (stopped) return;
    if (now() - prunedAt >= PRUNE_EVERY_MS) {
      prunedAt = now();
      try {
        pruneDeliveries(prunedAt - LOG_KEPT_MS, db);
      } catch (error) {
        console.error('Webhook sender: cannot prune the delivery log:', error);
      }
    }
    const room = MAX_IN_FLIGHT - inFlight;
    if (room > 0) {
      let claimed: ClaimedDelivery[] = [];
      // A token per claim: what this claim took, and only that, is what it sends (an earlier claim's rows may still be in flight).
      const token = `${process_}-${++claims}`;
      try {
        claimed = claimDueDeliveries({ now: now(), leaseMs: LEASE_MS, limit: room, token }, db);
      } catch (error) {
        console.error('Webhook sender: cannot claim deliveries:', error);
      }
      for (const delivery of claimed) {
        inFlight++;
        attemptDelivery(delivery, token, { db, env, now })
          .catch((error: unknown) => console.error(`Webhook sender: delivery ${delivery.id} failed to record:`, error))
          .finally(() => {
            inFlight--;
            pass();
          });
      }
    }
    // A retry due before the next poll is tried on time.
    try {
      const next = nextDeliveryAt(db);
      clearTimeout(exact);
      if (next !== null && next - now() < pollMs) exact = setTimeout(pass, Math.max(0, next - now()) + 5).unref();
    } catch {
      // The next poll tries again.
    }
  }

  onWebhooksQueued(pass);
  const poll = setInterval(pass, pollMs).unref();
  setImmediate(pass);
  return {
    /** Stops claiming; resolves when the attempts under way have been recorded. */
    async stop(): Promise<void> {
      stopped = true;
      clearInterval(poll);
      clearTimeout(exact);
      onWebhooksQueued(() => {});
      while (inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 20));
    },
    /** How many attempts are under way. */
    inFlight: () => inFlight,
  };
}
