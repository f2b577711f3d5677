import type { z } from 'zod';
import { fieldErrorsOf, problem } from './problem';

/**
 * Reading a request's input for the API, refusing anything it does not document: a query parameter given
 * twice or not named by the schema (400), a body that is not JSON, too large or of unknown fields
 * (415, 413, 400, 422). Each refusal is a problem+json answer with field-level `errors`: bad input never
 * reaches a handler's work, and never a 500.
 */

/** The query, validated: every parameter once, only those the schema names. */
export function parseQuery<S extends z.ZodType>(url: URL, schema: S): z.output<S> {
  const values: Record<string, string> = {};
  for (const [name, value] of url.searchParams) {
    if (name in values) throw problem(400, `The query parameter "${name}" is given more than once.`, { errors: [{ field: name, message: 'Give this parameter once.' }] });
    values[name] = value;
  }
  const parsed = schema.safeParse(values);
  if (!parsed.success) throw problem(400, 'Some query parameters are not valid: see `errors`.', { errors: fieldErrorsOf(parsed.error) });
  return parsed.data;
}

/** Path parameters (ids, slugs), validated: anything else names nothing (404). */
export function parseParams<S extends z.ZodType>(params: unknown, schema: S): z.output<S> {
  const parsed = schema.safeParse(params);
  if (!parsed.success) throw problem(404, 'Nothing is at this address.');
  return parsed.data;
}

/** JSON bodies: an article with its longest text fits with room to spare. */
export const MAX_JSON_BODY_BYTES = 1024 * 1024;

/** The request's bytes, at most `maxBytes` (the declared length is checked first; a stream is cut off past it). */
export async function readBounded(request: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = request.headers.get('content-length');
  const tooLarge = () => problem(413, `The request body is larger than this address accepts (${Math.floor(maxBytes / 1024)} KB).`);
  if (declared !== null && (!/^\d{1,16}$/.test(declared) || Number(declared) > maxBytes)) throw tooLarge();
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

/** The JSON body, validated by `schema` (strict objects: an unknown field is refused by name). */
export async function readJsonBody<S extends z.ZodType>(request: Request, schema: S, maxBytes = MAX_JSON_BODY_BYTES): Promise<z.output<S>> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/json\s*(?:;\s*charset=utf-8\s*)?$/i.test(type.trim())) {
    throw problem(415, 'Send the body as JSON, with `Content-Type: application/json`.');
  }
  const bytes = await readBounded(request, maxBytes);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw problem(400, 'The body is not valid UTF-8.');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw problem(400, 'The body is not well-formed JSON.');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw problem(422, 'Some fields are not valid: see `errors`.', { errors: fieldErrorsOf(parsed.error) });
  return parsed.data;
}

/** `fields=a,b,c` checked against the fields an item has: unknown names are refused (400), `id` always kept. */
export function parseFields<K extends string>(raw: string | undefined, allowed: readonly K[]): Set<K> | null {
  if (raw === undefined) return null;
  const names = raw.split(',').map((name) => name.trim()).filter(Boolean);
  const unknown = names.filter((name) => !(allowed as readonly string[]).includes(name));
  if (names.length === 0 || unknown.length > 0) {
    const message = names.length === 0 ? 'Name at least one field.' : `Unknown field${unknown.length > 1 ? 's' : ''}: ${unknown.slice(0, 5).join(', ')}. Fields: ${allowed.join(', ')}.`;
    throw problem(400, 'The `fields` parameter names fields these items do not have.', { errors: [{ field: 'fields', message }] });
  }
  return new Set(['id' as K, ...(names as K[])]);
}

/** The item with only `fields` (all of it when null). */
export function trimmed<T extends object>(item: T, fields: ReadonlySet<string> | null): Partial<T> {
  if (!fields) return item;
  return Object.fromEntries(Object.entries(item).filter(([key]) => fields.has(key))) as Partial<T>;
}
