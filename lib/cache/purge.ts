import { randomUUID } from 'node:crypto';
import { after } from 'next/server';
import { getDb, type Db } from '@/db/client';
import {
  acknowledgePurges,
  claimDuePurges,
  failPurges,
  nextPurgeAt,
  queuePurges,
  releasePurgeClaims,
  releasePurges,
  resumePurges,
  type ClaimedPurge,
} from '@/db/purge-outbox';
import { ADDRESSES_KEY } from './surrogate-keys';

/**
 * Purging the caches in front of the site (decision 0022): every change `invalidate` makes stale in Next's
 * cache is also purged, by the same tags, at each configured purger (Varnish, Fastly, Cloudflare). Purges
 * are sent in the background once the newsroom's response is on its way (Next has applied its own
 * invalidation by then, so a cache that refetches at once gets the new page), and once more a moment later
 * (PURGE_REPEAT_MS: a fetch that began before the change and was stored after the purge); they wait in an
 * outbox in SQLite until the purger confirms them, so a failed one is retried with back-off across a restart,
 * logged, and never holds up or fails an editor's save.
 */

/** One cache that can drop what it holds by key. */
export interface Purger {
  /** For the log: which cache, where. */
  name: string;
  /** The most keys one request may name, and the most bytes they may take together. */
  maxKeys: number;
  maxBytes: number;
  /** Whether it can mark pages stale instead of dropping them (Varnish's xkey, Fastly; not Cloudflare's purge by tag). */
  softPurges: boolean;
  /**
   * Purges `keys` with one request; throws when the cache did not confirm it. `soft`: marking the pages stale
   * (served while refetched) is enough, where the cache can; a purger configured to purge softly always does.
   */
  purge(keys: readonly string[], options?: { soft?: boolean }): Promise<void>;
}

type Fetch = typeof fetch;
const REQUEST_TIMEOUT_MS = 10_000;

async function send(name: string, url: string, init: RequestInit, fetchImpl: Fetch): Promise<Response> {
  const response = await fetchImpl(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  if (!response.ok) {
    const text = (await response.text().catch(() => '')).slice(0, 200);
    throw new Error(`${name} answered ${response.status}${text ? `: ${text}` : ''}`);
  }
  return response;
}

/**
 * Varnish running deploy/varnish.vcl: `PURGE /` with the keys in `xkey-purge` (xkey.purge), or in
 * `xkey-softpurge` (xkey.softpurge: kept to serve stale while refetched) when `soft`. Varnish takes request
 * headers up to 8 KB (http_req_hdr_len), so keys go 6,000 bytes at a time.
 */
export function varnishPurger(baseUrl: string, { soft = false, fetchImpl = fetch }: { soft?: boolean; fetchImpl?: Fetch } = {}): Purger {
  const url = new URL('/', baseUrl).href;
  const name = `Varnish ${url}`;
  return {
    name,
    maxKeys: 1_000,
    maxBytes: 6_000,
    softPurges: true,
    async purge(keys, options) {
      const header = soft || options?.soft ? 'xkey-softpurge' : 'xkey-purge';
      await send(name, url, { method: 'PURGE', headers: { [header]: keys.join(' ') } }, fetchImpl);
    },
  };
}

export const FASTLY_API_URL = 'https://api.fastly.com';

/**
 * Fastly's surrogate-key purge, the batch form: `POST /service/{id}/purge` with `{"surrogate_keys": [...]}`
 * (at most 256 keys a request) and the API token in `Fastly-Key`; `Fastly-Soft-Purge: 1` marks the pages
 * stale instead of dropping them.
 */
export function fastlyPurger(
  { serviceId, token, soft = false, apiUrl = FASTLY_API_URL }: { serviceId: string; token: string; soft?: boolean; apiUrl?: string },
  fetchImpl: Fetch = fetch,
): Purger {
  const url = `${apiUrl.replace(/\/+$/, '')}/service/${encodeURIComponent(serviceId)}/purge`;
  const name = `Fastly service ${serviceId}`;
  return {
    name,
    maxKeys: 256,
    maxBytes: 256 * 1_024,
    softPurges: true,
    async purge(keys, options) {
      const headers: Record<string, string> = { 'Fastly-Key': token, 'Content-Type': 'application/json', Accept: 'application/json' };
      if (soft || options?.soft) headers['Fastly-Soft-Purge'] = '1';
      await send(name, url, { method: 'POST', headers, body: JSON.stringify({ surrogate_keys: keys }) }, fetchImpl);
    },
  };
}

export const CLOUDFLARE_API_URL = 'https://api.cloudflare.com/client/v4';

/**
 * Cloudflare's purge by cache tag: `POST /zones/{zone}/purge_cache` with `{"tags": [...]}` (at most 100 a
 * request on every plan) and a bearer API token; Cloudflare answers 200 with `"success": true`. Cloudflare has
 * no soft purge by tag: a purge asked to be soft is a plain one there (the next reader of each page waits for
 * the site).
 */
export function cloudflarePurger(
  { zoneId, token, apiUrl = CLOUDFLARE_API_URL }: { zoneId: string; token: string; apiUrl?: string },
  fetchImpl: Fetch = fetch,
): Purger {
  const url = `${apiUrl.replace(/\/+$/, '')}/zones/${encodeURIComponent(zoneId)}/purge_cache`;
  const name = `Cloudflare zone ${zoneId}`;
  return {
    name,
    maxKeys: 100,
    maxBytes: 100 * 1_024,
    softPurges: false,
    async purge(keys) {
      const response = await send(
        name,
        url,
        { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ tags: keys }) },
        fetchImpl,
      );
      const answer = (await response.json().catch(() => null)) as { success?: unknown } | null;
      if (answer?.success !== true) throw new Error(`${name} did not confirm the purge`);
    },
  };
}

