import fs from 'node:fs';
import path from 'node:path';
import type { NextConfig } from 'next';

/**
 * The configuration the production server hands to Next: the one the build resolved (Next writes it, defaults
 * applied, to required-server-files.json in the build folder) with this run's page cache (next.config.ts's
 * `pageCache`, chosen by PAGE_CACHE and WEB_CONCURRENCY when the server starts, not when it was built).
 *
 * Why not let Next read next.config.ts: a custom server's Next loads it again, and a `.ts` config is compiled
 * by Next's SWC, a 26 MB native library that then stays resident in every worker (decision 21) for one small
 * file. Next's own standalone server passes the built configuration the same way
 * (`__NEXT_PRIVATE_STANDALONE_CONFIG`); server/built-next-config.test.ts runs Next's loader beside a
 * next.config.ts that throws, so it fails if a Next upgrade stops reading it.
 */
export const BUILT_CONFIG_ENV = '__NEXT_PRIVATE_STANDALONE_CONFIG';

export function builtNextConfig(distDir: string, runtime: NextConfig): Record<string, unknown> {
  const file = path.join(distDir, 'required-server-files.json');
  let built: { config?: Record<string, unknown> };
  try {
    built = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`No usable build in ${distDir} (${file}: ${(error as Error).message}); run \`npm run build\` first.`);
  }
  if (!built.config || typeof built.config !== 'object') throw new Error(`${file} holds no configuration; run \`npm run build\` again.`);
  return { ...built.config, cacheHandler: runtime.cacheHandler, cacheMaxMemorySize: runtime.cacheMaxMemorySize ?? built.config.cacheMaxMemorySize };
}
