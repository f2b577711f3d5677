import path from 'node:path';

/** Runtime configuration from the environment, with defaults that work on a fresh clone. */
export function dataDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.DATA_DIR || 'data');
}

export function databaseFile(): string {
  return path.join(dataDir(), 'news.db');
}

export function mediaDir(): string {
  return path.join(dataDir(), 'media');
}

const DEFAULT_MEDIA_MAX_BYTES = 10 * 1024 * 1024;

/**
 * What an upload may be: its size in bytes (MEDIA_MAX_BYTES; raising it also needs Next's
 * `serverActions.bodySizeLimit` raised, or Next refuses the request before our check runs) and its
 * pixel count, which bounds the memory decoding it takes (40 megapixels is about 160 MB decoded).
 */
export function mediaUploadLimits(): { maxBytes: number; maxPixels: number } {
  const raw = process.env.MEDIA_MAX_BYTES?.trim() ?? '';
  const maxBytes = /^[1-9][0-9]{0,11}$/.test(raw) ? Number(raw) : DEFAULT_MEDIA_MAX_BYTES;
  return { maxBytes, maxPixels: 40_000_000 };
}

/**
 * How much a reader may type into the search box: the form's maxLength, the search page and the
 * database's query builder all cut at this. Nobody types this much into a search box, and each term
 * costs a posting-list read.
 */
export const MAX_QUERY_CHARACTERS = 200;

/**
 * The first wait imposed on sign-ins after five failures in 15 minutes (it doubles with each further
 * failure: lib/auth/throttle.ts). SIGN_IN_FIRST_WAIT_MS, 100 ms to 10 minutes; 1 s unless set.
 */
export function signInFirstWaitMs(): number {
  const raw = process.env.SIGN_IN_FIRST_WAIT_MS?.trim() ?? '';
  const ms = /^[1-9][0-9]{2,5}$/.test(raw) ? Number(raw) : NaN;
  return ms >= 100 && ms <= 600_000 ? ms : 1_000;
}

export interface SiteConfig {
  name: string;
  baseUrl: string;
  language: string;
  timeZone: string;
}

export function siteConfig(): SiteConfig {
  return {
    name: process.env.SITE_NAME || 'CRBC News',
    baseUrl: (process.env.BASE_URL || `http://localhost:${process.env.PORT || 3000}`).replace(/\/+$/, ''),
    language: process.env.SITE_LANGUAGE || 'en',
    timeZone: process.env.SITE_TIME_ZONE || 'Europe/London',
  };
}

/** Set by server/main.ts on every request (any incoming value is overwritten): the client's address. */
export const CLIENT_ADDRESS_HEADER = 'x-newsroom-client-address';
