import { oncePerProcess } from '../process-state';

/**
 * Routing decisions remembered per request URL, so a page Next serves from its cache costs no database
 * work at all (the decision is otherwise one or two indexed lookups per request). Only content changes
 * alter a decision, and every one of them goes through invalidate (./invalidate.ts), which forgets every
 * decision at once when the change can create, move or remove an address.
 * Bounded, oldest first out, so a flood of different URLs cannot grow memory: it only costs lookups.
 * What a decision is belongs to the router (server/reader-routing.ts): here it is only remembered.
 */

export const ROUTING_CACHE_LIMIT = 20_000;
// Longer URLs are routed each time: no reader needs them fast, and they would crowd the memory.
const LONGEST_CACHED_URL = 512;

interface RoutingCache {
  decisions: Map<string, unknown>;
}

// The server (server/main.ts) routes and Next's bundles forget: one memory per process.
const cache = oncePerProcess<RoutingCache>('routing memory', () => ({ decisions: new Map() }));

/** The decision for this URL: remembered, or made by `decide` and remembered. */
export function cachedRoutingDecision<Decision extends object>(url: string, decide: (url: string) => Decision): Decision {
  // One router per process decides every URL, so what is remembered is what it decides.
  const known = cache.decisions.get(url) as Decision | undefined;
  if (known !== undefined) {
    // Most recently used goes last, so the oldest-first eviction keeps the pages readers ask for.
    cache.decisions.delete(url);
    cache.decisions.set(url, known);
    return known;
  }
  const decision = decide(url);
  if (url.length <= LONGEST_CACHED_URL) {
    if (cache.decisions.size >= ROUTING_CACHE_LIMIT) cache.decisions.delete(cache.decisions.keys().next().value as string);
    cache.decisions.set(url, decision);
  }
  return decision;
}

/** After any change a reader could see: the next request for each URL is routed afresh. */
export function forgetRoutingDecisions(): void {
  cache.decisions.clear();
}

/** How many decisions are held (for tests and the benchmark's memory figures). */
export const rememberedRoutingDecisions = (): number => cache.decisions.size;