/**
 * The purgers the environment configures (all optional, any combination):
 * - VARNISH_PURGE_URLS: Varnish servers running deploy/varnish.vcl, comma- or space-separated
 *   (`http://127.0.0.1:6081`); VARNISH_SOFT_PURGE=1 soft-purges;
 * - FASTLY_SERVICE_ID with FASTLY_API_TOKEN (a token with purge_select); FASTLY_SOFT_PURGE=1 soft-purges;
 * - CLOUDFLARE_ZONE_ID with CLOUDFLARE_API_TOKEN (a token with the Cache Purge permission).
 * FASTLY_API_URL and CLOUDFLARE_API_URL point the adapters elsewhere (the tests' fake APIs).
 * PURGE_REPEAT_MS (purgeQueue) purges each key again that long after the first (2,000 ms unless set; 0: never).
 */
export function purgersFromEnv(env: Readonly<Record<string, string | undefined>> = process.env, fetchImpl: Fetch = fetch): Purger[] {
  const purgers: Purger[] = [];
  const on = (value: string | undefined) => value === '1' || value === 'true';
  for (const url of (env.VARNISH_PURGE_URLS ?? '').split(/[\s,]+/).filter(Boolean)) {
    purgers.push(varnishPurger(url, { soft: on(env.VARNISH_SOFT_PURGE), fetchImpl }));
  }
  const pair = (idName: string, tokenName: string): [string, string] | null => {
    const id = env[idName]?.trim();
    const token = env[tokenName]?.trim();
    if (!id && !token) return null;
    if (!id || !token) throw new Error(`${idName} and ${tokenName} go together: set both or neither`);
    return [id, token];
  };
  const fastly = pair('FASTLY_SERVICE_ID', 'FASTLY_API_TOKEN');
  if (fastly) purgers.push(fastlyPurger({ serviceId: fastly[0], token: fastly[1], soft: on(env.FASTLY_SOFT_PURGE), apiUrl: env.FASTLY_API_URL || undefined }, fetchImpl));
  const cloudflare = pair('CLOUDFLARE_ZONE_ID', 'CLOUDFLARE_API_TOKEN');
  if (cloudflare) purgers.push(cloudflarePurger({ zoneId: cloudflare[0], token: cloudflare[1], apiUrl: env.CLOUDFLARE_API_URL || undefined }, fetchImpl));
  return purgers;
}

