import { parseArgs } from 'node:util';

/** What `npm run bench -- …` was asked for (scripts/bench.ts lists the flags). */
export interface BenchOptions {
  duration: number;
  connections: number;
  proxy: boolean;
  /** Varnish with deploy/varnish.vcl in front of the site, purged on every publish. */
  varnish: boolean;
  articles: number;
  renders: number;
  publishes: number;
  loadSeconds: number;
  unknownUrls: number;
}

function positiveInteger(value: string | undefined, fallback: number, flag: string, min = 1): number {
  if (value === undefined) return fallback;
  const parsed = Number(value.replaceAll('_', ''));
  if (!Number.isInteger(parsed) || parsed < min) throw new Error(`--${flag} must be a whole number of at least ${min}, got "${value}"`);
  return parsed;
}

/** The command line's options, with the defaults of a full run; throws on an unknown flag or a bad number. */
export function parseBenchOptions(args: string[] = process.argv.slice(2)): BenchOptions {
  const numbers = ['duration', 'connections', 'articles', 'renders', 'publishes', 'load-seconds', 'unknown-urls'] as const;
  const { values } = parseArgs({
    args,
    options: {
      ...Object.fromEntries(numbers.map((name) => [name, { type: 'string' as const }])),
      proxy: { type: 'boolean', default: false },
      varnish: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const given = values as Record<string, string | boolean | undefined>;
  const number = (name: (typeof numbers)[number]) => {
    const value = given[name];
    return typeof value === 'string' ? value : undefined;
  };
  return {
    duration: positiveInteger(number('duration'), 10, 'duration'),
    connections: positiveInteger(number('connections'), 50, 'connections'),
    proxy: values.proxy === true,
    varnish: values.varnish === true,
    articles: positiveInteger(number('articles'), 100_000, 'articles', 0),
    // The bar: at least 100 renders for a p99 worth the name.
    renders: positiveInteger(number('renders'), 100, 'renders', 100),
    publishes: positiveInteger(number('publishes'), 20, 'publishes'),
    loadSeconds: positiveInteger(number('load-seconds'), 60, 'load-seconds'),
    unknownUrls: positiveInteger(number('unknown-urls'), 100_000, 'unknown-urls'),
  };
}
