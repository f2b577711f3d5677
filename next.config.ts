import type { NextConfig } from 'next';

// URL rewriting (pagination, missing pages) happens before Next sees a request: see server/reader-routing.ts.
const config: NextConfig = {
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
};

export default config;
