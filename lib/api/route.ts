import { rememberedAnswer } from '../cache/api-memory';
import { isNotModifiedBy } from './etags';
import { PROBLEM_CONTENT_TYPE, problem, problemResponse, ProblemError } from './problem';
import type { ContentAnswer } from './content';

/**
 * What every API route does around its handler: a refusal the handler throws (ProblemError) is answered as
 * problem+json; anything else thrown is a fault in the site, not in the request: it is logged with the
 * request's id and answered with a problem+json 500 that says nothing of it. The tests send every kind of
 * bad input and assert none of it ever lands here.
 */
export async function answerProblems(request: Request, handle: () => Response | Promise<Response>): Promise<Response> {
  try {
    return await handle();
  } catch (error) {
    if (error instanceof ProblemError) return problemResponse(error);
    console.error(`API request ${request.headers.get('x-request-id') ?? ''} (${request.method} ${new URL(request.url).pathname}) failed:`, error);
    return problemResponse(problem(500, 'The site could not answer this request. It has been logged; try again later.'));
  }
}

/**
 * A Content API answer, remembered per URL with its cache tags until `invalidate` names one of them
 * (lib/cache/api-memory.ts), sent with its ETag; a conditional request naming that ETag gets an empty 304.
 * Cache-Control is the reader pages' (server/http-caching.ts).
 */
export function cachedContent(request: Request, answer: () => ContentAnswer): Promise<Response> {
  return answerProblems(request, () => {
    const url = new URL(request.url);
    const remembered = rememberedAnswer(`${url.pathname}?${url.searchParams.toString()}`, () => {
      const made = answer();
      return { status: made.status, body: JSON.stringify(made.body), tags: made.tags };
    });
    const headers = {
      ETag: remembered.etag,
      'Content-Type': remembered.status === 200 ? 'application/json; charset=utf-8' : PROBLEM_CONTENT_TYPE,
      // Says whether the answer was made for this request (tests, figures): `hit` costs no SQL.
      'X-Content-Api-Cache': remembered.fresh ? 'miss' : 'hit',
    };
    if (remembered.status === 200 && isNotModifiedBy(request.headers.get('if-none-match'), remembered.etag)) return new Response(null, { status: 304, headers });
    return new Response(request.method === 'HEAD' ? null : remembered.body, { status: remembered.status, headers });
  });
}

/** An address under /api/v1 that names nothing. */
export const unknownApiAddress = (request: Request) =>
  answerProblems(request, () => {
    throw problem(404, 'Nothing is at this address. The API is described at /api/v1/openapi.json.');
  });
