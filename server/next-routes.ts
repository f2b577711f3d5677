import fs from 'node:fs';
import path from 'node:path';

/**
 * Which of the build's routes Next would answer a path with. The build's routes manifest lists every
 * page and route handler by its pattern ("/media/[file]", "/[section]/[slug]"); Next prefers, segment by
 * segment from the left, a fixed name to a [parameter], and a [parameter] to a catch-all [...rest] (which
 * takes one or more segments: the API's problem+json 404 under /api/v1).
 */
export type RouteFinder = (pathname: string) => string | null;

const isParameter = (segment: string) => segment.startsWith('[') && segment.endsWith(']');
const isCatchAll = (segment: string) => segment.startsWith('[...') && segment.endsWith(']');
/** 0 for a fixed name, 1 for a parameter, 2 for a catch-all: lower wins. */
const rank = (segment: string | undefined) => (segment === undefined ? 3 : isCatchAll(segment) ? 2 : isParameter(segment) ? 1 : 0);
const segmentsOf = (route: string) => (route === '/' ? [] : route.slice(1).split('/'));

/** Whether route `a` wins over route `b` (both matching the same path). */
function moreSpecific(a: readonly string[], b: readonly string[]): boolean {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (rank(a[i]) !== rank(b[i])) return rank(a[i]) < rank(b[i]);
  }
  return false;
}

export function routeFinder(routes: readonly string[]): RouteFinder {
  const patterns = routes.map((route) => ({ route, segments: segmentsOf(route) }));
  return (pathname) => {
    const segments = segmentsOf(pathname.replace(/(?<=.)\/+$/, ''));
    let best: (typeof patterns)[number] | null = null;
    for (const pattern of patterns) {
      const catchAll = isCatchAll(pattern.segments.at(-1) ?? '');
      if (catchAll ? segments.length < pattern.segments.length : pattern.segments.length !== segments.length) continue;
      if (!pattern.segments.every((segment, i) => segment === segments[i] || isParameter(segment))) continue;
      if (!best || moreSpecific(pattern.segments, best.segments)) best = pattern;
    }
    return best?.route ?? null;
  };
}

/** The route patterns of the production build in `distDir`, from its routes manifest. */
export function readBuiltRoutes(distDir: string): string[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(distDir, 'routes-manifest.json'), 'utf8')) as {
    staticRoutes: { page: string }[];
    dynamicRoutes: { page: string }[];
  };
  return [...manifest.staticRoutes, ...manifest.dynamicRoutes].map((route) => route.page);
}
