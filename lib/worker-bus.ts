import cluster from 'node:cluster';

/**
 * The bus between the site's worker processes (ADR 0020): what one worker tells the others, relayed by the
 * cluster's primary (server/cluster.ts). The memories each process keeps (the routing memory, the live
 * poll's answers) hear of every invalidation made in any worker, and a banner's expiry reaches whichever
 * worker runs the scheduler. Messages go over the IPC channel node:cluster already opens: nothing is
 * checked per request, and one arrives in about a millisecond.
 *
 * In a single process (WEB_CONCURRENCY=1, tests, scripts) there are no other workers: telling is a no-op.
 */

export type BusMessage =
  /** Every routing decision must be made afresh (lib/cache/routing-memory.ts). */
  | { kind: 'forget-routing' }
  /** Every live-update poll must be answered afresh (lib/cache/live-poll-memory.ts). */
  | { kind: 'forget-live-polls' }
  /** The Content API's remembered answers that carry any of these cache tags (lib/cache/api-memory.ts). */
  | { kind: 'forget-api-answers'; tags: string[] }
  /** The scheduler is asked for a tick at `at` (epoch ms): a breaking-news banner expires then. */
  | { kind: 'scheduler-alarm'; at: number };

/** Marks the site's own messages among whatever else travels the IPC channel. */
const ENVELOPE = 'crbcWorkerBus';

type Envelope = { [ENVELOPE]: BusMessage };

export function isBusEnvelope(value: unknown): value is Envelope {
  if (typeof value !== 'object' || value === null || !(ENVELOPE in value)) return false;
  const message = (value as Envelope)[ENVELOPE] as unknown;
  if (typeof message !== 'object' || message === null || !('kind' in message)) return false;
  const { kind } = message as { kind: unknown };
  if (kind === 'forget-routing' || kind === 'forget-live-polls') return true;
  if (kind === 'forget-api-answers') {
    const { tags } = message as { tags?: unknown };
    return Array.isArray(tags) && tags.every((tag) => typeof tag === 'string');
  }
  return kind === 'scheduler-alarm' && typeof (message as { at?: unknown }).at === 'number';
}

/** Tells every other worker (through the primary); nothing outside a cluster worker. */
export function tellOtherWorkers(message: BusMessage): void {
  if (!cluster.isWorker || !process.connected || !process.send) return;
  process.send({ [ENVELOPE]: message } satisfies Envelope);
}

/** In a worker: `hear` is called with each message another worker sent. Call once per process (server/main.ts). */
export function listenToOtherWorkers(hear: (message: BusMessage) => void): void {
  if (!cluster.isWorker) return;
  process.on('message', (value: unknown) => {
    if (isBusEnvelope(value)) hear(value[ENVELOPE]);
  });
}

/** In the primary: passes each worker's messages on to every other worker that is still connected. */
export function relayBetweenWorkers(): void {
  cluster.on('message', (from, value: unknown) => {
    if (!isBusEnvelope(value)) return;
    for (const worker of Object.values(cluster.workers ?? {})) {
      if (worker && worker !== from && worker.isConnected()) worker.send(value);
    }
  });
}
