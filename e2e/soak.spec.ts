import path from 'node:path';
import { expect, test } from '@playwright/test';
import { formatSoakReport, runSoak } from '../test/support/soak';
import { e2eBaseUrl, e2eSite, e2eUsers } from './site';

// The short version of `npm run soak`, against the suite's own server while the other worker runs its
// tests: fewer readers than the full run's 100 so those tests keep their timeouts, and Science for the
// editor's stories, a section no other test counts stories in.
test('readers get no 5xx and no acknowledged save is lost while an editor publishes', async () => {
  test.setTimeout(90_000);
  const report = await runSoak({
    baseUrl: e2eBaseUrl,
    databaseFile: path.join(e2eSite.dataDir, 'news.db'),
    seconds: 10,
    connections: 25,
    editor: e2eUsers.editor,
    sectionSlug: 'science',
    label: `Soak e2e ${Date.now()}`,
  });
  console.log(formatSoakReport(report));
  expect(report.readers.status5xx).toBe(0);
  expect(report.editor.status5xx).toBe(0);
  expect(report.readers.requests).toBeGreaterThan(0);
  expect(report.editor.published).toBeGreaterThan(0);
  expect(report.editor.failed).toEqual([]);
  expect(report.lost).toEqual([]);
});
