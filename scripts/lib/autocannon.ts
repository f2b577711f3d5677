import { createRequire } from 'node:module';

// autocannon ships no types and @types/autocannon is not installed: just the part the scripts use.
interface Histogram {
  average: number;
  total: number;
  p50: number;
  p99: number;
}
export interface AutocannonResult {
  requests: Histogram;
  latency: Histogram;
  non2xx: number;
  errors: number; // includes timeouts
  timeouts: number;
  statusCodeStats: Record<string, { count: number }>;
}
export interface AutocannonOptions {
  url: string;
  connections: number;
  duration: number;
  maxOverallRequests?: number;
  /** Seconds before a request counts as a timeout (autocannon's default: 10). */
  timeout?: number;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** Paths each connection requests in turn, round after round. */
  requests?: Array<{ method: 'GET'; path: string }>;
}
export const autocannon = createRequire(import.meta.url)('autocannon') as (options: AutocannonOptions) => PromiseLike<AutocannonResult>;
