import { expect, type APIRequestContext, type Page } from '@playwright/test';

/**
 * How long a change takes to show is a figure to print, not to assert: on a busy CI machine (2 cores, two
 * Playwright workers, servers of other specs) "within a second" can take several, and a test bounding it
 * fails on the machine, not on the product. What a test can hold the product to is that the change shows
 * at all, long before anything but the change could have shown it: every cached reader page and feed
 * expires after 60 s (`revalidate = 60`, `s-maxage=60`), so a change still missing after this deadline was
 * never purged, and one that shows within it was.
 */
export const SHOWS_WITHIN_MS = 20_000;

/**
 * Milliseconds until `url` answers so that `check` holds (polled every 50 ms, failing after SHOWS_WITHIN_MS).
 * Start it right after the newsroom acknowledged the change.
 */
export async function msUntil(client: Page | APIRequestContext, url: string, check: (status: number, body: string) => boolean): Promise<number> {
  const request = 'goto' in client ? client.request : client;
  const started = Date.now();
  await expect
    .poll(
      async () => {
        const response = await request.get(url);
        return check(response.status(), await response.text());
      },
      { message: `${url} never showed the change`, timeout: SHOWS_WITHIN_MS, intervals: [50] },
    )
    .toBe(true);
  return Date.now() - started;
}

/**
 * `msUntil`, with the figure printed: how long after the acknowledgement a reader first saw the change
 * (the product's "within a second", read from the run's log rather than asserted).
 */
export async function shownAfter(client: Page | APIRequestContext, url: string, check: (status: number, body: string) => boolean): Promise<number> {
  const ms = await msUntil(client, url, check);
  console.log(`${url}: the change showed after ${ms} ms`);
  return ms;
}
