import type { NextConfig } from 'next';

/**
 * `?page=N` on a listing is rewritten to a path segment, so every page of a listing is its own
 * cached (ISR) page: reading searchParams would render every listing on every request instead.
 */
const pageQuery = [{ type: 'query' as const, key: 'page', value: '(?<page>.+)' }];
const paginatedListings = [
  { source: '/tags/:tag', has: pageQuery, destination: '/tags/:tag/page/:page' },
  { source: '/authors/:author', has: pageQuery, destination: '/authors/:author/page/:page' },
  { source: '/:section((?!search$|admin$|api$)[^/]+)', has: pageQuery, destination: '/:section/page/:page' },
];

const config: NextConfig = {
  // Tests and benchmarks build into their own folder, so they never clobber the site's build.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  reactStrictMode: true,
  serverExternalPackages: ['better-sqlite3', 'sharp'],
  async rewrites() {
    return { beforeFiles: paginatedListings, afterFiles: [], fallback: [] };
  },
};

export default config;
