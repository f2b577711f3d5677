import { mediaUploadLimits } from '@/lib/config';

/**
 * Which requests an address takes, decided before any body is read (server/main.ts). Methods: the
 * newsroom's forms and the API take POSTs, every other address is only read. Bodies: the newsroom's
 * forms carry image uploads, for someone signed in; everything else (the sign-in form, any request without
 * a live session, the view beacon) takes at most 16 KB. A body must declare its length (browsers always
 * do for forms and fetch), so a stream cannot get round the limit.
 */

const NEWSROOM_PATH = /^\/admin(?:\/|$)/;
const SIGN_IN_PATH = /^\/admin\/login\/?$/;
const POSTED_TO_PATH = /^\/(?:admin|api)(?:\/|$)/;
/** The Admin API (lib/api/admin.ts): also changes articles with PATCH. */
const ADMIN_API_PATH = /^\/api\/v1\/admin(?:\/|$)/;
const ADMIN_API_IMAGES_PATH = /^\/api\/v1\/admin\/images\/?$/;
/** Room for the form fields of an image upload next to the file. */
const UPLOAD_FIELDS_BYTES = 64 * 1024;
/** Room for an article's text next to the largest image upload. */
const FORM_TEXT_BYTES = 1024 * 1024;
const PUBLIC_BODY_BYTES = 16 * 1024;

/** Whether the request carries a live newsroom session, or a live integration key (the body limit depends on it). */
export interface Requester {
  signedIn: boolean;
  integration?: boolean;
}

export function requestBodyLimit(pathname: string, { signedIn, integration = false }: Requester): number {
  if (integration && ADMIN_API_PATH.test(pathname)) return ADMIN_API_IMAGES_PATH.test(pathname) ? mediaUploadLimits().maxBytes + UPLOAD_FIELDS_BYTES : FORM_TEXT_BYTES;
  return signedIn && NEWSROOM_PATH.test(pathname) && !SIGN_IN_PATH.test(pathname) ? mediaUploadLimits().maxBytes + FORM_TEXT_BYTES : PUBLIC_BODY_BYTES;
}

/** Why a request is refused before it is read; `allow` lists the methods the address does answer. */
export type RequestRefusal = { status: 405 | 411 | 413; message: string; allow?: string } | null;

/** The methods an address answers. */
export function allowedMethods(pathname: string): readonly string[] {
  if (ADMIN_API_PATH.test(pathname)) return ['GET', 'HEAD', 'POST', 'PATCH'];
  return POSTED_TO_PATH.test(pathname) ? ['GET', 'HEAD', 'POST'] : ['GET', 'HEAD'];
}

/**
 * Refuses a method the address does not answer. Next would otherwise take a POST to any page as a possible
 * form action and answer 500 when its body is not well-formed form data, and 500 to a TRACE of a route handler.
 */
export function refuseMethod(method: string | undefined, pathname: string): RequestRefusal {
  const allowed = allowedMethods(pathname);
  if (method !== undefined && allowed.includes(method)) return null;
  const allow = allowed.join(', ');
  return { status: 405, message: `This address answers ${allow} requests only.`, allow };
}

/** Why a request's body is refused before it is read, or null when it may be read. */
export function refuseBody(pathname: string, headers: { 'content-length'?: string; 'transfer-encoding'?: string }, requester: Requester): RequestRefusal {
  const declared = headers['content-length'];
  if (declared === undefined) {
    return headers['transfer-encoding'] ? { status: 411, message: 'A request body must declare its length (Content-Length).' } : null;
  }
  const limit = requestBodyLimit(pathname, requester);
  if (!/^\d{1,16}$/.test(declared) || Number(declared) > limit) {
    return { status: 413, message: `The request body is larger than this address accepts (${Math.floor(limit / 1024)} KB).` };
  }
  return null;
}
