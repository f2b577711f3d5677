import path from 'node:path';
import type { NextConfig } from 'next';
import { PHASE_PRODUCTION_SERVER } from 'next/constants';

/**
 * Where the server keeps rendered pages (decision 21): PAGE_CACHE=memory in the process's memory (the default with
 * one worker); `sqlite` one file in DATA_DIR shared by every process of the machine (the default when
 * WEB_CONCURRENCY is above 1); `redis` a Redis server (REDIS_URL) shared by several machines. All three are the
 * site's own handler (lib/cache/page-cache.ts), TypeScript loaded by the running server (tsx): Next's own stores
 * a page as of its storing, so a render that read the page before an editor's save and finished after it was
 * kept as fresh. The build keeps Next's own.
 */
function pageCache(phase: string): Pick<NextConfig, 'cacheHandler' | 'cacheMaxMemorySize'> {
  const choice = process.env.PAGE_CACHE || (Number(process.env.WEB_CONCURRENCY) > 1 ? 'sqlite' : 'memory');
  if (phase !== PHASE_PRODUCTION_SERVER) return {};
  const store = choice === 'sqlite' || choice === 'redis' ? choice : 'memory';
  return { cacheHandler: path.resolve('lib', 'cache', `page-cache-${store}.ts`), cacheMaxMemorySize: 0 };
}

// URL rewriting (pagination, missing pages) happens before Next sees a request: see server/reader-routing.ts.
const config = (phase: string): NextConfig => ({
  ...pageCache(phase),
  // Tests and benchmarks build into their own folder, so they never clobber the site's build.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  reactStrictMode: true,
  serverExternalPackages: ['better-sqlite3', 'sharp'],
  // The reader site and the newsroom have their own root layouts; this is the 404 for both.
  // Head tags (title, description) are always in <head> of the first bytes, for every client: streamed
  // metadata would reach a reader without JavaScript, or a scanner, only later in the body.
  htmlLimitedBots: /.*/,
  // The site draws and re-encodes its own images (lib/media/images.ts) and never uses next/image: the optimizer at
  // /_next/image would only be a way to make it resize images on demand and store each result, unbounded.
  // Switched off, the route answers 404.
  images: { unoptimized: true },
  // Image uploads go through server actions: room for the 10 MB limit (MEDIA_MAX_BYTES) plus the form's text.
  experimental: { globalNotFound: true, serverActions: { bodySizeLimit: '11mb' } },
  // `npm test` type-checks the whole project before it builds for the end-to-end tests; no need twice.
  typescript: { ignoreBuildErrors: process.env.SKIP_BUILD_TYPECHECK === '1' },
});

export default config;