/** `keys` in runs a purger takes in one request: at most `maxKeys` keys and `maxBytes` bytes (space-separated) each. */
export function batches(keys: readonly string[], maxKeys: number, maxBytes: number): string[][] {
  const runs: string[][] = [];
  let run: string[] = [];
  let bytes = 0;
  for (const key of keys) {
    const size = Buffer.byteLength(key);
    if (run.length > 0 && (run.length >= maxKeys || bytes + 1 + size > maxBytes)) {
      runs.push(run);
      run = [];
      bytes = 0;
    }
    bytes += (run.length > 0 ? 1 : 0) + size;
    run.push(key);
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

export interface PurgeQueueOptions {
  /** The database holding the outbox (its file is shared by every process of the site). */
  db?: () => Db;
  /** Tries per key, the first included. */
  attempts?: number;
  /** The wait before the second try; doubled for each one after, up to `maxDelayMs`. */
  firstDelayMs?: number;
  maxDelayMs?: number;
  /**
   * Purge every key a second time this long after its first purge went through (0: never). A cache's fetch from
   * the site that began before the change (or before the site's own cache knew of it) and is stored after the
   * first purge would keep the old page for hours: the second purge drops it (PURGE_REPEAT_MS).
   */
  repeatAfterMs?: number;
  /** How long a purge queued during a request waits for the response to finish (then it goes anyway). */
  holdMs?: number;
  /** How long a sender keeps the keys it claimed: longer than a request's timeout. */
  leaseMs?: number;
  /** The most rows the outbox keeps (PURGE_OUTBOX_MAX); beyond it the oldest are dropped, with a line in the log. */
  maxRows?: number;
  /** A retry or repeat (or a row another process queued) waits this much past its time, so that those due together go in one request. */
  coalesceMs?: number;
  log?: (message: string) => void;
  now?: () => number;
}

/** How many keys a sender claims from the outbox at once, per purger. */
const CLAIM_LIMIT = 2_000;
/** How long `stop()` lets the purges in flight finish. */
const STOP_WAIT_MS = 1_000;

/**
 * Sends purges in the background, through the outbox in SQLite (db/purge-outbox.ts): `add` writes a row per
 * purger and key (a key already waiting is coalesced into its row) and returns; the sender claims due rows,
 * merges them into one request per purger (several when there are more than it takes at once), and deletes
 * them when the purger confirmed, or keeps them for a retry after a growing wait, then gives up with a line in
 * the log. Rows outlive the process: `start()` (every server process) sends what an earlier process left.
 */
export class PurgeQueue {
  readonly #names: string[];
  readonly #byName: Map<string, Purger>;
  readonly #db: () => Db;
  readonly #attempts: number;
  readonly #firstDelayMs: number;
  readonly #maxDelayMs: number;
  readonly #repeatAfterMs: number;
  readonly #holdMs: number;
  readonly #leaseMs: number;
  readonly #maxRows: number;
  readonly #coalesceMs: number;
  readonly #log: (message: string) => void;
  readonly #now: () => number;
  /** This queue's claims are `${#sender}-${n}`: what it gives back when it stops. */
  readonly #sender = `${process.pid}-${randomUUID()}`;
  #claims = 0;
  #scheduled = false;
  #passing = false;
  #again = false;
  #stopped = false;
  #timer: NodeJS.Timeout | undefined;
  #poll: NodeJS.Timeout | undefined;
  readonly #inFlight = new Set<Promise<void>>();

  constructor(
    readonly purgers: readonly Purger[],
    {
      db = getDb,
      attempts = 10,
      firstDelayMs = 500,
      maxDelayMs = 60_000,
      repeatAfterMs = 0,
      holdMs = 10_000,
      leaseMs = REQUEST_TIMEOUT_MS + 10_000,
      maxRows = 20_000,
      coalesceMs = 250,
      log = (message) => console.error(message),
      now = Date.now,
    }: PurgeQueueOptions = {},
  ) {
    // A purger's name is its place in the outbox: two configured alike (the same Varnish twice) get their own.
    this.#names = purgers.map((purger, i) => {
      const before = purgers.slice(0, i).filter((other) => other.name === purger.name).length;
      return before === 0 ? purger.name : `${purger.name} (${before + 1})`;
    });
    this.#byName = new Map(purgers.map((purger, i) => [this.#names[i]!, purger]));
    this.#db = db;
    this.#attempts = attempts;
    this.#firstDelayMs = firstDelayMs;
    this.#maxDelayMs = maxDelayMs;
    this.#repeatAfterMs = repeatAfterMs;
    this.#holdMs = holdMs;
    this.#leaseMs = leaseMs;
    this.#maxRows = maxRows;
    this.#coalesceMs = coalesceMs;
    this.#log = log;
    this.#now = now;
  }

  /**
   * Purges `keys` at every purger (and again after `repeatAfterMs`): written to the outbox, then sent in the
   * background; returns at once. `soft`: marking the pages stale will do, where the purger can. `held`: the
   * purge waits for `release` (the response of the request that made the change), or `holdMs` at most.
   * `repeat: false`: once is enough (the trending purge: its next change purges again anyway).
   * Never throws: a purge that cannot be queued is logged (the pages then stay until their TTL in front).
   */
  add(keys: Iterable<string>, { soft = false, held = false, repeat = true }: { soft?: boolean; held?: boolean; repeat?: boolean } = {}): void {
    if (this.purgers.length === 0) return;
    const unique = [...new Set(keys)].sort();
    if (unique.length === 0) return;
    const now = this.#now();
    try {
      const dropped = queuePurges(
        {
          purgers: this.#names,
          keys: unique,
          soft,
          dueAt: held ? now + this.#holdMs : now,
          repeatAt: repeat && this.#repeatAfterMs > 0 ? now + this.#repeatAfterMs : null,
          now,
          maxRows: this.#maxRows,
        },
        this.#db(),
      );
      if (dropped > 0) this.#log(`Purge outbox full (${this.#maxRows} rows): the ${dropped} oldest waiting purges were dropped; their pages stay in the caches in front until their TTL.`);
    } catch (error) {
      this.#log(`Could not queue the purge of ${unique.join(' ')}: ${reasonOf(error)}`);
      return;
    }
    if (held) this.#armTimer();
    else this.#wake();
  }

  /** The response the purge of `keys` waited for has gone: send it now. */
  release(keys: readonly string[]): void {
    if (this.purgers.length === 0 || keys.length === 0) return;
    try {
      releasePurges(this.#names, keys, this.#now(), this.#db());
    } catch (error) {
      this.#log(`Could not release the purge of ${keys.join(' ')} (it goes when its hold runs out): ${reasonOf(error)}`);
    }
    this.#wake();
  }

  /**
   * For a server process: sends what earlier processes left in the outbox (rows waiting for a retry are due at
   * once; rows of purgers no longer configured are dropped), and from then on looks every `pollMs` for rows
   * that other processes queued or that fell due.
   */
  start({ pollMs = 1_000 }: { pollMs?: number } = {}): this {
    if (this.purgers.length === 0 || this.#poll || this.#stopped) return this;
    try {
      for (const [purger, count] of resumePurges(this.#names, this.#now(), this.#db())) {
        this.#log(`Dropped ${count} waiting purges for ${purger}: it is no longer configured.`);
      }
    } catch (error) {
      this.#log(`Could not look at the purges left waiting: ${reasonOf(error)}`);
    }
    this.#poll = setInterval(() => {
      const next = this.#nextAt();
      if (next !== null && next + this.#coalesceMs <= this.#now()) this.#wake();
    }, pollMs).unref();
    this.#wake();
    return this;
  }

  /**
   * Stops sending (a process shutting down): the keys it had claimed are given back at once, so the next
   * process sends them without waiting for the claims to run out; purges in flight get a moment to finish.
   * Rows stay in the outbox until a purger confirms them.
   */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#poll);
    clearTimeout(this.#timer);
    try {
      releasePurgeClaims(`${this.#sender}-`, this.#db());
    } catch (error) {
      this.#log(`Could not give back the purges in flight (they are sent again once their claim runs out): ${reasonOf(error)}`);
    }
    const inFlight = Promise.all(this.#inFlight);
    await Promise.race([inFlight, new Promise((resolve) => setTimeout(resolve, STOP_WAIT_MS).unref())]);
  }

  /** Resolves once nothing of this queue's purgers waits in the outbox or is in flight (tests). */
  async idle(): Promise<void> {
    for (;;) {
      if (this.#inFlight.size > 0) await Promise.all(this.#inFlight);
      else if (this.#scheduled || this.#passing) await new Promise((resolve) => setTimeout(resolve, 1));
      else if (this.purgers.length === 0 || this.#stopped || this.#nextAt() === null) return;
      else {
        this.#armTimer();
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    }
  }

  #nextAt(): number | null {
    try {
      return nextPurgeAt(this.#names, this.#db());
    } catch {
      return null;
    }
  }

  #wake(): void {
    if (this.#scheduled || this.#stopped) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      this.#pass();
    });
  }

  /** A pass a little after the next row falls due (retries, repeats, rows of other processes), to take those due with it. */
  #armTimer(): void {
    if (this.#stopped) return;
    clearTimeout(this.#timer);
    const next = this.#nextAt();
    if (next === null) return;
    this.#timer = setTimeout(() => this.#pass(), Math.max(0, next + this.#coalesceMs - this.#now())).unref();
  }

  /** Claims every due row of each purger and sends them; then waits for the next. */
  #pass(): void {
    if (this.#stopped) return;
    if (this.#passing) {
      this.#again = true;
      return;
    }
    // A read first: claiming takes the write lock, and most wake-ups (a send finished) find nothing due.
    const next = this.#nextAt();
    if (next === null || next > this.#now()) {
      this.#armTimer();
      return;
    }
    this.#passing = true;
    try {
      for (const name of this.#names) {
        const token = `${this.#sender}-${++this.#claims}`;
        let claimed: ClaimedPurge[];
        try {
          claimed = claimDuePurges({ purger: name, now: this.#now(), leaseMs: this.#leaseMs, limit: CLAIM_LIMIT, token }, this.#db());
        } catch (error) {
          this.#log(`Could not claim waiting purges for ${name}: ${reasonOf(error)}`);
          continue;
        }
        if (claimed.length === 0) continue;
        const purger = this.#byName.get(name)!;
        for (const soft of [false, true]) {
          const rows = claimed.filter((row) => row.soft === soft);
          for (const batch of batches(rows.map((row) => row.key), purger.maxKeys, purger.maxBytes)) {
            const inBatch = new Set(batch);
            const sending = this.#send(name, purger, token, batch, soft, rows.filter((row) => inBatch.has(row.key)));
            this.#inFlight.add(sending);
            void sending.finally(() => {
              this.#inFlight.delete(sending);
              // More may have fallen due meanwhile (rows claimed by a process that died, a burst beyond the claim's limit).
              this.#wake();
            });
          }
        }
      }
    } finally {
      this.#passing = false;
    }
    if (this.#again) {
      this.#again = false;
      this.#wake();
    }
    this.#armTimer();
  }

  async #send(name: string, purger: Purger, token: string, keys: string[], soft: boolean, rows: ClaimedPurge[]): Promise<void> {
    const attempt = Math.max(...rows.map((row) => row.attempts)) + 1;
    try {
      await purger.purge(keys, { soft });
    } catch (error) {
      const reason = reasonOf(error);
      const failedAt = this.#now();
      const retryAt = (attempts: number) => (attempts >= this.#attempts ? null : failedAt + this.#delayAfter(attempts));
      try {
        const givenUp = failPurges(name, token, rows, retryAt, this.#db());
        if (givenUp.length > 0) this.#log(`Purge at ${purger.name} failed ${attempt} times, given up: ${reason}. Keys: ${givenUp.join(' ')}`);
        if (givenUp.length < rows.length) {
          this.#log(`Purge at ${purger.name} failed (attempt ${attempt} of ${this.#attempts}): ${reason}; trying again in ${this.#delayAfter(attempt)} ms.`);
        }
      } catch (recordError) {
        this.#log(`Purge at ${purger.name} failed (${reason}) and could not be put back for a retry (its claim runs out, then it is sent again): ${reasonOf(recordError)}`);
      }
      this.#armTimer();
      return;
    }
    if (attempt > 1) this.#log(`Purge at ${purger.name} went through on attempt ${attempt} (${keys.length} keys).`);
    try {
      acknowledgePurges(name, token, keys, this.#now() + this.#repeatAfterMs, this.#db());
    } catch (error) {
      this.#log(`Purge at ${purger.name} went through but could not be marked done (it may be sent again): ${reasonOf(error)}`);
    }
  }

  /** The wait after `attempts` failed tries. */
  #delayAfter(attempts: number): number {
    return Math.min(this.#maxDelayMs, this.#firstDelayMs * 2 ** (attempts - 1));
  }
}

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** PURGE_REPEAT_MS: unset, 2,000 ms; `0` never; otherwise a whole number of milliseconds up to a minute. */
export function purgeRepeatMs(raw: string | undefined): number {
  const trimmed = raw?.trim() ?? '';
  if (trimmed === '') return DEFAULT_PURGE_REPEAT_MS;
  if (!/^[0-9]{1,5}$/.test(trimmed) || Number(trimmed) > 60_000) throw new Error(`PURGE_REPEAT_MS must be a whole number of milliseconds from 0 to 60000, not "${raw}"`);
  return Number(trimmed);
}

/**
 * The default second purge: longer than a slow render of a page (a few hundred milliseconds here; seconds
 * under load), short enough that a reader who got the old page in the window gets the new one soon.
 */
export const DEFAULT_PURGE_REPEAT_MS = 2_000;

// One queue per process, made from the environment on first use. On globalThis: Next may load this module
// more than once (one copy per server bundle), and every copy must share the queue.
const QUEUE = Symbol.for('news.cache.purgeQueue');
type WithQueue = typeof globalThis & { [QUEUE]?: PurgeQueue };

/** The process's purge queue (purgersFromEnv, PURGE_REPEAT_MS, PURGE_OUTBOX_MAX). */
export function purgeQueue(): PurgeQueue {
  const global = globalThis as WithQueue;
  global[QUEUE] ??= new PurgeQueue(purgersFromEnv(), {
    repeatAfterMs: purgeRepeatMs(process.env.PURGE_REPEAT_MS),
    maxRows: Number(process.env.PURGE_OUTBOX_MAX) > 0 ? Math.floor(Number(process.env.PURGE_OUTBOX_MAX)) : undefined,
  });
  return global[QUEUE];
}

/** The keys to purge for what a change made stale: its tags, and every answer about an address when one may have moved. */
export const purgeKeysOf = ({ tags, forgetRouting }: { tags: readonly string[]; forgetRouting: boolean }): string[] =>
  forgetRouting ? [...tags, ADDRESSES_KEY] : [...tags];

/**
 * Purges `keys` at the configured purgers once this request's response is finished (Next's `after`: its own
 * cache has the change by then), or at once outside a request (a script). The keys are in the outbox before
 * this returns, held until the response is gone: a process that dies first leaves them to the next.
 */
export function purgeAfterResponse(
  keys: readonly string[],
  queue: PurgeQueue = purgeQueue(),
  { soft = false, repeat = true }: { soft?: boolean; repeat?: boolean } = {},
): void {
  if (keys.length === 0 || queue.purgers.length === 0) return;
  let held = true;
  try {
    after(() => queue.release(keys));
  } catch {
    held = false;
  }
  queue.add(keys, { soft, held, repeat });
}
