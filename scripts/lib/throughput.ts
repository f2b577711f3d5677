import { autocannon, type AutocannonResult } from './autocannon';

const WARMUP_SECONDS = 2;
const WARMUP_REQUESTS = 500;

/** The warm-up each target gets before it is measured, as the bench reports it. */
export const WARMUP = `a warm-up of ${WARMUP_SECONDS} s or ${WARMUP_REQUESTS} requests`;

export interface Target {
  name: string;
  url: string;
}

export interface Measurement {
  target: Target;
  result: AutocannonResult;
}

export interface LoadOptions {
  connections: number;
  /** Seconds of measured load per target. */
  duration: number;
}

async function warmUp(target: Target, options: LoadOptions): Promise<void> {
  // Fills the ISR cache and lets V8 optimise the hot paths before anything is measured.
  await autocannon({
    url: target.url,
    connections: options.connections,
    duration: WARMUP_SECONDS,
    maxOverallRequests: Math.max(WARMUP_REQUESTS, options.connections),
  });
}

/** Requests per second and latency of one URL under load, after a warm-up; prints the rate as it goes. */
export async function measure(target: Target, options: LoadOptions): Promise<Measurement> {
  process.stdout.write(`Benchmarking ${target.name} (${target.url}) ... `);
  await warmUp(target, options);
  const result = await autocannon({ url: target.url, connections: options.connections, duration: options.duration });
  console.log(`${Math.round(result.requests.average)} req/s`);
  return { target, result };
}

/** What went wrong under load: answers other than 2xx, errors and timeouts, per target. */
export function failures(measurements: Measurement[]): string[] {
  return measurements.flatMap(({ target, result }) => {
    const problems: string[] = [];
    if (result.non2xx > 0) {
      const codes = Object.entries(result.statusCodeStats)
        .filter(([code]) => !code.startsWith('2'))
        .map(([code, { count }]) => `${code}: ${count}`)
        .join(', ');
      problems.push(`${target.name}: ${result.non2xx} non-2xx responses (${codes})`);
    }
    if (result.errors > 0) problems.push(`${target.name}: ${result.errors} errors, ${result.timeouts} of them timeouts`);
    return problems;
  });
}
