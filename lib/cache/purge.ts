import { after } from 'next/server';
import { ADDRESSES_KEY } from './surrogate-keys';

/**
 * Purging the caches in front of the site (decision 0022): every change `invalidate` makes stale in Next's
 * cache is also purged, by the same tags, at each configured purger (Varnish, Fastly, Cloudflare). Purges
 * are sent in the background once the newsroom's response is on its way (Next has applied its own
 * invalidation by then, so a cache that refetches at once gets the new page); a failed one is retried with
 * back-off and logged, and never holds up or fails an editor's save.
 */

/** One cache that can drop what it holds by key. */
export interface Purger {
  /** For the log: which cache, where. */
  name: string;
  /** The most keys one request may name, and the most bytes they may take together. */
  maxKeys: number;
  maxBytes: number;
  /** Purges `keys` with one request; throws when the cache did not confirm it. */
  purge(keys: readonly string[]): Promise<void>;
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
    async purge(keys) {
      await send(name, url, { method: 'PURGE', headers: { [soft ? 'xkey-softpurge' : 'xkey-purge']: keys.join(' ') } }, fetchImpl);
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
    async purge(keys) {
      const headers: Record<string, string> = { 'Fastly-Key': token, 'Content-Type': 'application/json', Accept: 'application/json' };
      if (soft) headers['Fastly-Soft-Purge'] = '1';
      await send(name, url, { method: 'POST', headers, body: JSON.stringify({ surrogate_keys: keys }) }, fetchImpl);
    },
  };
}

export const CLOUDFLARE_API_URL = 'https://api.cloudflare.com/client/v4';

/**
 * Cloudflare's purge by cache tag: `POST /zones/{zone}/purge_cache` with `{"tags": [...]}` (at most 100 a
 * request on every plan) and a bearer API token; Cloudflare answers 200 with `"success": true`.
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
 * PURGE_REPEAT_MS (purgeQueue) purges each key again that long after the first.
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
  /** Tries per batch, the first included. */
  attempts?: number;
  /** The wait before the second try; doubled for each one after, up to `maxDelayMs`. */
  firstDelayMs?: number;
  maxDelayMs?: number;
  /**
   * Purge every key a second time this long after the first (0: never). For several workers or origins whose
   * page caches learn of a change later than the one that made it: a cache that refetched a page from one
   * of them in between is purged again once they all know (PURGE_REPEAT_MS).
   */
  repeatAfterMs?: number;
  log?: (message: string) => void;
}

/**
 * Sends purges in the background: keys added in the same moment are merged into one request per purger
 * (several when there are more than it takes at once); a failed request is tried again after a growing
 * wait, then given up on with a line in the log.
 */
export class PurgeQueue {
  private readonly pending = new Set<string>();
  private scheduled = false;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly attempts: number;
  private readonly firstDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly repeatAfterMs: number;
  private readonly repeats = new Set<NodeJS.Timeout>();
  private readonly log: (message: string) => void;

  constructor(
    readonly purgers: readonly Purger[],
    { attempts = 6, firstDelayMs = 500, maxDelayMs = 60_000, repeatAfterMs = 0, log = (message) => console.error(message) }: PurgeQueueOptions = {},
  ) {
    this.attempts = attempts;
    this.firstDelayMs = firstDelayMs;
    this.maxDelayMs = maxDelayMs;
    this.repeatAfterMs = repeatAfterMs;
    this.log = log;
  }

  /** Purges `keys` soon, at every purger (and again after `repeatAfterMs`). Returns at once. */
  add(keys: Iterable<string>): void {
    if (this.purgers.length === 0) return;
    const added = [...keys];
    if (this.repeatAfterMs > 0 && added.length > 0) {
      const timer = setTimeout(() => {
        this.repeats.delete(timer);
        this.enqueue(added);
      }, this.repeatAfterMs);
      this.repeats.add(timer);
    }
    this.enqueue(added);
  }

  private enqueue(keys: readonly string[]): void {
    for (const key of keys) this.pending.add(key);
    if (this.pending.size === 0 || this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  /** Resolves once every purge asked for so far has been sent or given up on (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.scheduled || this.inFlight.size > 0 || this.repeats.size > 0) {
      if (this.inFlight.size > 0) await Promise.all(this.inFlight);
      else await new Promise((resolve) => setTimeout(resolve, this.scheduled ? 0 : 5));
    }
  }

  private flush(): void {
    this.scheduled = false;
    const keys = [...this.pending].sort();
    this.pending.clear();
    for (const purger of this.purgers) {
      for (const batch of batches(keys, purger.maxKeys, purger.maxBytes)) {
        const attempt = this.sendWithRetries(purger, batch);
        this.inFlight.add(attempt);
        void attempt.finally(() => this.inFlight.delete(attempt));
      }
    }
  }

  private async sendWithRetries(purger: Purger, keys: string[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await purger.purge(keys);
        if (attempt > 1) this.log(`Purge at ${purger.name} went through on attempt ${attempt} (${keys.length} keys).`);
        return;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        if (attempt >= this.attempts) {
          this.log(`Purge at ${purger.name} failed ${attempt} times, given up: ${reason}. Keys: ${keys.join(' ')}`);
          return;
        }
        const delay = Math.min(this.maxDelayMs, this.firstDelayMs * 2 ** (attempt - 1));
        this.log(`Purge at ${purger.name} failed (attempt ${attempt} of ${this.attempts}): ${reason}; trying again in ${delay} ms.`);
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }
}

// One queue per process, made from the environment on first use. On globalThis: Next may load this module
// more than once (one copy per server bundle), and every copy must share the queue.
const QUEUE = Symbol.for('news.cache.purgeQueue');
type WithQueue = typeof globalThis & { [QUEUE]?: PurgeQueue };

/** The process's purge queue (purgersFromEnv). */
export function purgeQueue(): PurgeQueue {
  const global = globalThis as WithQueue;
  global[QUEUE] ??= new PurgeQueue(purgersFromEnv(), { repeatAfterMs: Math.max(0, Number(process.env.PURGE_REPEAT_MS) || 0) });
  return global[QUEUE];
}

/** The keys to purge for what a change made stale: its tags, and every answer about an address when one may have moved. */
export const purgeKeysOf = ({ tags, forgetRouting }: { tags: readonly string[]; forgetRouting: boolean }): string[] =>
  forgetRouting ? [...tags, ADDRESSES_KEY] : [...tags];

/**
 * Purges `keys` at the configured purgers once this request's response is finished (Next's `after`: its own
 * cache has the change by then), or at once outside a request (a script).
 */
export function purgeAfterResponse(keys: readonly string[], queue: PurgeQueue = purgeQueue()): void {
  if (keys.length === 0 || queue.purgers.length === 0) return;
  try {
    after(() => queue.add(keys));
  } catch {
    queue.add(keys);
  }
}
