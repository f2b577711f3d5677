import type { z } from 'zod';

/**
 * Errors of the HTTP API as `application/problem+json` (RFC 9457): a status, a short title that names the
 * kind of problem, a detail for this occurrence, and for invalid input the field-level `errors` (each field
 * as a JSON path such as `keyPoints.0.text`, with the same message the newsroom shows next to the field).
 * Every answer of the API that is not a success is one of these, built here.
 */

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface FieldError {
  /** Where the value is: a body field's path (`headline`, `keyPoints.0.label`), or a query parameter's name. */
  field: string;
  message: string;
}

export interface Problem {
  /** A URI naming the kind of problem; `about:blank` when the status says it all (RFC 9457 §4.2.1). */
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
  /** For a refused stale write (409): the fields someone else changed since the version sent. */
  changed?: { field: string; theirs: unknown }[];
  /** For a stale write (409): the version now stored, to send with the next attempt. */
  currentVersion?: number;
}

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  406: 'Not acceptable',
  409: 'Conflict',
  411: 'Length required',
  413: 'Content too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  500: 'Internal server error',
};

/** Thrown by the API's request checks and handlers; the route wrapper (./route.ts) answers it. */
export class ProblemError extends Error {
  readonly problem: Problem;
  readonly headers: Record<string, string>;
  constructor(status: number, detail: string, extra: Partial<Problem> = {}, headers: Record<string, string> = {}) {
    super(detail);
    this.problem = { type: 'about:blank', title: TITLES[status] ?? 'Error', status, detail, ...extra };
    this.headers = headers;
  }
}

export const problem = (status: number, detail: string, extra: Partial<Problem> = {}, headers: Record<string, string> = {}) =>
  new ProblemError(status, detail, extra, headers);

/** The field-level errors of a failed zod parse, each field's first message. */
export function fieldErrorsOf(error: z.ZodError, prefix = ''): FieldError[] {
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  for (const issue of error.issues) {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...issue.path, key]) : [issue.path];
    for (const path of keys) {
      const field = prefix + (path.length ? path.map(String).join('.') : '(body)');
      if (seen.has(field)) continue;
      seen.add(field);
      errors.push({ field, message: issue.code === 'unrecognized_keys' ? 'Unknown field: this API takes only the fields it documents.' : issue.message });
    }
  }
  return errors;
}

/** The HTTP answer for a problem. Never stored by a cache unless the caller says (404s are: server/http-caching.ts). */
export function problemResponse(error: ProblemError): Response {
  return new Response(JSON.stringify(error.problem), {
    status: error.problem.status,
    headers: { 'Content-Type': PROBLEM_CONTENT_TYPE, 'Cache-Control': 'no-store', ...error.headers },
  });
}
