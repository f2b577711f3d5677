import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '@/db/client';
import { startSite, type RunningSite } from '../test/support/site-server';
import { e2eSite } from './site';

const root = path.resolve(import.meta.dirname, '..');

/** A new temporary data folder holding a copy of the test site's database (an online backup: the site keeps serving). */
export async function copyTestDatabase(prefix: string): Promise<string> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const source = openDatabase(path.join(e2eSite.dataDir, 'news.db'));
  try {
    await source.$client.backup(path.join(dataDir, 'news.db'));
  } finally {
    source.$client.close();
  }
  return dataDir;
}

// Next's data cache and the bundler's cache (`cache/`) are what must not be shared; the rest only served the build.
const NOT_COPIED = new Set(['cache', 'types', 'trace', 'trace-build', 'diagnostics']);

export interface IsolatedSite extends RunningSite {
  databaseFile: string;
  /** The build folder the server renders into, relative to the project. */
  distDir: string;
  /** Stops the server (SIGTERM) and starts it again on the same database and build (a restart); `meanwhile` runs in between. */
  restart(meanwhile?: () => Promise<void>): Promise<void>;
}

/**
 * A copy of the test build for a server of its own (named by its port, or a name of the spec's), without Next's
 * page cache: what a second machine would have. Returns the copy's folder relative to the project; `remove` deletes it.
 */
export function copyTestBuild(name: number | string): { distDir: string; remove(): void } {
  const distDir = `${e2eSite.distDir}-isolated-${name}`;
  const buildCopy = path.join(root, distDir);
  const build = path.join(root, e2eSite.distDir);
  fs.rmSync(buildCopy, { recursive: true, force: true });
  fs.cpSync(build, buildCopy, { recursive: true, filter: (source) => !NOT_COPIED.has(path.relative(build, source)) });
  return { distDir, remove: () => fs.rmSync(buildCopy, { recursive: true, force: true }) };
}

/**
 * A production server of its own, for a spec whose content must never reach the pages other specs
 * read: a copy of the test database and media, and a copy of the test build. Two servers on one build
 * folder share Next's page cache on disk (`server/app`, `cache/`), so one's renders would be served by
 * the other. The copy sits next to the test build because Next refuses a build folder outside the
 * project (next/dist/lib/dist-dir.js); it is ignored by git, ESLint and tsc (`.next-*`, no `types/`).
 * `stop()` stops the server and removes both copies.
 */
export async function startIsolatedSite(port: number, prefix: string, { env = {}, host }: { env?: Record<string, string>; host?: string } = {}): Promise<IsolatedSite> {
  const dataDir = await copyTestDatabase(prefix);
  let buildCopy: { distDir: string; remove(): void } | undefined;
  const remove = () => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    buildCopy?.remove();
  };
  try {
    fs.cpSync(path.join(e2eSite.dataDir, 'media'), path.join(dataDir, 'media'), { recursive: true });
    buildCopy = copyTestBuild(host ? `${host}-${port}` : port);
    const { distDir } = buildCopy;
    const options = { dataDir, distDir, port, host, env: { ...e2eSite.env, ...env } };
    let site = await startSite(options);
    return {
      url: site.url,
      get child() {
        return site.child;
      },
      databaseFile: path.join(dataDir, 'news.db'),
      distDir,
      async restart(meanwhile) {
        await site.stop();
        await meanwhile?.();
        site = await startSite(options);
      },
      async stop() {
        await site.stop();
        remove();
      },
    };
  } catch (error) {
    remove();
    throw error;
  }
}
