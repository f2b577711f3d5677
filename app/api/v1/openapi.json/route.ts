import { openApiDocument } from '@/lib/api/openapi';
import { isNotModifiedBy } from '@/lib/api/etags';
import { etagFor } from '@/lib/syndication/etag';

/** The API's OpenAPI 3.1 document, generated from the handlers' own schemas (lib/api/openapi.ts). */
export const dynamic = 'force-dynamic';

let made: { body: string; etag: string } | undefined;

export function GET(request: Request) {
  made ??= (() => {
    const body = JSON.stringify(openApiDocument(), null, 2);
    return { body, etag: etagFor(body) };
  })();
  const headers = { ETag: made.etag, 'Content-Type': 'application/json; charset=utf-8' };
  if (isNotModifiedBy(request.headers.get('if-none-match'), made.etag)) return new Response(null, { status: 304, headers });
  return new Response(made.body, { headers });
}
