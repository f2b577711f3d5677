import type http from 'node:http';

/**
 * Every 5xx answer to a page request leaves with the site's error page (server/error-page.tsx) as its body,
 * whatever the handler (Next) was writing: the status stays, the body and the headers describing it go.
 * Requests made by scripts (the client router's RSC fetches, server actions) and for framework files or
 * the API are left alone: they expect data, and handle a failed answer themselves.
 */

const SCRIPT_PATH = /^\/(?:_next|api)(?:\/|$)/;
// Headers that describe the body being dropped.
const BODY_HEADERS = ['content-length', 'content-encoding', 'content-type', 'content-range', 'etag', 'last-modified', 'transfer-encoding'];

export function wantsPage(request: http.IncomingMessage, pathname: string): boolean {
  return request.headers.rsc === undefined && request.headers['next-action'] === undefined && !SCRIPT_PATH.test(pathname);
}

type HeaderObject = Record<string, string | number | readonly string[] | undefined>;
const isHeaderObject = (arg: unknown): arg is HeaderObject => typeof arg === 'object' && arg !== null && !Array.isArray(arg);

/**
 * Installs the swap on `response`, before the handler writes anything: writeHead decides (it learns the
 * status), and write and end drop the handler's body from then on. Compression or any other wrapper the
 * handler adds later writes through these, so its output is dropped too.
 */
export function sendPageOnFault(request: http.IncomingMessage, response: http.ServerResponse, pathname: string, page: string): void {
  if (!wantsPage(request, pathname)) return;
  const body = Buffer.from(page);
  const { writeHead, write, end } = response;
  let replacing = false;

  response.writeHead = function (this: http.ServerResponse, code: number, ...rest: unknown[]) {
    if (code < 500) return writeHead.call(this, code, ...(rest as []));
    replacing = true;
    // Headers handed to writeHead would override those set below: set them first, then drop the body's.
    const headers = rest.find(isHeaderObject);
    if (headers) for (const [name, value] of Object.entries(headers)) if (value !== undefined) this.setHeader(name, value);
    for (const name of BODY_HEADERS) this.removeHeader(name);
    this.setHeader('Content-Type', 'text/html; charset=utf-8');
    this.setHeader('Content-Length', body.length);
    return writeHead.call(this, code, ...(rest.filter((arg) => arg !== headers) as []));
  } as typeof response.writeHead;

  // Node writes the head implicitly on the first write; doing it here first lets writeHead decide before any byte goes.
  const writeHeadFirst = (target: http.ServerResponse) => {
    if (!target.headersSent) target.writeHead(target.statusCode);
  };

  response.write = function (this: http.ServerResponse, ...args: unknown[]) {
    writeHeadFirst(this);
    if (!replacing) return (write as (...a: unknown[]) => boolean).apply(this, args);
    const callback = args.find((arg): arg is () => void => typeof arg === 'function');
    if (callback) process.nextTick(callback);
    return true;
  } as typeof response.write;

  response.end = function (this: http.ServerResponse, ...args: unknown[]) {
    writeHeadFirst(this);
    if (!replacing) return (end as (...a: unknown[]) => http.ServerResponse).apply(this, args);
    const callback = args.find((arg): arg is () => void => typeof arg === 'function');
    return (end as (chunk: Buffer, callback?: () => void) => http.ServerResponse).call(this, body, callback);
  } as typeof response.end;
}
