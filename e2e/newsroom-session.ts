import { expect, type APIRequestContext, type Page } from '@playwright/test';

/** Newsroom steps the specs share. */

export async function signIn(page: Page, account: { email: string; password: string }) {
  await page.goto('/admin/login');
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
}

/**
 * Polls a public URL until `check` passes on its body; returns how long it took. A page polls with its
 * browser context's cookies; pass a request context of its own to poll as a signed-out reader.
 */
export async function timeUntil(client: Page | APIRequestContext, url: string, check: (status: number, body: string) => boolean): Promise<number> {
  const request = 'goto' in client ? client.request : client;
  const started = Date.now();
  await expect
    .poll(
      async () => {
        const response = await request.get(url);
        return check(response.status(), await response.text());
      },
      { timeout: 5_000, intervals: [50] },
    )
    .toBe(true);
  return Date.now() - started;
}
