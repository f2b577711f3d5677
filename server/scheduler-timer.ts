/**
 * The scheduler's timer (server/main.ts): a tick at start, then every `intervalMs`, and one more tick at
 * any moment asked for (`at`) that falls before the next regular one, so a breaking-news banner comes
 * down at its expiry rather than up to an interval later. Only the earliest such moment is kept; a tick
 * answers the next one it knows of.
 */
export function startSchedulerTimer({ intervalMs, tick }: { intervalMs: number; tick: () => Promise<{ nextAt: number | null }> }) {
  let stopped = false;
  let exact: NodeJS.Timeout | undefined;
  let exactAt = Infinity;
  let lastRegular = Date.now();

  const run = () =>
    tick()
      .then(({ nextAt }) => {
        if (nextAt !== null) at(nextAt);
      })
      .catch((error: unknown) => console.error('Scheduled publishing failed:', error));

  function at(moment: number) {
    const now = Date.now();
    // The regular tick after `moment` is soon enough when it comes first.
    if (stopped || moment >= lastRegular + intervalMs || (moment >= exactAt && exactAt > now)) return;
    clearTimeout(exact);
    exactAt = moment;
    exact = setTimeout(
      () => {
        exactAt = Infinity;
        void run();
      },
      // A few ms past the moment: the tick then finds it due.
      Math.max(0, moment - now) + 5,
    ).unref();
  }

  void run();
  const regular = setInterval(() => {
    lastRegular = Date.now();
    void run();
  }, intervalMs).unref();

  return {
    /** Ticks at `moment` (epoch ms) too, unless a tick comes first anyway. */
    at,
    stop() {
      stopped = true;
      clearInterval(regular);
      clearTimeout(exact);
    },
  };
}
