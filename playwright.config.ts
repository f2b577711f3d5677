import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './test/support/browser';
import { e2eBaseUrl } from './e2e/site';

export default defineConfig({
  testDir: 'e2e',
  forbidOnly: true,
  retries: 0,
  workers: 2,
  timeout: 30_000,
  reporter: [['list']],
  use: {
    baseURL: e2eBaseUrl,
    browserName: 'chromium',
    launchOptions: chromiumLaunchOptions,
    trace: 'off',
  },
  projects: [
    // Page weights depend on what the fronts show: measured first, on the freshly seeded site, before
    // other specs publish into it.
    { name: 'as seeded', testMatch: 'page-budgets.spec.ts' },
    { name: 'e2e', testIgnore: 'page-budgets.spec.ts', dependencies: ['as seeded'] },
  ],
  webServer: {
    command: 'npx tsx e2e/serve-fresh.ts',
    url: `${e2eBaseUrl}/`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
