import { mediaUploadLimits } from './config';

/**
 * How big a request body may be, decided before any of it is read (scripts/server.ts): the newsroom's
 * forms carry image uploads; everything else public takes at most a view beacon's few bytes. A body must
 * declare its length (browsers always do for forms and fetch), so a stream cannot get round the limit.
 */

const NEWSROOM_PATH = /^\/admin(?:\/|$)/;
/** Room for an article's text next to the largest image upload. */
const FORM_TEXT_BYTES = 1024 * 1024;
const PUBLIC_BODY_BYTES = 16 * 1024;

export function requestBodyLimit(pathname: string): number {
  return NEWSROOM_PATH.test(pathname) ? mediaUploadLimits().maxBytes + FORM_TEXT_BYTES : PUBLIC_BODY_BYTES;
}

export type BodyRefusal = { status: 411 | 413; message: string } | null;

/** Why a request's body is refused before it is read, or null when it may be read. */
export function refuseBody(pathname: string, headers: { 'content-length'?: string; 'transfer-encoding'?: string }): BodyRefusal {
  const declared = headers['content-length'];
  if (declared === undefined) {
    return headers['transfer-encoding'] ? { status: 411, message: 'A request body must declare its length (Content-Length).' } : null;
  }
  const limit = requestBodyLimit(pathname);
  if (!/^\d{1,16}$/.test(declared) || Number(declared) > limit) {
    return { status: 413, message: `The request body is larger than this address accepts (${Math.floor(limit / 1024)} KB).` };
  }
  return null;
}
