// @ts-check
/**
 * How every server process starts (decision 21): the V8 heap flags and glibc malloc settings that bound a
 * worker's memory. Plain JavaScript, because `npm start` (scripts/start.mjs) reads it before dependencies, and
 * so TypeScript tooling, are installed.
 *
 * Why these, measured at 100,000 articles after a minute of mixed reading (scripts/measure-memory.ts):
 * - V8 sizes its heap from the machine's memory (a 4 GB limit on 24 GB) and grows it lazily, so with about 60
 *   MB live it kept 150-200 MB. `--max-old-space-size` makes it collect sooner; `--max-semi-space-size=8`
 *   halves the young generation's 16 MB semi-spaces (4 saved 10 MB more and cost a fifth of the throughput).
 * - Between two collections, rendering leaves tens of MB of dead buffers in malloc's heap. glibc keeps the
 *   memory they are freed into, and gives each thread an arena of its own (30 MB in 10 after load).
 *   MALLOC_ARENA_MAX=2 shares arenas between threads; MALLOC_MMAP_THRESHOLD_=65536 gives a block of 64 KB or
 *   more its own mapping, returned to the system when it is freed.
 * SERVER_HEAP_MB sets the heap limit (default 160; 0 leaves V8's own); a MALLOC_* variable already set wins.
 */

export const DEFAULT_SERVER_HEAP_MB = 160;
const MIN_SERVER_HEAP_MB = 96;

/**
 * The Node flags for a server process, or a reason SERVER_HEAP_MB cannot be used.
 * @param {Record<string, string | undefined>} env
 * @returns {{ ok: true, flags: string[] } | { ok: false, reason: string }}
 */
export function serverNodeFlags(env) {
  const raw = env.SERVER_HEAP_MB?.trim();
  const heapMb = raw === undefined || raw === '' ? DEFAULT_SERVER_HEAP_MB : /^\d{1,6}$/.test(raw) ? Number(raw) : NaN;
  if (heapMb === 0) return { ok: true, flags: [] };
  if (!Number.isInteger(heapMb) || heapMb < MIN_SERVER_HEAP_MB) {
    return { ok: false, reason: `SERVER_HEAP_MB must be a whole number of megabytes, ${MIN_SERVER_HEAP_MB} or more (or 0 for V8's own limit); it is "${env.SERVER_HEAP_MB}".` };
  }
  return { ok: true, flags: [`--max-old-space-size=${heapMb}`, '--max-semi-space-size=8'] };
}

/**
 * The environment for a server process: `env` with the malloc settings above, unless set already.
 * @param {Record<string, string | undefined>} env
 * @returns {Record<string, string | undefined>}
 */
export function serverProcessEnv(env) {
  return { MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '65536', ...env };
}
